// Drives applications to an office on the real engine, for the offices' tests: submission through
// the API, then the unit and each level approving, until the application waits where it should.
import { withMaterials } from './materials.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { ROOT } from '../../workers/config.js';
import { DATABASE_URL, rest, waitFor } from '../setup/engine.js';
import type { EngineTask } from '../../workers/adapters/camunda7/rest-client.js';
import { randomResidentId } from './ids.js';
import { fireTimers } from './timers.js';

const fixture = JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures/application-regular.json'), 'utf8'));
delete fixture.submittedAt;

/** The example application with a new applicant (one live application per applicant), changed by `over`. */
export function application(over: { name?: string; unit?: Record<string, unknown>; qualification?: Record<string, unknown>; category?: string; subtype?: string | null } = {}) {
  return {
    ...fixture,
    ...(over.category ? { category: over.category } : {}),
    ...(over.subtype !== undefined ? { subtype: over.subtype } : {}),
    applicant: { ...fixture.applicant, idNumber: randomResidentId(), ...(over.name ? { name: over.name } : {}) },
    unit: { ...fixture.unit, ...over.unit },
    qualification: { ...fixture.qualification, ...over.qualification },
  };
}

/** Submits through the portal API; the new application's id. */
export async function submit(api: string, body: unknown): Promise<string> {
  const res = await fetch(`${api}/api/applications`, { method: 'POST', headers: { authorization: 'Bearer local-dev-token', 'content-type': 'application/json' }, body: JSON.stringify(await withMaterials(api, 'Bearer local-dev-token', body)) });
  const json = (await res.json()) as { id?: string };
  if (res.status !== 201 || !json.id) throw new Error(`submission answered ${res.status}: ${JSON.stringify(json)}`);
  return json.id;
}

/** The open task `key` of an application other than `not`; ends a unit publicity on the way. */
export const openTask = (id: string, key: string, not?: string) =>
  waitFor(`the ${key} task of ${id}`, async () => {
    if (key === 'level-review-task') await fireTimers(id, 'unit-publicity-ended');
    return (await rest.tasks({ processInstanceBusinessKey: id, taskDefinitionKey: key })).find((t) => t.id !== not);
  }, 120_000);

export const unitApproval = { unitReviewDecision: 'approve', panelMembers: [{ name: '王一' }, { name: '李二' }, { name: '赵三' }], supervisor: '纪检组 刘监督', unitReviewReason: null };

/** Approves the unit review and `levels` level reviews; the task the application then waits in. */
export async function approveUpTo(id: string, levels: number) {
  await rest.completeTask((await openTask(id, 'unit-review-task')).id, unitApproval);
  let task = await openTask(id, 'level-review-task');
  for (let i = 0; i < levels; i++) {
    await rest.completeTask(task.id, { levelReviewDecision: 'approve' });
    task = await openTask(id, 'level-review-task', task.id);
  }
  return task;
}

/** Approves the unit review and the route's first `levels` level reviews, the last of them too. */
export async function approveRoute(id: string, levels: number): Promise<void> {
  const last = await approveUpTo(id, levels - 1);
  await rest.completeTask(last.id, { levelReviewDecision: 'approve' });
}

/** Waits until the registry shows the application at `office`. */
export async function atOffice(api: string, id: string, office: string) {
  return waitFor(`${id} to wait at ${office}`, async () => {
    const res = await fetch(`${api}/api/applications/${id}`, { headers: { authorization: 'Bearer local-dev-token' } });
    const body = (await res.json()) as { currentSteps?: Array<{ offices?: string[] }> };
    return body.currentSteps?.some((s) => s.offices?.includes(office)) ? body : null;
  }, 60_000);
}

/** Removes test applications from the engine and the registry. */
export async function removeApplications(ids: string[]): Promise<void> {
  for (const id of ids) {
    for (const instance of await rest.processInstances({ businessKey: id })) {
      await rest.request('DELETE', `/process-instance/${instance.id}?skipCustomListeners=true&skipIoMappings=true`).catch(() => undefined);
    }
  }
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    // A committee's result report refers to its vote: it goes first.
    for (const table of ['committee_reports', 'documents', 'payments', 'votes', 'certificates']) await client.query(`DELETE FROM ${table} WHERE application_id = ANY($1)`, [ids]);
    await client.query('DELETE FROM applications WHERE id = ANY($1)', [ids]);
  } finally {
    await client.end();
  }
}

/**
 * Tasks that stand beside a wait for something from outside: the office's task 缴费 beside a payment
 * without a deadline (notice 三（四）) is left open, unless answered, while `whenIdle` pays.
 */
const WAITING_TASKS = ['payment-outstanding-task'];

/** A task's answer: its variables, or what makes them from the task (a vote's meeting). */
export type Answer = Record<string, unknown> | ((task: EngineTask) => Promise<Record<string, unknown>>);

/**
 * Completes each open task of the application with its answer (by task key; an empty form
 * otherwise) and lets `whenIdle` act while no task is open (a payment, a publicity's timer), until
 * the application ends; the final status and the steps met, in order.
 */
export async function playToTheEnd<S extends { endedAt?: unknown }>(
  id: string,
  o: { statusOf: (id: string) => Promise<S>; answers: Record<string, Answer>; whenIdle?: (status: S, steps: string[]) => Promise<void>; rounds?: number },
): Promise<{ status: S; steps: string[] }> {
  const steps: string[] = [];
  for (let i = 0; i < (o.rounds ?? 200); i++) {
    const status = await o.statusOf(id);
    if (status.endedAt) return { status, steps };
    const [task] = (await rest.tasks({ processInstanceBusinessKey: id })).filter((t) => !WAITING_TASKS.includes(t.taskDefinitionKey) || o.answers[t.taskDefinitionKey]);
    if (task) {
      steps.push(task.taskDefinitionKey);
      const answer = o.answers[task.taskDefinitionKey] ?? {};
      await rest.completeTask(task.id, typeof answer === 'function' ? await answer(task) : answer);
      continue;
    }
    await o.whenIdle?.(status, steps);
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`application ${id} did not end`);
}
