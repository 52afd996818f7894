// The steps of an application: its progress history (events), the step it waits in (a review task,
// a payment, a publicity) with its deadline, and the end of its flow (corrections: corrections.ts).
import { toShanghaiIso } from '../domain/time.js';
import { isEndState, type EndState, type WaitingStepId, type WAITING_STEPS } from '../domain/steps.js';
import { RegistryPart, instant, type ApplicationChange, type ApplicationRow, type EventInput, type EventRow } from './shared.js';

/** A step the application waits in: a review task, a payment, a publicity. */
export interface StepOpened {
  /** The step, and the state the application is in while it waits there (domain/steps.ts). */
  step: WaitingStepId;
  state: (typeof WAITING_STEPS)[WaitingStepId]['state'];
  name: string;
  /** The office (engine group) that acts, when one does. */
  office?: string | null;
  deadline?: string | Date | null;
  level?: string | null;
  /** A deadline that cannot be met as the step opens, said on the task and in the status. */
  warning?: string | null;
  /** Set when the deadline was counted on a year without the official holiday schedule: why. */
  provisional?: string | null;
  /** The working-day period the deadline ends (publicity), so that it can be counted again. */
  period?: { start: string; days: number } | null;
}

/** What the deadline of a step rests on: its last opening, and the last recount of it since. */
export interface StepDeadlineFacts {
  warning: string | null;
  /** Why the deadline is provisional, or null once counted on the official schedule. */
  provisional: string | null;
  period: { start: string; days: number } | null;
}

/** The deadline facts of `step` from an application's events (oldest first), or null when it never opened. */
export function stepDeadlineFacts(events: ReadonlyArray<{ kind: string; step: string | null; data: unknown }>, step: string): StepDeadlineFacts | null {
  const opened = events.findLastIndex((e) => e.kind === 'step-opened' && e.step === step);
  if (opened < 0) return null;
  const data = (events[opened]!.data ?? {}) as { warning?: string; provisional?: string; period?: { start: string; days: number } };
  // A deadline counted again (npm run deadlines:recompute) carries its own provisional note, or none.
  const moved = events.slice(opened + 1).findLast((e) => e.kind === 'deadline-moved' && e.step === step);
  const provisional = moved ? ((moved.data as { provisional?: string | null } | null)?.provisional ?? null) : (data.provisional ?? null);
  return { warning: data.warning ?? null, provisional, period: data.period ?? null };
}

/** How an answer marks a step's deadline: provisional or not, and why (in Chinese) when it is. */
export type ProvisionalMark = { provisional: boolean; provisionalReason?: string };

/** The mark of a step's deadline from its facts (the status's current step, an office's list). */
export function provisionalMark(facts: Pick<StepDeadlineFacts, 'provisional'> | null): ProvisionalMark {
  const reason = facts?.provisional ?? null;
  return reason === null ? { provisional: false } : { provisional: true, provisionalReason: reason };
}

/** The event of a step that opens at `at`, and the application's change to wait in it. */
export function stepOpened(s: StepOpened, at: Date): { event: EventInput; change: ApplicationChange } {
  const deadline = instant(s.deadline);
  const facts = {
    ...(deadline ? { deadline: deadline.toISOString() } : {}),
    ...(s.warning ? { warning: s.warning } : {}),
    ...(s.provisional ? { provisional: s.provisional } : {}),
    ...(s.period ? { period: s.period } : {}),
  };
  const data = Object.keys(facts).length ? facts : null;
  return {
    event: { kind: 'step-opened', step: s.step, name: s.name, level: s.level ?? null, office: s.office ?? null, data },
    change: { state: s.state, current_step: s.step, current_step_name: s.name, current_office: s.office ?? null, current_since: at, current_deadline: deadline },
  };
}

/** A change of the application recorded with an event: fixed, or made from the row as it is under the lock. */
export type RecordedChange = ApplicationChange | ((row: ApplicationRow) => ApplicationChange);

/** A deadline counted again: the step's, from what to what, and why it is still provisional (or null). */
export interface DeadlineMove {
  step: string;
  from: string | null;
  to: string;
  provisional: string | null;
}

/** How an application ended, besides its end state: the level whose deadline it missed, the end step. */
export interface EndDetails {
  missedLevel?: string | null;
  missedDeadline?: string | null;
  step?: string;
  name?: string;
}

const toShanghaiIsoOf = (value: string): string => (Number.isNaN(Date.parse(value)) ? value : toShanghaiIso(new Date(value)));

export class Steps extends RegistryPart {
  async events(id: string): Promise<EventRow[]> {
    return this.run('events', () => this.db.selectFrom('application_events').selectAll().where('application_id', '=', id).orderBy('id').execute());
  }

  /**
   * Records an event and, when it is new, changes the application in the same transaction. A
   * retried handler (same dedupe key) changes nothing the second time.
   */
  async record(id: string, event: EventInput, dedupeKey: string | null, change: RecordedChange = {}): Promise<boolean> {
    return this.run('record', () =>
      this.db.transaction().execute(async (tx) => {
        const row = await this.lockApplication(tx, id);
        if (!(await this.insertEvent(tx, id, event, dedupeKey))) return false;
        const values = typeof change === 'function' ? change(row) : change;
        await tx.updateTable('applications').set({ ...values, updated_at: this.clock() }).where('id', '=', id).execute();
        return true;
      }),
    );
  }

  /** Live applications waiting in one of `steps`, oldest first. */
  async liveInSteps(steps: readonly string[]): Promise<ApplicationRow[]> {
    if (steps.length === 0) return [];
    return this.run('live in steps', () => this.db.selectFrom('applications').selectAll().where('live', '=', true).where('current_step', 'in', [...steps]).orderBy('submitted_at').execute());
  }

  /**
   * The deadline of the step an application waits in was counted again (a holiday schedule
   * published since): the event says from what to what and whether it is still provisional.
   * Nothing changes when the application has moved on to another step.
   */
  moveDeadline(id: string, m: DeadlineMove, dedupeKey: string, extra: ApplicationChange = {}): Promise<boolean> {
    return this.record(id, { kind: 'deadline-moved', step: m.step, data: { from: m.from, to: m.to, provisional: m.provisional } }, dedupeKey, (row) =>
      row.live && row.current_step === m.step ? { current_deadline: new Date(m.to), ...extra } : {},
    );
  }

  /** The application now waits in a step (a review task, a payment, a publicity). */
  openStep(id: string, s: StepOpened, dedupeKey: string, extra: ApplicationChange = {}): Promise<boolean> {
    const opened = stepOpened(s, this.clock());
    return this.record(id, opened.event, dedupeKey, (row) => (isEndState(row.state) ? {} : { ...extra, ...opened.change }));
  }

  /** The application ended (an end event of its flow). */
  finish(id: string, state: EndState, dedupeKey: string, details: EndDetails = {}): Promise<boolean> {
    const missed = details.missedLevel ? { missedLevel: details.missedLevel, ...(details.missedDeadline ? { missedDeadline: toShanghaiIsoOf(details.missedDeadline) } : {}) } : null;
    return this.record(id, { kind: 'ended', step: details.step ?? state, name: details.name ?? null, decision: state, data: missed }, dedupeKey, {
      state,
      live: false,
      ended_at: this.clock(),
      missed_level: details.missedLevel ?? null,
      current_step: null,
      current_step_name: null,
      current_office: null,
      current_since: null,
      current_deadline: null,
    });
  }
}
