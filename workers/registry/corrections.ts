// Applicants' corrections of returned applications (退回补正), recorded in two short transactions
// around the engine's delivery, never holding a lock while the engine is called: `claimCorrection`
// checks the application under its row lock and records the correction it is about to deliver
// (one pending claim per application), the caller delivers it to the flow, then `recordCorrection`
// records the corrected application, its event and the step it goes back to, once per claim. A
// claim left pending (the process died, or the engine did not answer) is found again by
// `pendingCorrections` and settled by the caller: delivered and recorded, or released.
import { sql } from 'kysely';
import { attachMaterials, detachMaterials, replaceMaterials } from './materials.js';
import { RegistryPart, type ApplicationChange, type ApplicationRow, type EventInput } from './shared.js';
import { stepOpened, type StepOpened } from './steps.js';

/** A correction claimed for delivery to the flow, and what is recorded once the flow has it. */
export interface CorrectionClaim {
  /** Unique per claim: the dedupe key of what it records. */
  id: string;
  /** When it was claimed (ISO); a claim older than a resume interval is settled by whoever finds it. */
  claimedAt: string;
  /** The variables the flow's correction message carries. */
  variables: Record<string, unknown>;
  change: ApplicationChange;
  event: EventInput;
  step: StepOpened;
  /**
   * The client's new uploads for the material kinds the return named: attached with the claim (so
   * no other application can take them meanwhile), each replacing the application's material of its
   * kind once recorded; given back to expire if the flow does not take the correction.
   */
  materials?: { caller: string; attach: string[]; replace: Array<{ replaced: string; by: string }> };
}

export type CorrectionClaimResult =
  | { kind: 'claimed' }
  /** `check` refused: the application is not (or no longer) correctable. */
  | { kind: 'conflict'; message: string }
  /** Another correction of the application is claimed and not yet recorded or released. */
  | { kind: 'pending'; claim: CorrectionClaim };

export class Corrections extends RegistryPart {
  /**
   * Claims a correction: under the application's row lock, `check` sees the row as it is now (a
   * problem text refuses), and the claim is recorded unless another one is pending. Short: nothing
   * but the registry is called while the lock is held.
   */
  async claimCorrection(id: string, check: (row: ApplicationRow) => string | null, claim: CorrectionClaim): Promise<CorrectionClaimResult> {
    return this.run('correction claim', () =>
      this.db.transaction().execute(async (tx) => {
        const row = await this.lockApplication(tx, id);
        const pending = claimOf(row);
        if (pending) return { kind: 'pending', claim: pending } as const;
        const problem = check(row);
        if (problem) return { kind: 'conflict', message: problem } as const;
        if (claim.materials) await attachMaterials(tx, this.clock(), id, claim.materials.caller, claim.materials.attach);
        await tx.updateTable('applications').set({ correction_claim: JSON.stringify(claim) }).where('id', '=', id).execute();
        return { kind: 'claimed' } as const;
      }),
    );
  }

  /**
   * Records a claimed correction the flow has received: the corrected application, its event, the
   * step it goes back to; the claim ends. False (nothing recorded) when the claim is no longer
   * pending: recorded before, or released.
   */
  async recordCorrection(id: string, claimId: string): Promise<boolean> {
    return this.run('correction', () =>
      this.db.transaction().execute(async (tx) => {
        const row = await this.lockApplication(tx, id);
        const claim = claimOf(row);
        if (!claim || claim.id !== claimId) return false;
        const at = this.clock();
        await this.insertEvent(tx, id, claim.event, `corrected:${claim.id}`, at);
        const opened = stepOpened(claim.step, at);
        await this.insertEvent(tx, id, opened.event, `corrected:${claim.id}:step`, at);
        if (claim.materials) await replaceMaterials(tx, at, id, claim.materials.replace);
        await tx.updateTable('applications').set({ ...claim.change, ...opened.change, correction_claim: null, updated_at: at }).where('id', '=', id).execute();
        return true;
      }),
    );
  }

  /**
   * Forgets a claimed correction the flow did not take (it no longer waits for one); the uploads it
   * attached are given back and expire now: no correction can use them any more.
   */
  async releaseCorrection(id: string, claimId: string): Promise<void> {
    await this.run('correction release', () =>
      this.db.transaction().execute(async (tx) => {
        const row = await this.lockApplication(tx, id);
        const claim = claimOf(row);
        if (!claim || claim.id !== claimId) return;
        if (claim.materials) await detachMaterials(tx, id, claim.materials.attach, this.clock());
        await tx.updateTable('applications').set({ correction_claim: null }).where('id', '=', id).where(sql<string>`correction_claim->>'id'`, '=', claimId).execute();
      }),
    );
  }

  /** Applications with a correction claimed before `olderThan` and neither recorded nor released. */
  async pendingCorrections(olderThan: Date): Promise<Array<{ row: ApplicationRow; claim: CorrectionClaim }>> {
    const rows = await this.run('pending corrections', () =>
      this.db.selectFrom('applications').selectAll().where('correction_claim', 'is not', null).where(sql<string>`correction_claim->>'claimedAt'`, '<', olderThan.toISOString()).orderBy('updated_at').limit(100).execute(),
    );
    return rows.flatMap((row) => {
      const claim = claimOf(row);
      return claim ? [{ row, claim }] : [];
    });
  }
}

/** The pending correction claim of an application row, if any. */
export function claimOf(row: ApplicationRow): CorrectionClaim | null {
  const claim = row.correction_claim;
  if (!claim) return null;
  return (typeof claim === 'string' ? JSON.parse(claim) : claim) as CorrectionClaim;
}
