// The registry's invariants on the real PostgreSQL server, with real API processes and the real
// engine: idempotency and "one live application per applicant, year and category" across two API
// processes, a process killed mid-submission, a registry that goes down, a planted certificate.
import { withMaterials } from '../support/materials.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { loadConfig, ROOT } from '../../workers/config.js';
import { createLogger } from '../../workers/log.js';
import { startService, type Running } from '../../workers/main.js';
import { openRegistryDatabase, type RegistryDatabase } from '../../workers/registry/db.js';
import { DATABASE_URL, rest, serviceEnv, waitFor } from '../setup/engine.js';
import { randomResidentId } from '../support/ids.js';

const fixture = JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures/application-regular.json'), 'utf8'));
delete fixture.submittedAt;
const newApplication = () => ({ ...fixture, applicant: { ...fixture.applicant, idNumber: randomResidentId() } });
const auth = { authorization: 'Bearer local-dev-token', 'content-type': 'application/json' };

let database: RegistryDatabase;
beforeAll(async () => {
  database = await openRegistryDatabase({ url: DATABASE_URL, dir: 'memory://' });
});
afterAll(() => database?.close());

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** An API process of the product (no workers: only submission is under test), on its own port. */
async function apiProcess(): Promise<{ url: string; child: ChildProcess; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'workers/main.ts')], {
    env: { ...process.env, ...serviceEnv({ API_PORT: String(port), WORKERS_ENABLED: 'false', LOG_LEVEL: 'warn', POLICY_ID: 'demo', RESUME_STARTS_MS: '1000', RESUME_AFTER_MS: '15000' }) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`the API process on ${port}`, async () => (await fetch(`${url}/api/openapi.json`).catch(() => null))?.ok, 60_000);
  return {
    url,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

const post = async (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}/api/applications`, { method: 'POST', headers: { ...auth, ...headers }, body: JSON.stringify(await withMaterials(url, auth.authorization, body)) }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));

const rowsOf = (idNumber: string) =>
  database.db
    .selectFrom('applications')
    .select(['id', 'state', 'process_instance_id'])
    .where('applicant_key', '=', createHash('sha256').update(idNumber).digest('hex'))
    .execute();

const instancesOf = async (businessKey: string) => (await rest.processInstances({ businessKey, processDefinitionKey: 'title-regular' })).length;

describe('the registry across API processes (PostgreSQL)', () => {
  let a: Awaited<ReturnType<typeof apiProcess>>;
  let b: Awaited<ReturnType<typeof apiProcess>>;
  beforeAll(async () => {
    [a, b] = await Promise.all([apiProcess(), apiProcess()]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it('starts one flow for the same Idempotency-Key sent to two processes at once', async () => {
    for (let round = 0; round < 5; round++) {
      const application = newApplication();
      const key = { 'idempotency-key': `retry-${Date.now()}-${round}` };
      const [x, y] = await Promise.all([post(a.url, application, key), post(b.url, application, key)]);
      expect([x.status, y.status]).toEqual([201, 201]);
      expect(x.body.id).toBe(y.body.id);
      expect(await rowsOf(application.applicant.idNumber)).toHaveLength(1);
      expect(await instancesOf(String(x.body.id))).toBe(1);
    }
  });

  it('answers one 201 and one 409 to two keys for the same applicant, year and category', async () => {
    for (let round = 0; round < 5; round++) {
      const application = newApplication();
      const [x, y] = await Promise.all([post(a.url, application, { 'idempotency-key': `k1-${Date.now()}-${round}` }), post(b.url, application, { 'idempotency-key': `k2-${Date.now()}-${round}` })]);
      expect([x.status, y.status].sort()).toEqual([201, 409]);
      const loser = x.status === 409 ? x : y;
      expect(loser.body).toEqual({ errors: [expect.objectContaining({ field: 'applicant.idNumber' })] });
      const rows = await rowsOf(application.applicant.idNumber);
      expect(rows).toHaveLength(1);
      expect(await instancesOf(rows[0]!.id)).toBe(1);
    }
  });

  it('leaves a complete application or none when an API process is killed mid-submission', async () => {
    const victim = await apiProcess();
    const applications = Array.from({ length: 30 }, newApplication);
    const sent = applications.map((application) => post(victim.url, application).catch(() => null));
    // Killed as the first answer arrives: the others are before, inside or after their registry
    // transaction, or between the registry and the engine.
    await Promise.race(sent);
    victim.child.kill('SIGKILL');
    const answers = await Promise.all(sent);
    // A third process resumes what was accepted and not started; nothing is half there.
    const survivor = await apiProcess();
    try {
      let recorded = 0;
      for (const [i, application] of applications.entries()) {
        const rows = await waitFor(`application ${i} to be complete or absent`, async () => {
          const r = await rowsOf(application.applicant.idNumber);
          return r.every((row) => row.state !== 'starting' && row.process_instance_id) ? r : null;
        }, 60_000, 500);
        expect(rows.length).toBeLessThanOrEqual(1);
        if (rows[0]) {
          recorded++;
          expect(await instancesOf(rows[0].id)).toBe(1);
        }
        // An answer the client got is never contradicted: a 201 means the application exists.
        if (answers[i]?.status === 201) expect(rows[0]?.id).toBe(answers[i]!.body.id);
      }
      expect(recorded).toBeGreaterThan(0);
    } finally {
      await survivor.stop();
    }
  }, 180_000);
});

describe('a registry that goes down', () => {
  let service: Running;
  let proxy: net.Server;
  const sockets = new Set<net.Socket>();
  let proxyPort: number;
  const target = new URL(DATABASE_URL);

  const listen = () =>
    new Promise<void>((resolve) => {
      proxy = net.createServer((client) => {
        const upstream = net.connect(Number(target.port || 5432), target.hostname);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => undefined);
        }
        client.pipe(upstream).pipe(client);
      });
      proxy.listen(proxyPort, '127.0.0.1', () => resolve());
    });
  const cut = () =>
    new Promise<void>((resolve) => {
      proxy.close(() => resolve());
      for (const s of sockets) s.destroy();
    });

  beforeAll(async () => {
    proxyPort = await freePort();
    await listen();
    const url = new URL(DATABASE_URL);
    url.host = `127.0.0.1:${proxyPort}`;
    service = await startService(loadConfig(serviceEnv({ DATABASE_URL: url.toString(), WORKERS_ENABLED: 'false', POLICY_ID: 'demo' })), createLogger('silent'));
  });
  afterAll(async () => {
    await service?.stop();
    proxy?.close();
  });

  it('answers 503 naming the registry, and loses nothing it had accepted', async () => {
    const api = `http://127.0.0.1:${service.port}`;
    const accepted = await post(api, newApplication());
    expect(accepted.status).toBe(201);
    // Its materials are uploaded while the registry answers; the submission comes when it does not.
    const next = await withMaterials(api, auth.authorization, newApplication());
    await cut();
    const refused = await post(api, next);
    expect(refused.status).toBe(503);
    expect(refused.body).toEqual({ errors: [{ field: '(registry)', message: expect.stringMatching(/registry is unavailable/) }] });
    const status = await fetch(`${api}/api/applications/${accepted.body.id}`, { headers: auth });
    expect(status.status).toBe(503);
    await listen();
    const back = await waitFor('the registry to answer again', async () => {
      const r = await fetch(`${api}/api/applications/${accepted.body.id}`, { headers: auth });
      return r.status === 200 ? ((await r.json()) as Record<string, unknown>) : null;
    });
    expect(back).toMatchObject({ id: accepted.body.id, category: 'regular' });
    expect(await instancesOf(String(accepted.body.id))).toBe(1);
  });
});

describe('certificates', () => {
  let service: Running;
  beforeAll(async () => {
    service = await startService(loadConfig(serviceEnv({ WORKERS_ENABLED: 'false', POLICY_ID: 'demo' })), createLogger('silent'));
  });
  afterAll(() => service?.stop());

  it('exist only when the registry issued them: a planted process variable issues nothing', async () => {
    const api = `http://127.0.0.1:${service.port}`;
    const created = await post(api, newApplication());
    expect(created.status).toBe(201);
    const id = String(created.body.id);
    const [instance] = await rest.processInstances({ businessKey: id, processDefinitionKey: 'title-regular' });
    const code = 'PLANTEDCERT234567890'.replace(/[01IOL]/g, '2').slice(0, 20);
    const planted = { kind: 'certificate', number: '2099-C02-000001', verificationCode: code, holder: '张三', title: '工程 计算机应用', level: 'senior', issuedOn: '2099-01-01', status: 'valid' };
    for (const [name, value] of Object.entries({ certificate: planted, certificateCode: code })) {
      await rest.request('PUT', `/process-instance/${instance!.id}/variables/${name}`, typeof value === 'string' ? { value, type: 'String' } : { value: JSON.stringify(value), type: 'Json' });
    }
    expect((await fetch(`${api}/api/certificates/${code}`)).status).toBe(404);
    const status = (await (await fetch(`${api}/api/applications/${id}`, { headers: auth })).json()) as Record<string, unknown>;
    expect(status.certificate).toBeNull();
  });
});

describe('upgrading a running system', () => {
  it('imports applications started before the registry from the engine history, once', async () => {
    const { importFromHistory } = await import('../../workers/applications/import-history.js');
    const { Registry } = await import('../../workers/registry/registry.js');
    const { newApplicationId } = await import('../../workers/domain/codes.js');
    const registry = new Registry(database.db);
    // Two applications as the product started them before it had a registry: one waiting, one ended.
    const started = async () => {
      const id = newApplicationId(new Date().getFullYear());
      const application = { ...newApplication(), submittedAt: new Date().toISOString().replace('Z', '+00:00') };
      const instance = await rest.startProcess('title-regular', id, { applicationId: id, application, policyId: 'demo', submittedAt: application.submittedAt });
      return { id, instance };
    };
    const live = await started();
    const deleted = await started();
    await rest.deleteProcessInstance(deleted.instance.id);
    expect(await registry.application(live.id)).toBeNull();

    const first = await importFromHistory({ rest, registry, db: database.db, log: createLogger('silent') });
    expect(first.imported).toBeGreaterThanOrEqual(2);
    expect(await registry.application(live.id)).toMatchObject({ id: live.id, state: 'processing', live: true, process_instance_id: live.instance.id, category: 'regular' });
    expect(await registry.application(deleted.id)).toMatchObject({ state: 'withdrawn', live: false });
    expect((await registry.events(live.id)).map((e) => e.kind)).toEqual(['submitted', 'imported']);

    const again = await importFromHistory({ rest, registry, db: database.db, log: createLogger('silent') });
    expect(again.imported).toBe(0);
    expect((await registry.events(live.id)).map((e) => e.kind)).toEqual(['submitted', 'imported']);

    // The imported application goes on: its next step is recorded like any other's.
    const service = await startService(loadConfig(serviceEnv({ POLICY_ID: 'demo' })), createLogger('silent'));
    try {
      const status = await waitFor('the imported application to reach its unit review', async () => {
        const s = (await (await fetch(`http://127.0.0.1:${service.port}/api/applications/${live.id}`, { headers: auth })).json()) as Record<string, unknown>;
        return s.status === 'in-review' ? s : null;
      });
      expect(status.currentSteps).toEqual([expect.objectContaining({ step: 'unit-review-task' })]);
    } finally {
      await service.stop();
    }
  }, 180_000);
});
