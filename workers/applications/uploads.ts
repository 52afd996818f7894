// The uploads a request lists (`materials: [{id}]`, made by POST /api/materials): a submission's
// and a correction's. Each must be a free upload of the same client, listed once, not expired;
// one attached meanwhile to another application is a conflict.
import { z } from 'zod';
import { fieldErrors, type FieldError } from '../domain/application.js';
import { MATERIAL_ID_PATTERN } from '../domain/codes.js';
import type { MaterialsTakenError, Registry } from '../registry/registry.js';

const listedSchema = z.array(z.object({ id: z.string().regex(MATERIAL_ID_PATTERN, { error: 'must be the id of an upload (POST /api/materials)' }) })).max(100).optional();

/** The ids of `body.materials`, or the errors naming `materials…`. */
export function listedUploads(body: unknown): { ok: true; ids: string[] } | { ok: false; errors: FieldError[] } {
  const listed = listedSchema.safeParse((body as { materials?: unknown } | null)?.materials);
  if (!listed.success) return { ok: false, errors: fieldErrors(listed.error).map((e) => ({ ...e, field: `materials${e.field === '(root)' ? '' : `.${e.field}`}` })) };
  return { ok: true, ids: (listed.data ?? []).map((m) => m.id) };
}

export type UploadRow = Awaited<ReturnType<Registry['materialsById']>>[number];

/**
 * The uploads `ids` as the registry has them, with what is wrong with each: unknown to `caller`,
 * listed twice or expired (`invalid`, 422), attached to an application (`taken`, 409). Expiry is
 * read on `now`, the server's clock.
 */
export async function checkUploads(registry: Pick<Registry, 'materialsById'>, ids: readonly string[], caller: string | undefined, now: Date): Promise<{ rows: Map<string, UploadRow>; invalid: FieldError[]; taken: FieldError[] }> {
  const rows = new Map((await registry.materialsById(ids)).map((m) => [m.id, m]));
  const invalid: FieldError[] = [];
  const taken: FieldError[] = [];
  ids.forEach((id, i) => {
    const m = rows.get(id);
    const field = `materials[${i}].id`;
    if (ids.indexOf(id) !== i) invalid.push({ field, message: 'lists the same upload twice' });
    else if (!m || m.caller !== caller) invalid.push({ field, message: 'no upload of this client has this id' });
    else if (m.application_id !== null) taken.push({ field, message: 'this upload is attached to another application' });
    else if (m.expires_at && m.expires_at.getTime() <= now.getTime()) invalid.push({ field, message: 'this upload expired before it was attached; upload the file again' });
  });
  return { rows, invalid, taken };
}

/** The errors of uploads taken between the check and the record (nothing was recorded). */
export function takenMeanwhile(error: MaterialsTakenError, ids: readonly string[]): FieldError[] {
  return error.ids.map((m) => ({ field: `materials[${ids.indexOf(m)}].id`, message: 'this upload was attached to another application or expired meanwhile' }));
}
