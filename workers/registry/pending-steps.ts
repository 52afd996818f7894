// Waits recorded when the flow reaches them. A worker step whose completion takes the flow into a
// wait for a message (a correction, a payment, a publicity's objections) does not record that wait
// before the engine took the completion: it leaves the step here, keyed like the record it becomes,
// and it is recorded once the engine took the completion (stepsReachedBy). So whenever the registry says
// an application waits for a message, its flow does. A process that dies between the two leaves the
// step here; stepsPendingSince finds it and it is recorded then (the task, if it was not completed
// after all, runs again and records the same key once).
import type { Steps, StepOpened } from './steps.js';
import { RegistryPart, type ApplicationChange } from './shared.js';
import type { Database } from './schema.js';
import type { Kysely } from 'kysely';

export class PendingSteps extends RegistryPart {
  constructor(
    db: Kysely<Database>,
    clock: () => Date,
    private readonly steps: Steps,
  ) {
    super(db, clock);
  }

  /**
   * Leaves a step to be opened once the flow reached it; the same key twice keeps the first.
   * `afterNext`: the flow reaches it only after the next task (one that runs between this task and
   * the wait), whose completion opens it (stepsReachedBy).
   */
  async pendStep(id: string, s: StepOpened, dedupeKey: string, extra: ApplicationChange = {}, afterNext = false): Promise<void> {
    await this.run('pend step', () =>
      this.db
        .insertInto('pending_steps')
        .values({ dedupe_key: dedupeKey, application_id: id, step: JSON.stringify(s), extra: JSON.stringify(extra), after_next: afterNext, created_at: this.clock() })
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .execute(),
    );
  }

  /** The flow stands in the step left under `dedupeKey`: it is opened (once) and no longer pending. */
  async stepReached(dedupeKey: string): Promise<void> {
    const pending = await this.run('pending step', () => this.db.selectFrom('pending_steps').selectAll().where('dedupe_key', '=', dedupeKey).executeTakeFirst());
    if (!pending) return;
    await this.steps.openStep(pending.application_id, pending.step as unknown as StepOpened, dedupeKey, pending.extra as ApplicationChange);
    await this.run('pending step done', () => this.db.deleteFrom('pending_steps').where('dedupe_key', '=', dedupeKey).execute());
  }

  /**
   * The engine took the completion of task `taskId` (of the application `applicationId`): the
   * waits it left (keys `<taskId>:…`) are reached, and so are those earlier tasks of the
   * application left for after the next one.
   */
  async stepsReachedBy(taskId: string, applicationId: string | null): Promise<void> {
    // The task's own keys as a range of the primary key: `<taskId>:` up to `<taskId>;` (';' follows ':').
    const [from, to] = [`${taskId}:`, `${taskId};`];
    const rows = await this.run('pending steps reached', () =>
      this.db
        .selectFrom('pending_steps')
        .select('dedupe_key')
        .where((eb) =>
          eb.or([
            eb.and([eb('dedupe_key', '>=', from), eb('dedupe_key', '<', to), eb('after_next', '=', false)]),
            eb.and([eb('application_id', '=', applicationId ?? ''), eb('after_next', '=', true), eb.or([eb('dedupe_key', '<', from), eb('dedupe_key', '>=', to)])]),
          ]),
        )
        .orderBy('created_at')
        .execute(),
    );
    for (const { dedupe_key } of rows) await this.stepReached(dedupe_key);
  }

  /** Keys of steps left pending since before `before` (their process died before recording them). */
  async stepsPendingSince(before: Date): Promise<string[]> {
    const rows = await this.run('pending steps', () => this.db.selectFrom('pending_steps').select('dedupe_key').where('created_at', '<', before).orderBy('created_at').limit(100).execute());
    return rows.map((r) => r.dedupe_key);
  }
}
