// The applications of the registry: what the API records when it accepts one (with its idempotency
// key and the one-live rule), its start in the engine, and the reads of the application row.
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Materials } from './materials.js';
import type { Database } from './schema.js';
import { RegistryPart, UnknownApplicationError, uniqueViolation, type ApplicationRow } from './shared.js';

/** States an application ends in; a row in one of them is no longer live. */
export { END_STATES, isEndState, type EndState } from '../domain/steps.js';
import type { ApplicationState } from '../domain/steps.js';

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
  /** The client's uploads the application carries, attached in the same transaction. */
  materials?: readonly string[];
}

export type CreateResult =
  | { kind: 'created'; id: string }
  /** The same idempotency key with the same body: the first answer again. */
  | { kind: 'replay'; id: string; processInstanceId: string | null; state: string }
  /** The same idempotency key with another body. */
  | { kind: 'key-reused' }
  /** Another live application of the applicant in the same year and category. */
  | { kind: 'live-exists'; id: string };

export class Applications extends RegistryPart {
  constructor(
    db: Kysely<Database>,
    clock: () => Date,
    private readonly materials?: Materials,
  ) {
    super(db, clock);
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
          if (a.materials?.length) {
            if (!this.materials || !a.caller) throw new Error('materials are attached only to a client\'s application, through a registry that keeps them');
            await this.materials.attach(tx, a.id, a.caller, a.materials);
          }
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
        .set({ process_instance_id: processInstanceId, state: sql<ApplicationState>`CASE WHEN state = 'starting' THEN 'submitted' ELSE state END`, updated_at: this.clock() })
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
}
