// The deploy account (ENGINE_DEPLOY_USER), black-box against the real engine: it deploys, and it
// sees nothing else: no process instance or its variables, no task to complete, no other user or
// group, no history, no authorizations. The service account still may not deploy.
import { randomUUID } from 'node:crypto';
import { ENGINE_URL, engineCredentials, rest } from '../setup/engine.js';
import { basic, deployBpmn } from '../support/deployments.js';

const deployer = () => basic(engineCredentials.ENGINE_DEPLOY_USER, engineCredentials.ENGINE_DEPLOY_PASSWORD);

// A user task that waits, so that there is an instance with a variable and a task to reach for.
const waiting = (id: string) => `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="security-test">
  <process id="${id}" isExecutable="true" camunda:historyTimeToLive="P1D">
    <startEvent id="start"/>
    <sequenceFlow id="f1" sourceRef="start" targetRef="review"/>
    <userTask id="review" name="审核"/>
    <sequenceFlow id="f2" sourceRef="review" targetRef="end"/>
    <endEvent id="end"/>
  </process>
</definitions>`;

const deploy = (name: string, id: string, authorization?: string) => deployBpmn(name, id, waiting(id), authorization);

const get = (path: string, authorization: string) => fetch(`${ENGINE_URL}${path}`, { headers: { authorization } });

describe('the deploy account', () => {
  const id = `deploy-account-${randomUUID().slice(0, 8)}`;
  let deploymentId = '';
  let instanceId = '';
  let taskId = '';

  beforeAll(async () => {
    expect(engineCredentials.ENGINE_DEPLOY_USER).not.toBe('');
    const res = await deploy(`security-test-${id}`, id, deployer());
    expect(res.status).toBe(200);
    deploymentId = ((await res.json()) as { id: string }).id;
    // The administrator starts an instance with a confidential variable.
    instanceId = (await rest.startProcess(id, `${id}-1`, { applicantIdNumber: '220102199001011234' })).id;
    const tasks = await rest.request<{ id: string }[]>('GET', `/task?processInstanceId=${instanceId}`);
    taskId = tasks[0]!.id;
  });

  afterAll(async () => {
    if (deploymentId) await rest.request('DELETE', `/deployment/${deploymentId}?cascade=true`);
  });

  it('deploys, and reads its deployment and the definitions it holds', async () => {
    const deployments = (await (await get(`/deployment?name=${encodeURIComponent(`security-test-${id}`)}`, deployer())).json()) as { id: string }[];
    expect(deployments.map((d) => d.id)).toEqual([deploymentId]);
    const definitions = (await (await get(`/process-definition?key=${id}`, deployer())).json()) as { key: string }[];
    expect(definitions.map((d) => d.key)).toEqual([id]);
  });

  it('cannot read a process instance or its variables', async () => {
    const instances = (await (await get(`/process-instance?processDefinitionKey=${id}`, deployer())).json()) as unknown[];
    expect(instances).toEqual([]);
    expect([403, 404]).toContain((await get(`/process-instance/${instanceId}`, deployer())).status);
    expect((await get(`/process-instance/${instanceId}/variables`, deployer())).status).toBe(403);
    const variables = (await (await get(`/variable-instance?processInstanceIdIn=${instanceId}`, deployer())).json()) as unknown[];
    expect(variables).toEqual([]);
    const history = (await (await get(`/history/process-instance?processDefinitionKey=${id}`, deployer())).json()) as unknown[];
    expect(history).toEqual([]);
  });

  it('cannot see or complete a task', async () => {
    expect((await (await get(`/task?processInstanceId=${instanceId}`, deployer())).json()) as unknown[]).toEqual([]);
    const complete = await fetch(`${ENGINE_URL}/task/${taskId}/complete`, {
      method: 'POST',
      headers: { authorization: deployer(), 'content-type': 'application/json' },
      body: JSON.stringify({ variables: {} }),
    });
    expect([403, 404]).toContain(complete.status);
    // Still open for the one who may complete it.
    expect(await rest.request<unknown[]>('GET', `/task?processInstanceId=${instanceId}`)).toHaveLength(1);
  });

  it('reads no other user, no group and no authorization, and cannot create a user or grant itself more', async () => {
    const users = (await (await get('/user', deployer())).json()) as { id: string }[];
    expect(users.filter((u) => u.id !== engineCredentials.ENGINE_DEPLOY_USER)).toEqual([]);
    expect([403, 404]).toContain((await get(`/user/${encodeURIComponent(engineCredentials.ENGINE_ADMIN_USER)}/profile`, deployer())).status);
    expect((await (await get('/group', deployer())).json()) as unknown[]).toEqual([]);
    expect((await (await get('/authorization', deployer())).json()) as unknown[]).toEqual([]);
    const grant = await fetch(`${ENGINE_URL}/authorization/create`, {
      method: 'POST',
      headers: { authorization: deployer(), 'content-type': 'application/json' },
      body: JSON.stringify({ type: 1, permissions: ['ALL'], userId: engineCredentials.ENGINE_DEPLOY_USER, resourceType: 8, resourceId: '*' }),
    });
    expect(grant.status).toBe(403);
    const create = await fetch(`${ENGINE_URL}/user/create`, {
      method: 'POST',
      headers: { authorization: deployer(), 'content-type': 'application/json' },
      body: JSON.stringify({ profile: { id: `intruder${Date.now()}` }, credentials: { password: 'x1234567' } }),
    });
    expect(create.status).toBe(403);
  });

  it('cannot delete a deployment, not even its own with its instances (cascade)', async () => {
    for (const query of ['', '?cascade=true']) {
      const res = await fetch(`${ENGINE_URL}/deployment/${deploymentId}${query}`, { method: 'DELETE', headers: { authorization: deployer() } });
      expect(res.status).toBe(403);
    }
    expect(await rest.request<unknown[]>('GET', `/process-instance?processDefinitionKey=${id}`)).toHaveLength(1);
  });

  it('answers 401 to a deployment without credentials or with a wrong password', async () => {
    expect((await deploy(`security-test-${id}-anon`, `${id}-anon`)).status).toBe(401);
    expect((await get('/deployment', basic('nobody-here', 'guess'))).status).toBe(401);
  });

  it('is not the service account, which still may not deploy', async () => {
    expect(engineCredentials.ENGINE_DEPLOY_USER).not.toBe(engineCredentials.ENGINE_USER);
    const res = await deploy(`security-test-${id}-service`, `${id}-service`, basic(engineCredentials.ENGINE_USER, engineCredentials.ENGINE_PASSWORD));
    expect(res.status).toBe(403);
  });
});
