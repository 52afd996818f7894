// Integrity, black-box: a unit reviewer with the unit's own Tasklist account completes the unit
// review through the engine's REST API with extra variables (a route whose county step names the
// unit's own group, a level index that skips the county and the city, an application raised to
// 副高级 in the fee-exempt 乡村振兴 category). Nothing of it steers the application: the next task goes
// to 绿园区人社局 (hr-220106), and the registry keeps the submitted category, level, route and fee.
// The honest completion takes the same way.
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../workers/config.js';
import { CamundaRest } from '../../workers/engine/camunda-rest.js';
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

/** Completes the unit review as the unit's own account with `extra` variables; answers the next level's task and the status there. */
async function completeUnitReview(extra: Record<string, unknown>) {
  const application = newApplication();
  const id = await submit(api, application);
  ids.push(id);
  const task = await waitFor(`the unit review of ${id}`, async () => (await rest.tasks({ processInstanceBusinessKey: id, taskDefinitionKey: 'unit-review-task' }))[0], 60_000);
  expect(await rest.candidateGroups(task.id)).toEqual([unitGroup]);
  const before = await statusOf(id);
  await asUnit.completeTask(task.id, { ...unitApproval, ...extra });
  // The unit's publicity runs, then the next level opens; its timer is executed at once.
  const next = await waitFor(`the next level of ${id}`, async () => {
    const instances = await rest.processInstances({ businessKey: id });
    for (const i of instances) {
      for (const job of await rest.request<Array<{ id: string }>>('GET', `/job?processInstanceId=${i.id}&timers=true&activityId=unit-publicity-ended`)) await rest.request('POST', `/job/${job.id}/execute`);
    }
    const tasks = await rest.tasks({ processInstanceBusinessKey: id });
    return tasks.find((t) => t.taskDefinitionKey !== 'unit-review-task') ?? null;
  }, 90_000);
  return { id, application, before, next, groups: await rest.candidateGroups(next.id), after: await statusOf(id) };
}

describe('integrity: nothing a reviewer writes steers an application', () => {
  it('a unit review completed with a forged route, level index and application goes to 绿园区人社局 with the submitted level, category and fee', async () => {
    const forged = await completeUnitReview({
      route: [
        { level: 'unit', name: '长春某某科技有限公司', deadline: null },
        { level: 'county-hr', name: '绿园区人社局', divisionCode: '220106', group: unitGroup, deadline: null },
        { level: 'city-hr', name: '长春市人社局', divisionCode: '220100', deadline: null },
        { level: 'province-hr', name: '吉林省人社厅', divisionCode: '220000', deadline: null },
      ],
      reviewLevelIndex: 2,
      application: { ...newApplication(), category: 'rural-revitalization', qualification: { ...newApplication().qualification, level: 'associate-senior' } },
    });
    expect(forged.next.taskDefinitionKey).toBe('level-review-task');
    expect(forged.groups).toEqual(['hr-220106']);
    // The registry: the same category, level, route and fee as submitted.
    expect(forged.after).toMatchObject({ category: forged.before.category, route: forged.before.route, fee: forged.before.fee, currentSteps: [{ step: 'level-review-task', offices: ['hr-220106'] }] });
    expect(forged.after.category).toBe('regular');
    expect(forged.after.fee).toMatchObject({ exempt: false });
    // What the county reviews is the application as submitted (its form shows the registry's data).
    const vars = await rest.variables(forged.next.processInstanceId);
    expect(vars.reviewGroup).toBe('hr-220106');
  });

  it('the honest completion takes the same way', async () => {
    const honest = await completeUnitReview({});
    expect(honest.next.taskDefinitionKey).toBe('level-review-task');
    expect(honest.groups).toEqual(['hr-220106']);
    expect(honest.after).toMatchObject({ category: 'regular', currentSteps: [{ step: 'level-review-task', offices: ['hr-220106'] }] });
  });
});
