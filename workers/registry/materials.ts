// The materials of the registry: a client's uploads (电子材料), each attached to one application at
// its submission, in the transaction that records the application; an upload left unattached
// expires, the materials of a withdrawn or refused application are deleted after the policy's
// retention, and the store's bytes go once no kept record names them.
import type { Kysely, Transaction } from 'kysely';
import { MATERIALS_DELETED_AFTER, materialsExpired, retentionRule } from '../rules/materials.js';
import type { Database } from './schema.js';
import { RegistryPart } from './shared.js';

export interface NewMaterial {
  id: string;
  caller: string;
  kind: string;
  label: string;
  fileName: string;
  contentType: string;
  bytes: number;
  sha256: string;
  pages: number | null;
  expiresAt: Date;
}

/** Some of the materials an application names were taken meanwhile (attached elsewhere, or expired). */
export class MaterialsTakenError extends Error {
  override readonly name = 'MaterialsTakenError';
  constructor(readonly ids: string[]) {
    super(`materials no longer free to attach: ${ids.join(', ')}`);
  }
}

export class Materials extends RegistryPart {
  async addMaterial(m: NewMaterial): Promise<void> {
    await this.run('material', () =>
      this.db
        .insertInto('materials')
        .values({ id: m.id, caller: m.caller, kind: m.kind, label: m.label, file_name: m.fileName, content_type: m.contentType, bytes: m.bytes, sha256: m.sha256, pages: m.pages, uploaded_at: this.clock(), expires_at: m.expiresAt, application_id: null, attached_at: null })
        .execute(),
    );
  }

  /** The materials of `ids`, whoever uploaded them (the caller decides what to answer). */
  async materialsById(ids: readonly string[]) {
    if (ids.length === 0) return [];
    return this.run('materials', () => this.db.selectFrom('materials').selectAll().where('id', 'in', [...ids]).execute());
  }

  /** The store names (SHA-256) among `names` that no kept record names: their bytes may go. */
  unnamedBlobs(names: readonly string[]): Promise<string[]> {
    return this.run('unnamed blobs', () => unnamed(this.db, names));
  }

  /** An application's current materials (none a correction replaced), in the order they were uploaded. */
  async materialsOf(applicationId: string) {
    return this.run('materials of', () => this.db.selectFrom('materials').selectAll().where('application_id', '=', applicationId).where('replaced_by', 'is', null).orderBy('seq').execute());
  }

  /** Every material an application carried, those a correction replaced included (replaced_by). */
  async materialHistoryOf(applicationId: string) {
    return this.run('material history', () => this.db.selectFrom('materials').selectAll().where('application_id', '=', applicationId).orderBy('seq').execute());
  }

  /**
   * Attaches the client's free uploads `ids` to the application, inside the transaction that
   * records it: all or none (MaterialsTakenError, and the transaction rolls back).
   */
  async attach(tx: Transaction<Database>, applicationId: string, caller: string, ids: readonly string[]): Promise<void> {
    // The registry's clock: a submission dated otherwise (a test inside a future window) expires nothing.
    await attachMaterials(tx, this.clock(), applicationId, caller, ids);
  }

  /** A reviewer opened one of the application's materials. */
  async recordOpening(applicationId: string, materialId: string, actor: string): Promise<void> {
    await this.run('material opened', () => this.db.insertInto('material_openings').values({ application_id: applicationId, material_id: materialId, actor, opened_at: this.clock() }).execute());
  }

  /** Who opened which of the application's materials, and when, oldest first. */
  async openingsOf(applicationId: string) {
    return this.run('material openings', () => this.db.selectFrom('material_openings').select(['material_id', 'actor', 'opened_at']).where('application_id', '=', applicationId).orderBy('id').execute());
  }

  /**
   * Applications ended withdrawn or refused whose materials are kept past the retention of their
   * policy (`retentionDays`, by policy id) at the registry's clock: the ones to delete now.
   */
  async pastRetention(retentionDays: (policyId: string) => number) {
    const now = this.clock();
    const ended = await this.run('materials past retention', () =>
      this.db
        .selectFrom('applications')
        .select(['id', 'state', 'policy_id', 'ended_at'])
        .where('live', '=', false)
        .where('state', 'in', [...MATERIALS_DELETED_AFTER])
        .where('ended_at', 'is not', null)
        .where(({ exists, selectFrom }) => exists(selectFrom('materials').select('materials.id').whereRef('materials.application_id', '=', 'applications.id').where('materials.deleted_at', 'is', null)))
        .orderBy('ended_at')
        .execute(),
    );
    return ended.filter((a) => materialsExpired(a.state, a.ended_at, retentionDays(a.policy_id), now));
  }

  /**
   * Deletes the materials of application `id` under the retention rule, when it is due at the
   * registry's clock (checked again under the application's lock): each row is marked deleted
   * rather than dropped, so that the status, the reviewers' list and the openings keep naming what
   * the application carried (their audit trail) and say when it went; the event says how many went
   * and under which rule. Answers the store names no kept record names any more.
   */
  async deleteRetained(id: string, retentionDays: number): Promise<RetentionDeletion> {
    return this.run('delete retained materials', () =>
      this.db.transaction().execute(async (tx) => {
        const row = await this.lockApplication(tx, id);
        const now = this.clock();
        if (!materialsExpired(row.state, row.ended_at, retentionDays, now)) return { count: 0, names: [] };
        const gone = await tx.updateTable('materials').set({ deleted_at: now }).where('application_id', '=', id).where('deleted_at', 'is', null).returning('sha256').execute();
        if (gone.length === 0) return { count: 0, names: [] };
        const rule = retentionRule(retentionDays, row.policy_id);
        await this.insertEvent(
          tx,
          id,
          { kind: 'materials-deleted', name: '电子材料已按保存期限删除', comment: `${gone.length}份电子材料已删除：${rule}`, data: { count: gone.length, retentionDays, policyId: row.policy_id } },
          `materials-deleted:${id}:${now.toISOString()}`,
          now,
        );
        await tx.updateTable('applications').set({ updated_at: now }).where('id', '=', id).execute();
        return { count: gone.length, names: await unnamed(tx, [...new Set(gone.map((g) => g.sha256))]) };
      }),
    );
  }

  /**
   * Forgets the unattached uploads expired by `now` and answers the store names (SHA-256) no
   * record names any more: their bytes may go.
   */
  async expireMaterials(now: Date): Promise<string[]> {
    return this.run('expire materials', () =>
      this.db.transaction().execute(async (tx) => {
        const gone = await tx.deleteFrom('materials').where('application_id', 'is', null).where('expires_at', '<=', now).returning('sha256').execute();
        return unnamed(tx, [...new Set(gone.map((g) => g.sha256))]);
      }),
    );
  }
}

/** What deleting an application's materials under the retention rule did. */
export interface RetentionDeletion {
  /** How many materials were deleted (0: none were left, or the application is not due). */
  count: number;
  /** The store names (SHA-256) no kept record names any more: their bytes may go. */
  names: string[];
}

async function unnamed(db: Kysely<Database>, names: readonly string[]): Promise<string[]> {
  if (names.length === 0) return [];
  const kept = new Set((await db.selectFrom('materials').select('sha256').where('sha256', 'in', [...names]).where('deleted_at', 'is', null).execute()).map((k) => k.sha256));
  return names.filter((n) => !kept.has(n));
}

/** Attaches the client's free uploads `ids` to the application at `at`: all or none (MaterialsTakenError). */
export async function attachMaterials(tx: Transaction<Database>, at: Date, applicationId: string, caller: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const attached = await tx
    .updateTable('materials')
    .set({ application_id: applicationId, attached_at: at, expires_at: null })
    .where('id', 'in', [...ids])
    .where('caller', '=', caller)
    .where('application_id', 'is', null)
    .where('expires_at', '>', at)
    .returning('id')
    .execute();
  const got = new Set(attached.map((r) => r.id));
  const missing = ids.filter((id) => !got.has(id));
  if (missing.length > 0) throw new MaterialsTakenError(missing);
}

/**
 * Gives back uploads a correction had attached and the flow did not take: free again for the
 * client, expiring at `expiresAt` like any unattached upload.
 */
export async function detachMaterials(tx: Transaction<Database>, applicationId: string, ids: readonly string[], expiresAt: Date): Promise<void> {
  if (ids.length === 0) return;
  await tx.updateTable('materials').set({ application_id: null, attached_at: null, expires_at: expiresAt }).where('application_id', '=', applicationId).where('id', 'in', [...ids]).execute();
}

/** Marks each `replaced` material of the application as replaced by `by` at `at` (a correction's). */
export async function replaceMaterials(tx: Transaction<Database>, at: Date, applicationId: string, pairs: ReadonlyArray<{ replaced: string; by: string }>): Promise<void> {
  for (const { replaced, by } of pairs) {
    await tx.updateTable('materials').set({ replaced_by: by, replaced_at: at }).where('application_id', '=', applicationId).where('id', '=', replaced).where('replaced_by', 'is', null).execute();
  }
}
