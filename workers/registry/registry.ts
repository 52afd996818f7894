// The application registry: the product's system of record. The API and the handlers write every
// fact here (submission, routing, each step opened, each decision, payment, vote, documents,
// certificate, the end); status, verification, reports and office lists read from here alone.
// The engine drives the work and is never asked what happened.
import { createHash } from 'node:crypto';
import { sql, type Kysely, type Selectable, type Transaction, type Updateable } from 'kysely';
import type { ApplicationsTable, Database, EventsTable } from './schema.js';
import { toShanghaiIso } from '../domain/time.js';

/** States an application ends in; a row in one of them is no longer live. */
export const END_STATES = ['refused', 'rejected', 'withdrawn', 'failed', 'revoked', 'certified', 'appointed'] as const;
export type EndState = (typeof END_STATES)[number];
export const isEndState = (state: string): state is EndState => (END_STATES as readonly string[]).includes(state);

/**
 * The registry's record of an accepted application: who, what and where, from the application
 * itself. The one-live key is a hash of the ID number; the number itself stays inside the application.
 */
export function applicationRecord(
  id: string,
  a: { category: string; applicant: { idNumber: string; name: string }; qualification: { series: string; specialty: string; level: string }; unit: { name: string; creditCode: string } },
  r: { caller: string | null; year: number; policyId: string; engine: string; submittedAt: Date; application: unknown },
): NewApplication {
  return {
    id,
    caller: r.caller,
    applicantKey: createHash('sha256').update(a.applicant.idNumber).digest('hex'),
    applicantName: a.applicant.name,
    year: r.year,
    category: a.category,
    series: a.qualification.series,
    specialty: a.qualification.specialty,
    level: a.qualification.level,
    unitName: a.unit.name,
    unitCreditCode: a.unit.creditCode,
    policyId: r.policyId,
    engine: r.engine,
    application: r.application,
    submittedAt: r.submittedAt,
  };
}

/** What the API records when it accepts an application. */
export interface NewApplication {
  id: string;
  caller: string | null;
  applicantKey: string;
  applicantName: string;
  year: number;
  category: string;
  series: string;
  specialty: string;
  level: string;
  unitName: string;
  unitCreditCode: string;
  policyId: string;
  engine: string;
  application: unknown;
  submittedAt: Date;
  /** What the fee rules charge, decided at submission. */
  fee?: unknown;
}

export type CreateResult =
  | { kind: 'created'; id: string }
  /** The same idempotency key with the same body: the first answer again. */
  | { kind: 'replay'; id: string; processInstanceId: string | null; state: string }
  /** The same idempotency key with another body. */
  | { kind: 'key-reused' }
  /** Another live application of the applicant in the same year and category. */
  | { kind: 'live-exists'; id: string };

/** A step the application waits in: a review task, a payment, a publicity. */
export interface StepOpened {
  /** The new state (in-review, returned, awaiting-payment, in-publicity, ...). */
  state: string;
  step: string;
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

/** One entry of an application's progress history. */
export interface EventInput {
  kind: string;
  step?: string | null;
  name?: string | null;
  level?: string | null;
  office?: string | null;
  actor?: string | null;
  decision?: string | null;
  reasons?: unknown;
  comment?: string | null;
  data?: unknown;
}

export interface DocumentRecord {
  name: string;
  sha256: string;
  size: number;
  fileName: string;
  store: string;
  renderedAt: string | null;
}

export interface PaymentRecord {
  transactionId: string;
  amount: number;
  currency: string;
  paidAt: string;
}

export type PaymentResult = { kind: 'recorded' } | { kind: 'replay'; applicationId: string } | { kind: 'transaction-reused'; applicationId: string };

export interface VoteRecord {
  committeeId: string;
  meetingDate: string;
  members: number;
  present: number;
  yes: number;
  against: number | null;
  abstain: number | null;
  passed: boolean;
}

/** A result a committee reports to the provincial HR department: the vote's, or revoked after an upheld objection. */
export type ReportedResult = 'passed' | 'failed' | 'revoked';

/** What the result report of an application stands on, from the registry. */
export interface ReportFacts {
  /** The committee the application was assigned to. */
  committeeId: string | null;
  /** Its last vote (a recount replaces an earlier one). */
  vote: { id: string; committeeId: string; meetingDate: string; passed: boolean } | null;
  /** Whether it passed without a vote (初级认定, the waive-vote step). */
  waived: boolean;
}

/** An application's result reported by its committee (one per report task). */
export interface ReportRecord {
  committeeId: string;
  /** The meeting day of the vote reported; null (with voteId) for a result without a vote. */
  meetingDate: string | null;
  voteId: string | null;
  result: ReportedResult;
  reportedAt: Date;
}

export interface CertificateRow {
  verificationCode: string;
  number: string;
  applicationId: string;
  kind: string;
  committeeId: string | null;
  committeeGroup: string | null;
  status: 'valid' | 'revoked';
  issuedAt: Date;
  revokedAt: Date | null;
  revocation: unknown;
  data: Record<string, unknown>;
}

export interface CertificateRequest {
  applicationId: string;
  kind: string;
  office: string;
  year: number;
  committeeId: string | null;
  committeeGroup: string | null;
  /** Builds the certificate's text from its number and a fresh verification code. */
  make: (number: { office: string; year: number; seq: number }) => { number: string; verificationCode: string; data: Record<string, unknown> };
}

export type ApplicationRow = Selectable<ApplicationsTable>;
/** Columns a recorded event changes. */
export type ApplicationChange = Omit<Updateable<ApplicationsTable>, 'id'>;

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

/** The event of a step that opens at `at`, and the application's change to wait in it. */
function stepOpened(s: StepOpened, at: Date): { event: EventInput; change: ApplicationChange } {
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
export type EventRow = Selectable<EventsTable>;

/** The application does not exist in the registry (a fact about an unknown application). */
export class UnknownApplicationError extends Error {
  override readonly name = 'UnknownApplicationError';
}

/** The registry's database cannot be reached. */
export class RegistryUnavailableError extends Error {
  override readonly name = 'RegistryUnavailableError';
}

const json = (value: unknown): string | null => (value === undefined || value === null ? null : JSON.stringify(value));
const instant = (value: string | Date | null | undefined): Date | null => (value ? new Date(value) : null);
const toShanghaiIsoOf = (value: string): string => (Number.isNaN(Date.parse(value)) ? value : toShanghaiIso(new Date(value)));

/** Whether an error is a unique violation (of `constraint`, when named). */
function uniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: string; constraint?: string; message?: string };
  if (e?.code !== '23505') return false;
  return constraint === undefined || e.constraint === constraint || String(e.message).includes(constraint);
}

/** Connection failures of the database driver, as opposed to errors of a query. */
function unreachable(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', '57P01', '57P03', '08006', '08001', '08003'].includes(String(e?.code)) ||
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(String(e?.message));
}

export class Registry {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: () => Date = () => new Date(),
    /** Which store holds it (postgres, pglite), for health answers. */
    readonly store: string = 'postgres',
  ) {}

  /** Runs a database call; connection failures become RegistryUnavailableError. */
  private async run<T>(what: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (unreachable(error)) throw new RegistryUnavailableError(`the application registry is unavailable (${what}): ${(error as Error).message}`);
      throw error;
    }
  }

  /** Whether the database answers. */
  async ping(): Promise<boolean> {
    try {
      await sql`SELECT 1`.execute(this.db);
      return true;
    } catch {
      return false;
    }
  }

  /** The earlier answer of an idempotency key, if it was used. */
  async idempotent(key: string, fingerprint: string): Promise<CreateResult | null> {
    return this.run('idempotency', async () => {
      const row = await this.db
        .selectFrom('idempotency_keys as k')
        .innerJoin('applications as a', 'a.id', 'k.application_id')
        .select(['k.fingerprint', 'a.id', 'a.process_instance_id', 'a.state'])
        .where('k.key', '=', key)
        .executeTakeFirst();
      if (!row) return null;
      if (row.fingerprint !== fingerprint) return { kind: 'key-reused' };
      return { kind: 'replay', id: row.id, processInstanceId: row.process_instance_id, state: row.state };
    });
  }

  /**
   * Records an accepted application (state `starting`) and its idempotency key in one transaction.
   * The unique constraints decide between concurrent submissions of any number of API processes.
   */
  async createApplication(a: NewApplication, idempotency?: { key: string; fingerprint: string }): Promise<CreateResult> {
    return this.run('submission', async () => {
      try {
        await this.db.transaction().execute(async (tx) => {
          await tx
            .insertInto('applications')
            .values({
              id: a.id,
              caller: a.caller,
              applicant_key: a.applicantKey,
              applicant_name: a.applicantName,
              year: a.year,
              category: a.category,
              series: a.series,
              specialty: a.specialty,
              level: a.level,
              unit_name: a.unitName,
              unit_credit_code: a.unitCreditCode,
              state: 'starting',
              policy_id: a.policyId,
              engine: a.engine,
              application: JSON.stringify(a.application),
              fee: a.fee === undefined ? null : JSON.stringify(a.fee),
              submitted_at: a.submittedAt,
              updated_at: a.submittedAt,
            })
            .execute();
          if (idempotency) {
            await tx.insertInto('idempotency_keys').values({ key: idempotency.key, fingerprint: idempotency.fingerprint, application_id: a.id, created_at: a.submittedAt }).execute();
          }
          await this.insertEvent(tx, a.id, { kind: 'submitted', step: 'submitted', name: '个人申报 Submitted' }, `${a.id}:submitted`, a.submittedAt);
        });
        return { kind: 'created', id: a.id };
      } catch (error) {
        if (!uniqueViolation(error)) throw error;
        if (idempotency) {
          const earlier = await this.idempotent(idempotency.key, idempotency.fingerprint);
          if (earlier) return earlier;
        }
        const live = await this.db
          .selectFrom('applications')
          .select('id')
          .where('applicant_key', '=', a.applicantKey)
          .where('year', '=', a.year)
          .where('category', '=', a.category)
          .where('live', '=', true)
          .executeTakeFirst();
        if (live) return { kind: 'live-exists', id: live.id };
        throw error;
      }
    });
  }

  /** The engine started the application's flow. */
  async markStarted(id: string, processInstanceId: string): Promise<void> {
    await this.run('start', async () => {
      // One statement: a process killed here leaves the row either before or after, never between.
      await this.db
        .updateTable('applications')
        .set({ process_instance_id: processInstanceId, state: sql<string>`CASE WHEN state = 'starting' THEN 'submitted' ELSE state END`, updated_at: this.clock() })
        .where('id', '=', id)
        .execute();
    });
  }

  /** Forgets an application whose flow could not be started (nothing of it exists in the engine). */
  async discard(id: string): Promise<void> {
    await this.run('discard', () => this.db.deleteFrom('applications').where('id', '=', id).where('state', '=', 'starting').where('process_instance_id', 'is', null).execute());
  }

  /** Applications accepted but not yet started in the engine (a crash or an engine outage between the two). */
  async pendingStarts(olderThan: Date): Promise<ApplicationRow[]> {
    return this.run('pending starts', () =>
      this.db.selectFrom('applications').selectAll().where('state', '=', 'starting').where('updated_at', '<', olderThan).orderBy('submitted_at').limit(100).execute(),
    );
  }

  /**
   * Claims an accepted application's start for this process: only one process (and one call) at a
   * time gets it, until `olderThan` has passed again without it being started.
   */
  async claimStart(id: string, olderThan: Date): Promise<boolean> {
    return this.run('start claim', async () => {
      const claimed = await this.db.updateTable('applications').set({ updated_at: this.clock() }).where('id', '=', id).where('state', '=', 'starting').where('updated_at', '<', olderThan).returning('id').executeTakeFirst();
      return claimed !== undefined;
    });
  }

  async application(id: string): Promise<ApplicationRow | null> {
    return this.run('application', async () => (await this.db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst()) ?? null);
  }

  /**
   * The application as the flow's decisions must see it: read with a share lock, so that a change
   * being recorded under the row's lock (a correction) is waited for. UnknownApplicationError when absent.
   */
  async factsOf(id: string): Promise<ApplicationRow> {
    const row = await this.run('facts', async () => (await this.db.selectFrom('applications').selectAll().where('id', '=', id).forShare().executeTakeFirst()) ?? null);
    if (!row) throw new UnknownApplicationError(`application ${id} is not in the registry`);
    return row;
  }

  /** The application, or an UnknownApplicationError (handlers must not record facts about nothing). */
  async require(id: string | null | undefined): Promise<ApplicationRow> {
    const row = id ? await this.application(id) : null;
    if (!row) throw new UnknownApplicationError(`application ${id ?? '(no business key)'} is not in the registry`);
    return row;
  }

  /**
   * The office groups that review or reviewed an application: the office of every step recorded,
   * the current one and its committee's. Empty for an unknown application.
   */
  async reviewOffices(id: string): Promise<string[]> {
    return this.run('review offices', async () => {
      const row = await this.db.selectFrom('applications').select(['current_office', 'committee_group']).where('id', '=', id).executeTakeFirst();
      if (!row) return [];
      const steps = await this.db.selectFrom('application_events').select('office').distinct().where('application_id', '=', id).where('office', 'is not', null).execute();
      return [...new Set([row.current_office, row.committee_group, ...steps.map((s) => s.office)].filter((o): o is string => Boolean(o)))];
    });
  }

  async events(id: string): Promise<EventRow[]> {
    return this.run('events', () => this.db.selectFrom('application_events').selectAll().where('application_id', '=', id).orderBy('id').execute());
  }

  private async insertEvent(tx: Transaction<Database> | Kysely<Database>, id: string, e: EventInput, dedupeKey: string | null, at: Date = this.clock()): Promise<boolean> {
    const inserted = await tx
      .insertInto('application_events')
      .values({
        application_id: id,
        kind: e.kind,
        at,
        step: e.step ?? null,
        step_name: e.name ?? null,
        level: e.level ?? null,
        office: e.office ?? null,
        actor: e.actor ?? null,
        decision: e.decision ?? null,
        reasons: json(e.reasons),
        comment: e.comment ?? null,
        data: json(e.data),
        dedupe_key: dedupeKey,
      })
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    return inserted !== undefined;
  }

  /**
   * Records an event and, when it is new, changes the application in the same transaction. A
   * retried handler (same dedupe key) changes nothing the second time.
   */
  async record(id: string, event: EventInput, dedupeKey: string | null, change: ApplicationChange | ((row: ApplicationRow) => ApplicationChange) = {}): Promise<boolean> {
    return this.run('record', () =>
      this.db.transaction().execute(async (tx) => {
        const row = await tx.selectFrom('applications').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
        if (!row) throw new UnknownApplicationError(`application ${id} is not in the registry`);
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
  moveDeadline(id: string, m: { step: string; from: string | null; to: string; provisional: string | null }, dedupeKey: string, extra: ApplicationChange = {}): Promise<boolean> {
    return this.record(id, { kind: 'deadline-moved', step: m.step, data: { from: m.from, to: m.to, provisional: m.provisional } }, dedupeKey, (row) =>
      row.live && row.current_step === m.step ? { current_deadline: new Date(m.to), ...extra } : {},
    );
  }

  /** The application now waits in a step (a review task, a payment, a publicity). */
  openStep(id: string, s: StepOpened, dedupeKey: string, extra: ApplicationChange = {}): Promise<boolean> {
    const opened = stepOpened(s, this.clock());
    return this.record(id, opened.event, dedupeKey, (row) => (isEndState(row.state) ? {} : { ...extra, ...opened.change }));
  }

  /**
   * Applies an applicant's correction under the application's row lock: `check` sees the row as it
   * is now (a problem text refuses the correction), `deliver` hands it to the flow, and only then
   * the corrected application, its event and the step it goes back to are recorded. When `check`
   * refuses or `deliver` throws, nothing changes; two corrections at once cannot both pass.
   */
  async correct(
    id: string,
    c: { check: (row: ApplicationRow) => string | null; deliver: () => Promise<void>; change: ApplicationChange; event: EventInput; step: StepOpened },
  ): Promise<{ kind: 'corrected' } | { kind: 'conflict'; message: string }> {
    return this.run('correction', () =>
      this.db.transaction().execute(async (tx) => {
        const row = await tx.selectFrom('applications').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
        if (!row) throw new UnknownApplicationError(`application ${id} is not in the registry`);
        const problem = c.check(row);
        if (problem) return { kind: 'conflict', message: problem } as const;
        await c.deliver();
        const at = this.clock();
        await this.insertEvent(tx, id, c.event, null, at);
        const opened = stepOpened(c.step, at);
        await this.insertEvent(tx, id, opened.event, null, at);
        await tx.updateTable('applications').set({ ...c.change, ...opened.change, updated_at: at }).where('id', '=', id).execute();
        return { kind: 'corrected' } as const;
      }),
    );
  }

  /** The application ended (an end event of its flow). */
  finish(id: string, state: EndState, dedupeKey: string, details: { missedLevel?: string | null; missedDeadline?: string | null; step?: string; name?: string } = {}): Promise<boolean> {
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

  /** A payment confirmation; a transaction id is recorded once, for one application. */
  async recordPayment(id: string, p: PaymentRecord): Promise<PaymentResult> {
    return this.run('payment', async () => {
      const earlier = await this.db.selectFrom('payments').select('application_id').where('transaction_id', '=', p.transactionId).executeTakeFirst();
      if (earlier) return earlier.application_id === id ? { kind: 'replay', applicationId: id } : { kind: 'transaction-reused', applicationId: earlier.application_id };
      try {
        await this.db.transaction().execute(async (tx) => {
          await tx.insertInto('payments').values({ transaction_id: p.transactionId, application_id: id, amount: String(p.amount), currency: p.currency, paid_at: p.paidAt, received_at: this.clock() }).execute();
          await this.insertEvent(tx, id, { kind: 'paid', step: 'payment', name: '缴费 Paid', data: { amount: p.amount, currency: p.currency, transactionId: p.transactionId } }, `payment:${p.transactionId}`);
          await tx.updateTable('applications').set({ fee_state: 'paid', updated_at: this.clock() }).where('id', '=', id).execute();
        });
        return { kind: 'recorded' };
      } catch (error) {
        if (!uniqueViolation(error)) throw error;
        return this.recordPayment(id, p);
      }
    });
  }

  /** Undoes a payment the engine would not take (the application was not waiting for one). */
  async forgetPayment(id: string, transactionId: string): Promise<void> {
    await this.run('payment', () =>
      this.db.transaction().execute(async (tx) => {
        await tx.deleteFrom('application_events').where('dedupe_key', '=', `payment:${transactionId}`).execute();
        await tx.deleteFrom('payments').where('transaction_id', '=', transactionId).where('application_id', '=', id).execute();
      }),
    );
  }

  /** A committee's vote on the application (one per vote task). */
  async recordVote(id: string, v: VoteRecord, dedupeKey: string): Promise<void> {
    await this.run('vote', () =>
      this.db
        .insertInto('votes')
        .values({ application_id: id, committee_id: v.committeeId, meeting_date: v.meetingDate, members: v.members, present: v.present, yes: v.yes, against: v.against, abstain: v.abstain, passed: v.passed, recorded_at: this.clock(), dedupe_key: dedupeKey })
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .execute(),
    );
  }

  /**
   * Applications recorded before clients had names carry a SHA-256 of the token they were submitted
   * with: each becomes its client's name (`digests` maps such a digest to the name). Returns the count.
   */
  async nameCallers(digests: ReadonlyMap<string, string>): Promise<number> {
    let named = 0;
    for (const [digest, name] of digests) {
      const result = await this.run('callers', () => this.db.updateTable('applications').set({ caller: name }).where('caller', '=', digest).executeTakeFirst());
      named += Number(result.numUpdatedRows);
    }
    return named;
  }

  /** Votes of a committee on a meeting day, with what the report prints of each application. */
  async votesOn(committeeId: string, meetingDate: string) {
    return this.run('votes', () =>
      this.db
        .selectFrom('votes as v')
        .innerJoin('applications as a', 'a.id', 'v.application_id')
        .select(['v.application_id', 'a.caller', 'v.members', 'v.present', 'v.yes', 'v.against', 'v.abstain', 'v.passed', 'v.id', 'a.applicant_name', 'a.unit_name', 'a.series', 'a.specialty', 'a.level'])
        .where('v.committee_id', '=', committeeId)
        .where('v.meeting_date', '=', meetingDate)
        .orderBy('v.id')
        .execute(),
    );
  }

  /** The committee, last vote and waiver of an application, on which its result report stands. */
  async reportFacts(id: string): Promise<ReportFacts> {
    return this.run('report', async () => {
      const row = await this.require(id);
      const vote = await this.db
        .selectFrom('votes')
        .select(['id', 'committee_id', 'passed', sql<string>`to_char(meeting_date, 'YYYY-MM-DD')`.as('meeting_date')])
        .where('application_id', '=', id)
        .orderBy('id', 'desc')
        .executeTakeFirst();
      const waived = await this.db.selectFrom('application_events').select('id').where('application_id', '=', id).where('step', '=', 'waive-vote').where('kind', '=', 'decision').executeTakeFirst();
      return {
        committeeId: row.committee_id,
        vote: vote ? { id: String(vote.id), committeeId: vote.committee_id, meetingDate: vote.meeting_date, passed: vote.passed } : null,
        waived: waived !== undefined,
      };
    });
  }

  /**
   * Records that the committee reported the application's result to the provincial HR department,
   * with its progress event, once per dedupe key (the report task): a retry records nothing and
   * gets the first record's time back.
   */
  async recordReport(id: string, r: ReportRecord, dedupeKey: string, event: EventInput): Promise<{ reportedAt: Date }> {
    return this.run('report', async () => {
      await this.db.transaction().execute(async (tx) => {
        const row = await tx.selectFrom('applications').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
        if (!row) throw new UnknownApplicationError(`application ${id} is not in the registry`);
        const inserted = await tx
          .insertInto('committee_reports')
          .values({ application_id: id, committee_id: r.committeeId, meeting_date: r.meetingDate, vote_id: r.voteId, result: r.result, reported_at: r.reportedAt, dedupe_key: dedupeKey })
          .onConflict((oc) => oc.column('dedupe_key').doNothing())
          .returning('id')
          .executeTakeFirst();
        if (!inserted) return;
        await this.insertEvent(tx, id, event, dedupeKey, r.reportedAt);
        await tx.updateTable('applications').set({ updated_at: this.clock() }).where('id', '=', id).execute();
      });
      const recorded = await this.db.selectFrom('committee_reports').select('reported_at').where('dedupe_key', '=', dedupeKey).executeTakeFirstOrThrow();
      return { reportedAt: recorded.reported_at };
    });
  }

  /**
   * The results a committee reported of a meeting day, in the order reported, with each one's vote
   * and what the report prints of the application. A vote not yet reported is not among them.
   */
  async reportedResults(committeeId: string, meetingDate: string) {
    return this.run('reports', () =>
      this.db
        .selectFrom('committee_reports as r')
        .innerJoin('votes as v', 'v.id', 'r.vote_id')
        .innerJoin('applications as a', 'a.id', 'r.application_id')
        .select(['r.id', 'r.application_id', 'r.result', 'r.reported_at', 'a.caller', 'v.members', 'v.present', 'v.yes', 'v.against', 'v.abstain', 'a.applicant_name', 'a.unit_name', 'a.series', 'a.specialty', 'a.level'])
        .where('r.committee_id', '=', committeeId)
        .where('r.meeting_date', '=', meetingDate)
        .orderBy('r.id')
        .execute(),
    );
  }

  /** A document made for the application (the newest rendering of a name wins). */
  async putDocument(id: string, d: DocumentRecord): Promise<void> {
    await this.run('document', () =>
      this.db
        .insertInto('documents')
        .values({ application_id: id, name: d.name, sha256: d.sha256, size: d.size, file_name: d.fileName, store: d.store, rendered_at: instant(d.renderedAt) })
        .onConflict((oc) => oc.columns(['application_id', 'name']).doUpdateSet({ sha256: d.sha256, size: d.size, file_name: d.fileName, store: d.store, rendered_at: instant(d.renderedAt) }))
        .execute(),
    );
  }

  async documents(id: string) {
    return this.run('documents', () => this.db.selectFrom('documents').selectAll().where('application_id', '=', id).orderBy('rendered_at').orderBy('name').execute());
  }

  /**
   * Issues the certificate of an application once: a retry gets the same one back. Its number is
   * the next of a counter row per office and year, taken in the same transaction as the
   * certificate, so numbers have no gaps and no two certificates share one.
   */
  async issueCertificate(r: CertificateRequest): Promise<CertificateRow> {
    return this.run('certificate', async () => {
      const existing = await this.certificateOf(r.applicationId, r.kind);
      if (existing) return existing;
      try {
        await this.db.transaction().execute(async (tx) => {
          const counter = await tx
            .insertInto('certificate_counters')
            .values({ office: r.office, year: r.year, last: 1 })
            .onConflict((oc) => oc.columns(['office', 'year']).doUpdateSet({ last: sql`certificate_counters.last + 1` }))
            .returning('last')
            .executeTakeFirstOrThrow();
          const made = r.make({ office: r.office, year: r.year, seq: counter.last });
          await tx
            .insertInto('certificates')
            .values({
              verification_code: made.verificationCode,
              number: made.number,
              application_id: r.applicationId,
              kind: r.kind,
              office: r.office,
              year: r.year,
              seq: counter.last,
              committee_id: r.committeeId,
              committee_group: r.committeeGroup,
              issued_at: this.clock(),
              data: JSON.stringify(made.data),
            })
            .execute();
          await this.insertEvent(tx, r.applicationId, { kind: 'certificate', step: r.kind, name: '证书发放 Certificate issued', data: { number: made.number } }, `certificate:${r.applicationId}:${r.kind}`);
        });
      } catch (error) {
        // Another worker issued it at the same moment: theirs stands.
        if (!uniqueViolation(error)) throw error;
      }
      const issued = await this.certificateOf(r.applicationId, r.kind);
      if (!issued) throw new Error(`certificate of ${r.applicationId} was not recorded`);
      return issued;
    });
  }

  private toCertificate(row: Selectable<Database['certificates']>): CertificateRow {
    return {
      verificationCode: row.verification_code,
      number: row.number,
      applicationId: row.application_id,
      kind: row.kind,
      committeeId: row.committee_id,
      committeeGroup: row.committee_group,
      status: row.status === 'revoked' ? 'revoked' : 'valid',
      issuedAt: row.issued_at,
      revokedAt: row.revoked_at,
      revocation: row.revocation,
      data: row.data as Record<string, unknown>,
    };
  }

  async certificateOf(applicationId: string, kind?: string): Promise<CertificateRow | null> {
    return this.run('certificate', async () => {
      let q = this.db.selectFrom('certificates').selectAll().where('application_id', '=', applicationId);
      if (kind) q = q.where('kind', '=', kind);
      const row = await q.orderBy('issued_at', 'desc').executeTakeFirst();
      return row ? this.toCertificate(row) : null;
    });
  }

  async certificateByCode(code: string): Promise<CertificateRow | null> {
    return this.run('certificate', async () => {
      const row = await this.db.selectFrom('certificates').selectAll().where('verification_code', '=', code).executeTakeFirst();
      return row ? this.toCertificate(row) : null;
    });
  }

  /**
   * Claims the one open objection case of a valid certificate; false when a case is open (in any
   * API process) or the certificate is revoked.
   */
  async claimObjection(code: string): Promise<boolean> {
    return this.run('objection', async () => {
      const claimed = await this.db.updateTable('certificates').set({ objection_case: 'pending' }).where('verification_code', '=', code).where('status', '=', 'valid').where('objection_case', 'is', null).returning('number').executeTakeFirst();
      return claimed !== undefined;
    });
  }

  /** The objection case of a certificate started (its instance id), or ended (null). */
  async setObjectionCase(code: string, caseId: string | null): Promise<void> {
    await this.run('objection', () => this.db.updateTable('certificates').set({ objection_case: caseId }).where('verification_code', '=', code).execute());
  }

  /** Revokes a certificate after an upheld objection; the application's state becomes revoked. */
  async revokeCertificate(code: string, revocation: Record<string, unknown>): Promise<CertificateRow | null> {
    return this.run('revocation', async () => {
      const certificate = await this.certificateByCode(code);
      if (!certificate) return null;
      if (certificate.status === 'revoked') return certificate;
      await this.db.transaction().execute(async (tx) => {
        await tx.updateTable('certificates').set({ status: 'revoked', revoked_at: this.clock(), revocation: JSON.stringify(revocation), objection_case: null }).where('verification_code', '=', code).execute();
        await this.insertEvent(tx, certificate.applicationId, { kind: 'certificate-revoked', step: 'certificate-revocation', name: '撤销证书 Certificate revoked', comment: typeof revocation.finding === 'string' ? revocation.finding : null, data: { number: certificate.number } }, `revoked:${code}`);
        await tx.updateTable('applications').set({ state: 'revoked', updated_at: this.clock() }).where('id', '=', certificate.applicationId).execute();
      });
      return this.certificateByCode(code);
    });
  }
}
