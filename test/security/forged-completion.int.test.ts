// Integrity, black-box: a unit reviewer with the unit's own Tasklist account completes the unit
// review through the engine's REST API with extra variables (a route whose county step names the
// unit's own group, a level index that skips the county and the city, an application raised to
// 副高级 in the fee-exempt 乡村振兴 category), or writes them into the task's variables, or changes a
// field the form shows read-only. The engine refuses each (403 naming the variables and the rule)
// and nothing changes: a task accepts the fields its form defines (engine/…/FormFieldsOnly). The
// same variables written by an operator into the process do not steer it either: the next task
// goes to 绿园区人社局 (hr-220106), and the registry keeps the submitted category, level, route and
// fee. The honest completion, with the form's read-only fields sent back as Tasklist does, goes on.
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../workers/config.js';
import { CamundaRest } from '../../workers/adapters/camunda7/rest-client.js';
import { createLogger } from '../../workers/log.js';
import { startService, type Running } from '../../workers/main.js';
import { ENGINE_URL, rest, serviceEnv, waitFor } from '../setup/engine.js';
import { newApplication } from '../support/applications.js';
import { removeApplications, submit, unitApproval } from '../support/offices.js';
import { testClock } from '../support/clock.js';

const unitGroup = 'unit-91220106MA0Y5K8Q7H';
const unitUser = { id: `forger-${randomUUID().slice(0, 8)}`, password: `pw-${randomUUID()}` };
let service: Running;
let api: string;
const ids: string[] = [];

beforeAll(async () => {
  service = await startService(loadConfig(serviceEnv({ POLICY_ID: 'demo' })), createLogger('silent'), { clock: testClock });
  api = `http://127.0.0.1:${service.port}`;
  await rest.request('POST', '/group/create', { id: unitGroup, name: '长春某某科技有限公司', type: 'unit' }).catch(() => undefined);
  await rest.request('POST', '/user/create', { profile: { id: unitUser.id, firstName: 'unit', lastName: 'reviewer' }, credentials: { password: unitUser.password } });
  await rest.request('PUT', `/group/${unitGroup}/members/${unitUser.id}`);
});
afterAll(async () => {
  await removeApplications(ids);
  await rest.request('DELETE', `/user/${unitUser.id}`).catch(() => undefined);
  await service?.stop();
});

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const statusOf = async (id: string) => (await (await fetch(`${api}/api/applications/${id}`, { headers: { authorization: 'Bearer local-dev-token' } })).json()) as Json;
const asUnit = new CamundaRest(ENGINE_URL, { username: unitUser.id, password: unitUser.password });

const forgedRoute = [
  { level: 'unit', name: '长春某某科技有限公司', deadline: null },
  { level: 'county-hr', name: '绿园区人社局', divisionCode: '220106', group: unitGroup, deadline: null },
  { level: 'city-hr', name: '长春市人社局', divisionCode: '220100', deadline: null },
  { level: 'province-hr', name: '吉林省人社厅', divisionCode: '220000', deadline: null },
];
const forgedApplication = { ...newApplication(), category: 'rural-revitalization', qualification: { ...newApplication().qualification, level: 'associate-senior' } };

/** A submitted application waiting in its unit review, with the status before. */
async function unitReviewOf() {
  const application = newApplication();
  const id = await submit(api, application);
  ids.push(id);
  const task = await waitFor(`the unit review of ${id}`, async () => (await rest.tasks({ processInstanceBusinessKey: id, taskDefinitionKey: 'unit-review-task' }))[0], 60_000);
  expect(await rest.candidateGroups(task.id)).toEqual([unitGroup]);
  return { id, application, task, before: await statusOf(id) };
}

/** Completes the unit review as the unit's own account with `values`; answers the next level's task and the status there. */
async function completeAndFollow(id: string, taskId: string, values: Record<string, unknown>) {
  await asUnit.completeTask(taskId, values);
  // The unit's publicity runs, then the next level opens; its timer is executed at once.
  const next = await waitFor(`the next level of ${id}`, async () => {
    const instances = await rest.processInstances({ businessKey: id });
    for (const i of instances) {
      for (const job of await rest.request<Array<{ id: string }>>('GET', `/job?processInstanceId=${i.id}&timers=true&activityId=unit-publicity-ended`)) await rest.request('POST', `/job/${job.id}/execute`);
    }
    const tasks = await rest.tasks({ processInstanceBusinessKey: id });
    return tasks.find((t) => t.taskDefinitionKey !== 'unit-review-task') ?? null;
  }, 90_000);
  return { next, groups: await rest.candidateGroups(next.id), after: await statusOf(id) };
}

/** The engine's refusal of a request: its status and message (the request must fail). */
async function refusal(request: Promise<unknown>): Promise<{ status: number; message: string }> {
  const error = await request.then(() => null, (e: unknown) => e as { status?: number; message: string });
  expect(error).not.toBeNull();
  return { status: error!.status ?? 0, message: error!.message };
}

/** What Tasklist sends back of the form's read-only fields: their values as the task shows them. */
async function readOnlyValues(taskId: string) {
  const vars = await asUnit.request<Record<string, { value: unknown }>>('GET', `/task/${taskId}/form-variables`);
  return Object.fromEntries(['applicantName', 'maskedIdNumber', 'unitName', 'titleApplied'].map((k) => [k, vars[k]?.value]));
}

describe('integrity: nothing a reviewer writes steers an application', () => {
  it('a unit review completed with variables its form does not define is refused, and changes nothing', async () => {
    const { id, task } = await unitReviewOf();
    const variablesBefore = await rest.variables(task.processInstanceId);
    const completed = await refusal(asUnit.completeTask(task.id, { ...unitApproval, route: forgedRoute, reviewLevelIndex: 2, application: forgedApplication }));
    expect(completed.status).toBe(403);
    expect(completed.message).toContain('application, reviewLevelIndex, route: not fields of the task\'s form unit-review');
    // Written into the task's variables, one by one or as a patch, or removed: refused alike.
    const set = await refusal(asUnit.request('PUT', `/task/${task.id}/variables/reviewGroup`, { value: unitGroup, type: 'String' }));
    expect(set).toMatchObject({ status: 403 });
    expect(set.message).toContain('reviewGroup: not a field of the task\'s form unit-review');
    const patched = await refusal(asUnit.request('POST', `/task/${task.id}/variables`, { modifications: { unitReviewDecision: { value: 'approve' }, route: { value: '[]', type: 'Json' } }, deletions: ['unitGroup'] }));
    expect(patched).toMatchObject({ status: 403 });
    expect(patched.message).toContain('route, unitGroup: not fields');
    // A field the form shows read-only comes back unchanged or not at all.
    const renamed = await refusal(asUnit.completeTask(task.id, { ...unitApproval, ...(await readOnlyValues(task.id)), applicantName: '李四' }));
    expect(renamed).toMatchObject({ status: 403 });
    expect(renamed.message).toContain('applicantName: read-only in the task\'s form unit-review');
    // Nothing of it landed: the task waits, the process holds what it held.
    expect((await rest.tasks({ processInstanceBusinessKey: id, taskDefinitionKey: 'unit-review-task' })).map((t) => t.id)).toEqual([task.id]);
    expect(await rest.variables(task.processInstanceId)).toEqual(variablesBefore);
  });

  it('the same variables written by an operator into the process do not steer it: the county gets it with the submitted level, category and fee', async () => {
    const { id, task, before } = await unitReviewOf();
    // The administrator may write process variables (Cockpit); the flow still decides from the registry.
    for (const [name, value] of Object.entries({ route: forgedRoute, reviewLevelIndex: 2, application: forgedApplication })) {
      await rest.request('PUT', `/process-instance/${task.processInstanceId}/variables/${name}`, typeof value === 'number' ? { value, type: 'Integer' } : { value: JSON.stringify(value), type: 'Json' });
    }
    const forged = await completeAndFollow(id, task.id, unitApproval);
    expect(forged.next.taskDefinitionKey).toBe('level-review-task');
    expect(forged.groups).toEqual(['hr-220106']);
    // The registry: the same category, level, route and fee as submitted.
    expect(forged.after).toMatchObject({ category: before.category, route: before.route, fee: before.fee, currentSteps: [{ step: 'level-review-task', offices: ['hr-220106'] }] });
    expect(forged.after.category).toBe('regular');
    expect(forged.after.fee).toMatchObject({ exempt: false });
    const vars = await rest.variables(forged.next.processInstanceId);
    expect(vars.reviewGroup).toBe('hr-220106');
  });

  it('a level task that went to another group than the registry\'s route names is not recorded: it goes back to the route\'s office', async () => {
    const { id, task } = await unitReviewOf();
    const { next } = await completeAndFollow(id, task.id, unitApproval);
    expect(await rest.candidateGroups(next.id)).toEqual(['hr-220106']);
    // The administrator points the county's review at the unit's own group; the task takes it up
    // when it opens again (after an incomplete record goes back to it).
    await rest.request('PUT', `/process-instance/${next.processInstanceId}/variables/reviewGroup`, { value: unitGroup, type: 'String' });
    await rest.completeTask(next.id, { levelReviewDecision: 'return' });
    const misrouted = await waitFor('the county task reopened', async () => (await rest.tasks({ processInstanceBusinessKey: id, taskDefinitionKey: 'level-review-task' })).find((t) => t.id !== next.id), 60_000);
    expect(await rest.candidateGroups(misrouted.id)).toEqual([unitGroup]);
    // The unit approves its own application at the county's level: refused, unrecorded, back to the county.
    await asUnit.completeTask(misrouted.id, { levelReviewDecision: 'approve' });
    const back = await waitFor('the task back at the county', async () => (await rest.tasks({ processInstanceBusinessKey: id, taskDefinitionKey: 'level-review-task' })).find((t) => t.id !== misrouted.id), 60_000);
    expect(await rest.candidateGroups(back.id)).toEqual(['hr-220106']);
    expect(String((await rest.variables(back.processInstanceId)).levelReviewProblem)).toMatch(/^reviewGroup: this review belongs to hr-220106, the office the application's route names \(the task went to unit-91220106MA0Y5K8Q7H\)/);
    const status = await statusOf(id);
    expect(status).toMatchObject({ currentSteps: [{ step: 'level-review-task', offices: ['hr-220106'] }] });
    expect((status.history as Json[]).filter((h) => h.step === 'level-review-task' && h.event === 'decision')).toEqual([]);
    expect((status.history as Json[]).some((h) => h.actor === unitUser.id && h.step === 'level-review-task')).toBe(false);
  });

  it('the honest completion, with the read-only fields sent back as Tasklist does, takes the same way', async () => {
    const { id, task } = await unitReviewOf();
    const honest = await completeAndFollow(id, task.id, { ...unitApproval, ...(await readOnlyValues(task.id)) });
    expect(honest.next.taskDefinitionKey).toBe('level-review-task');
    expect(honest.groups).toEqual(['hr-220106']);
    expect(honest.after).toMatchObject({ category: 'regular', currentSteps: [{ step: 'level-review-task', offices: ['hr-220106'] }] });
  });
});
