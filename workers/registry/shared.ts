// What the parts of the registry (applications, steps, payments, votes, reports, documents,
// certificates, objections) share: the database handle and clock, the wrapper that tells a lost
// connection from a failed query, the progress event every fact writes, the row lock a recorded
// change takes, the registry's errors, and the rows and inputs they pass between them.
import type { Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { ApplicationsTable, Database, EventsTable } from './schema.js';

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

export type ApplicationRow = Selectable<ApplicationsTable>;
/** Columns a recorded event changes. */
export type ApplicationChange = Omit<Updateable<ApplicationsTable>, 'id'>;
export type EventRow = Selectable<EventsTable>;

/** The application does not exist in the registry (a fact about an unknown application). */
export class UnknownApplicationError extends Error {
  override readonly name = 'UnknownApplicationError';
}

/** The registry's database cannot be reached. */
export class RegistryUnavailableError extends Error {
  override readonly name = 'RegistryUnavailableError';
}

export const json = (value: unknown): string | null => (value === undefined || value === null ? null : JSON.stringify(value));
export const instant = (value: string | Date | null | undefined): Date | null => (value ? new Date(value) : null);

/** Whether an error is a unique violation (of `constraint`, when named). */
export function uniqueViolation(error: unknown, constraint?: string): boolean {
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

/** A part of the registry: the tables of one aggregate, on the database handle and clock all parts share. */
export abstract class RegistryPart {
  constructor(
    protected readonly db: Kysely<Database>,
    protected readonly clock: () => Date,
  ) {}

  /** Runs a database call; connection failures become RegistryUnavailableError. */
  protected async run<T>(what: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (unreachable(error)) throw new RegistryUnavailableError(`the application registry is unavailable (${what}): ${(error as Error).message}`);
      throw error;
    }
  }

  /** Adds an event to the application's history, once per dedupe key; false when the key was recorded before. */
  protected async insertEvent(tx: Transaction<Database> | Kysely<Database>, id: string, e: EventInput, dedupeKey: string | null, at: Date = this.clock()): Promise<boolean> {
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
   * The application's row, locked for update until the transaction ends, so that facts recorded
   * about it at the same time wait for each other. UnknownApplicationError when absent.
   */
  protected async lockApplication(tx: Transaction<Database>, id: string): Promise<ApplicationRow> {
    const row = await tx.selectFrom('applications').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw new UnknownApplicationError(`application ${id} is not in the registry`);
    return row;
  }
}
