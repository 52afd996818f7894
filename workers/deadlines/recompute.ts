// `npm run deadlines:recompute`: once the State Council's holiday schedule of a year is published
// (policy/calendar/<year>.json, or a chinese-days release that carries it), the open steps whose
// deadline was counted provisionally on the statutory holidays are counted again on the official
// schedule. A publicity's end timer and its variable move; the unit review's due date and follow-up
// move; the registry records each move (deadline-moved: from, to, still provisional or not), and the
// status reads it. Nothing is withdrawn by a move: the notice's own deadlines are fixed dates.
import type { Logger } from '../log.js';
import type { CamundaRest } from '../adapters/camunda7/rest-client.js';
import type { PolicyProvider } from '../policy/provider.js';
import { stepDeadlineFacts, type Registry } from '../registry/registry.js';
import { timetableWarning, unitTimetable } from '../rules/deadlines.js';
import { followUpDate } from '../rules/follow-up.js';
import type { CategoryId } from '../domain/application.js';
import { formatInstantZh } from '../domain/dates-zh.js';

/** The steps whose deadline is counted in working days, and how each is counted again. */
const STEPS = {
  'unit-publicity': { kind: 'publicity', variable: 'unitPublicityEnd', provisional: 'unitPublicityProvisional', timer: 'unit-publicity-ended' },
  'result-publicity': { kind: 'publicity', variable: 'publicityEnd', provisional: 'publicityProvisional', timer: 'publicity-ended' },
  'unit-review-task': { kind: 'unit-review', variable: 'unitDeadline', provisional: 'unitDeadlineProvisional', warning: 'unitDeadlineWarning', followUp: 'unitFollowUp', text: 'unitDeadlineText', task: 'unit-review-task' },
} as const;
type StepId = keyof typeof STEPS;

/** One step whose deadline was counted again. */
export interface Move {
  applicationId: string;
  step: StepId;
  from: string | null;
  to: string;
  /** Still provisional after the recount (a year still without its schedule): why. */
  provisional: string | null;
}

export interface RecomputeDeps {
  registry: Registry;
  /** The engine, as an account that may move jobs and tasks (the administrator). */
  rest: CamundaRest;
  policies: PolicyProvider;
  log: Logger;
  /** List what would move without moving anything. */
  dryRun?: boolean;
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());
/** The engine's date format for a job's due date and a task's dates. */
const engineDate = (instant: string) => new Date(instant).toISOString().replace('Z', '+0000');

/** Counts the provisional deadlines of open steps again on the calendar of `deps.policies`; returns what moved. */
export async function recomputeDeadlines(deps: RecomputeDeps): Promise<Move[]> {
  const calendar = deps.policies.calendar;
  const moves: Move[] = [];
  for (const row of await deps.registry.liveInSteps(Object.keys(STEPS))) {
    const step = row.current_step as StepId;
    const facts = stepDeadlineFacts(await deps.registry.events(row.id), step);
    if (!facts?.provisional) continue;
    const spec = STEPS[step];
    let to: string;
    let provisional: string | null;
    let warning: string | null = null;
    if (spec.kind === 'publicity') {
      if (!facts.period) {
        deps.log.warn({ applicationId: row.id, step }, 'a provisional publicity without its period cannot be counted again');
        continue;
      }
      const period = calendar.period(facts.period.start, facts.period.days);
      [to, provisional] = [period.end, period.provisional];
    } else {
      const policy = deps.policies.get(row.policy_id);
      const route = (row.route ?? []) as Array<{ deadline: string | null }>;
      const t = unitTimetable(policy, row.category as CategoryId, route, row.current_since ?? new Date(), calendar);
      if (!t) continue;
      [to, provisional] = [t.reviewDeadline, t.provisional];
      // What the form says: the timetable's own warning, and the provisional note while there is one.
      warning = timetableWarning(t);
    }
    const from = iso(row.current_deadline);
    if (from !== null && Date.parse(from) === Date.parse(to) && provisional === facts.provisional) continue;
    const move: Move = { applicationId: row.id, step, from, to, provisional };
    if (deps.dryRun) {
      moves.push(move);
      continue;
    }
    try {
      await moveInEngine(deps, row.id, step, { to, provisional, warning });
      const key = `${row.id}:${step}:deadline:${to}:${provisional ?? 'official'}`;
      await deps.registry.moveDeadline(row.id, { step, from, to, provisional }, key, step === 'result-publicity' ? { publicity_end: new Date(to) } : {});
      moves.push(move);
      deps.log.info(move, `deadline of ${step} moved`);
    } catch (error) {
      // One application the engine cannot move (ended meanwhile, say) does not stop the others; a rerun retries it.
      deps.log.error({ applicationId: row.id, step, err: error }, `the deadline of ${step} could not be moved: ${(error as Error).message}`);
    }
  }
  return moves;
}

/** A String variable, or a Null one. */
const value = (v: string | null) => (v === null ? { value: null, type: 'Null' } : { value: v, type: 'String' });

async function moveInEngine(deps: RecomputeDeps, applicationId: string, step: StepId, moved: { to: string; provisional: string | null; warning: string | null }): Promise<void> {
  const spec = STEPS[step];
  const { to } = moved;
  // The step may sit in a called subprocess: every instance of the application shares its business key.
  const instances = await deps.rest.processInstances({ businessKey: applicationId });
  if (spec.kind === 'publicity') {
    for (const instance of instances) {
      const jobs = await deps.rest.request<Array<{ id: string }>>('GET', `/job?processInstanceId=${instance.id}&timers=true&activityId=${spec.timer}`);
      if (jobs.length === 0) continue;
      for (const job of jobs) await deps.rest.request('PUT', `/job/${job.id}/duedate`, { duedate: engineDate(to) });
      await deps.rest.request('POST', `/process-instance/${instance.id}/variables`, { modifications: { [spec.variable]: value(to), [spec.provisional]: value(moved.provisional) } });
    }
    return;
  }
  const tasks = await deps.rest.request<Array<Record<string, unknown> & { id: string; processInstanceId: string }>>('GET', `/task?processInstanceBusinessKey=${encodeURIComponent(applicationId)}&taskDefinitionKey=${spec.task}`);
  const followUp = followUpDate(deps.policies.calendar, to);
  for (const task of tasks) {
    // PUT /task/{id} replaces what it is given: carry over the task's own fields unchanged.
    const keep = Object.fromEntries(['name', 'description', 'priority', 'assignee', 'owner', 'delegationState', 'parentTaskId', 'caseInstanceId', 'tenantId'].map((k) => [k, task[k] ?? null]));
    await deps.rest.request('PUT', `/task/${task.id}`, { ...keep, due: engineDate(to), followUp: followUp ? engineDate(followUp) : null });
    await deps.rest.request('POST', `/process-instance/${task.processInstanceId}/variables`, {
      modifications: { [spec.variable]: value(to), [spec.text]: value(formatInstantZh(to)), [spec.followUp]: value(followUp), [spec.provisional]: value(moved.provisional), [spec.warning]: value(moved.warning) },
    });
  }
}
