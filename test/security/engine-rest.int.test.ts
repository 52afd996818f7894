// The engine's REST API, black-box: nobody deploys without credentials, the service account of the
// workers and the API may not deploy (so it cannot bring a script or an expression into the
// engine), and the engine refuses to start in production with the demo administrator password.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { ROOT } from '../../workers/config.js';
import { ENGINE_URL, engineCredentials, rest } from '../setup/engine.js';
import { basic, deployBpmn } from '../support/deployments.js';

// A diagram whose script task and expression would run code inside the engine if it were deployed.
const hostile = (id: string) => `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="security-test">
  <process id="${id}" isExecutable="true" camunda:historyTimeToLive="P1D">
    <startEvent id="start"/>
    <sequenceFlow id="f1" sourceRef="start" targetRef="script"/>
    <scriptTask id="script" scriptFormat="javascript"><script>java.lang.System.exit(1)</script></scriptTask>
    <sequenceFlow id="f2" sourceRef="script" targetRef="expression"/>
    <serviceTask id="expression" camunda:expression="\${execution.getProcessEngineServices().getRepositoryService()}"/>
    <sequenceFlow id="f3" sourceRef="expression" targetRef="end"/>
    <endEvent id="end"/>
  </process>
</definitions>`;

const deploy = (name: string, id: string, authorization?: string) => deployBpmn(name, id, hostile(id), authorization);

async function deployed(name: string, id: string): Promise<number> {
  const deployments = await rest.request<unknown[]>('GET', `/deployment?name=${encodeURIComponent(name)}`);
  const definitions = await rest.request<unknown[]>('GET', `/process-definition?key=${encodeURIComponent(id)}`);
  return deployments.length + definitions.length;
}

describe('engine REST API', () => {
  it('has credentials in this test run', () => {
    expect(engineCredentials.ENGINE_USER).not.toBe('');
    expect(engineCredentials.ENGINE_ADMIN_USER).not.toBe('');
  });

  it('answers 401 to a deployment without credentials, and deploys nothing', async () => {
    const id = `security-${randomUUID().slice(0, 8)}`;
    const res = await deploy(`security-test-${id}`, id);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Basic/);
    expect(await deployed(`security-test-${id}`, id)).toBe(0);
  });

  it('answers 401 to reads without credentials and to a wrong password', async () => {
    expect((await fetch(`${ENGINE_URL}/process-instance`)).status).toBe(401);
    expect((await fetch(`${ENGINE_URL}/task`)).status).toBe(401);
    // A user that does not exist: a wrong password of a real account would delay its next login.
    expect((await fetch(`${ENGINE_URL}/process-instance`, { headers: { authorization: basic('nobody-here', 'guess') } })).status).toBe(401);
  });

  it('answers 403 to a deployment by the service account of the workers and the API, and deploys nothing', async () => {
    const id = `security-${randomUUID().slice(0, 8)}`;
    const res = await deploy(`security-test-${id}`, id, basic(engineCredentials.ENGINE_USER, engineCredentials.ENGINE_PASSWORD));
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ type: 'AuthorizationException', missingAuthorizations: [{ permissionName: 'CREATE', resourceName: 'Deployment' }] });
    expect(await deployed(`security-test-${id}`, id)).toBe(0);
  });

  it('lets the service account neither read the identity service nor grant itself more', async () => {
    const service = basic(engineCredentials.ENGINE_USER, engineCredentials.ENGINE_PASSWORD);
    const grant = await fetch(`${ENGINE_URL}/authorization/create`, {
      method: 'POST',
      headers: { authorization: service, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 1, permissions: ['ALL'], userId: engineCredentials.ENGINE_USER, resourceType: 9, resourceId: '*' }),
    });
    expect(grant.status).toBe(403);
    const create = await fetch(`${ENGINE_URL}/user/create`, {
      method: 'POST',
      headers: { authorization: service, 'content-type': 'application/json' },
      body: JSON.stringify({ profile: { id: `intruder${Date.now()}` }, credentials: { password: 'x1234567' } }),
    });
    expect(create.status).toBe(403);
  });
});

describe('engine start-up in production', () => {
  const engine = process.env.ENGINE ?? 'operaton';
  const jar = path.join(ROOT, 'engine', 'target', engine, `title-review-engine-${engine}.jar`);

  /** Starts the engine jar on a scratch database and a free port; resolves with its exit code and output. */
  function startEngine(env: Record<string, string>, args: string[] = []): Promise<{ code: number | null; output: string }> {
    const data = mkdtempSync(path.join(os.tmpdir(), 'engine-production-'));
    return new Promise((resolve) => {
      const child = spawn('java', ['-Xmx384m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-jar', jar, ...args], {
        env: { PATH: process.env.PATH ?? '', JAVA_HOME: process.env.JAVA_HOME ?? '', ENGINE_PORT: '0', ENGINE_DATA_DIR: data, ...env },
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        // Started after all: stop it, the test fails on the exit code.
        if (/Started EngineApplication/.test(output)) child.kill('SIGTERM');
      });
      child.stderr.on('data', (chunk: Buffer) => void (output += chunk.toString()));
      child.on('exit', (code) => {
        rmSync(data, { recursive: true, force: true });
        resolve({ code, output });
      });
    });
  }

  const refusal = "the administrator's password must be set, and not to 'demo', the user's id or another local default, when TITLE_REVIEW_PRODUCTION=true";
  const property = engine === 'camunda7' ? 'camunda.bpm.admin-user.password' : 'operaton.bpm.admin-user.password';
  const envKey = engine === 'camunda7' ? 'CAMUNDA_BPM_ADMIN_USER_PASSWORD' : 'OPERATON_BPM_ADMIN_USER_PASSWORD';

  it('refuses the demo administrator password with TITLE_REVIEW_PRODUCTION=true', async () => {
    const { code, output } = await startEngine({ TITLE_REVIEW_PRODUCTION: 'true', ENGINE_ADMIN_USER: 'admin', ENGINE_ADMIN_PASSWORD: 'demo' });
    expect(code).not.toBe(0);
    expect(output).toContain(`ENGINE_ADMIN_PASSWORD (${property}): ${refusal}`);
  }, 120_000);

  // The engine's own setting decides, whatever sets it: ENGINE_ADMIN_PASSWORD is strong here, and
  // the engine's property (its environment variable, or an argument) sets a weak one after all.
  it.each([
    [`${envKey}=demo`, { [envKey]: 'demo' }, []],
    [`${envKey}=admin (the user's id)`, { [envKey]: 'admin' }, []],
    [`--${property}=demo`, {}, [`--${property}=demo`]],
  ])('refuses %s, whatever ENGINE_ADMIN_PASSWORD says', async (_what, env, args) => {
    const { code, output } = await startEngine({ TITLE_REVIEW_PRODUCTION: 'true', ENGINE_ADMIN_USER: 'admin', ENGINE_ADMIN_PASSWORD: 'a-long-secret-0123', ...env }, args);
    expect(code).not.toBe(0);
    expect(output).toContain(`ENGINE_ADMIN_PASSWORD (${property}): ${refusal}`);
  }, 120_000);

  it('refuses a production engine whose REST API does not ask for authentication', async () => {
    const { code, output } = await startEngine({ TITLE_REVIEW_PRODUCTION: 'true', ENGINE_ADMIN_PASSWORD: 'a-long-secret', ENGINE_REST_AUTHENTICATION: 'false' });
    expect(code).not.toBe(0);
    expect(output).toContain('ENGINE_REST_AUTHENTICATION: the REST API must require authentication');
  }, 120_000);
});

describe('the engine\'s database files (integrity: local data)', () => {
  it('are readable by the engine\'s user only (engine/bin/start.sh: umask 077, the folder go-rwx)', () => {
    const dir = process.env.ENGINE_DATA_DIR ?? path.join(ROOT, 'engine', 'data', process.env.ENGINE ?? 'operaton');
    const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
    expect(files.length).toBeGreaterThan(0);
    expect((statSync(dir).mode & 0o077).toString(8)).toBe('0');
    for (const f of files) expect([f.name, (statSync(path.join(f.parentPath, f.name)).mode & 0o077).toString(8)]).toEqual([f.name, '0']);
  });
});
