// Uploads of applicants' electronic materials (电子材料, notice 三（一）). A file streams from the
// request into the store: its type is decided by its first bytes (PDF, JPEG or PNG; file-type reads
// the magic numbers), its size is counted as it flows and cut at MATERIALS_MAX_BYTES, a PDF's pages
// are counted as it flows (pdf-pages.ts), and its SHA-256 names it in the store. Nothing is held
// whole in memory or read twice; a refused upload stores nothing.
// The registry records each upload as the client's, free until an application carries it; an
// upload left unattached expires and its bytes go, and so do the materials of a withdrawn or refused
// application once its policy's retention has passed.
import { Transform, type Readable } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';
import { newMaterialId } from '../domain/codes.js';
import { retentionRule } from '../rules/materials.js';
import type { Logger } from '../log.js';
import type { PolicyProvider } from '../policy/provider.js';
import type { Registry } from '../registry/registry.js';
import { PdfPageCounter } from './pdf-pages.js';
import type { MaterialStore } from './store.js';

/** What a material's type may be, decided by its content. */
export const MATERIAL_TYPES = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG' } as const;
export type MaterialType = keyof typeof MATERIAL_TYPES;

/** A refused upload: the HTTP status, the field and the rule. */
export class MaterialRefusal extends Error {
  override readonly name = 'MaterialRefusal';
  constructor(
    readonly status: 400 | 413 | 415 | 422,
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export interface UploadedMaterial {
  id: string;
  kind: string;
  label: string;
  fileName: string;
  contentType: MaterialType;
  bytes: number;
  sha256: string;
}

export interface MaterialServiceDeps {
  registry: Registry;
  store: MaterialStore;
  policies: PolicyProvider;
  clock: () => Date;
  log: Logger;
  /** The largest file, in bytes (MATERIALS_MAX_BYTES). */
  maxBytes: number;
  /** How long an unattached upload is kept, in ms (MATERIALS_UNATTACHED_TTL_MS). */
  unattachedTtlMs: number;
}

/** Bytes enough for every magic number file-type reads. */
const HEAD_BYTES = 4100;

/**
 * Passes the stream on once its first bytes show an allowed type (then `type()` answers it), and
 * fails it with a refusal otherwise, or once it grows past `maxBytes`. A PDF's pages are counted on
 * the way (`pages()`, once it is through; an image is one page).
 */
function screened(maxBytes: number): Transform & { type(): MaterialType; pages(): number | null } {
  let head: Buffer[] = [];
  let headBytes = 0;
  let seen = 0;
  let decided: MaterialType | null = null;
  let counter: PdfPageCounter | null = null;
  const decide = async (t: Transform): Promise<void> => {
    const bytes = Buffer.concat(head);
    head = [];
    const found = await fileTypeFromBuffer(bytes);
    const mime = found?.mime as string | undefined;
    if (!mime || !(mime in MATERIAL_TYPES)) {
      throw new MaterialRefusal(415, 'file', `must be a PDF, JPEG or PNG file, by its content (this one is ${mime ?? 'of no known type'})`);
    }
    decided = mime as MaterialType;
    if (decided === 'application/pdf') (counter = new PdfPageCounter()).write(bytes);
    t.push(bytes);
  };
  const t = new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > maxBytes) return done(new MaterialRefusal(413, 'file', `must be at most ${maxBytes} bytes (MATERIALS_MAX_BYTES)`));
      if (decided) {
        counter?.write(chunk);
        return done(null, chunk);
      }
      head.push(chunk);
      headBytes += chunk.length;
      if (headBytes < HEAD_BYTES) return done();
      decide(this).then(() => done(), done);
    },
    flush(done) {
      if (decided) return done();
      if (headBytes === 0) return done(new MaterialRefusal(400, 'file', 'must not be empty'));
      decide(this).then(() => done(), done);
    },
  });
  return Object.assign(t, { type: () => decided!, pages: () => (counter ? counter.pages() : 1) });
}

export class MaterialService {
  constructor(private readonly deps: MaterialServiceDeps) {}

  /** The kinds the active policy names, with their labels. */
  kinds(): Record<string, { label: string }> {
    return this.deps.policies.active().materials.kinds;
  }

  /**
   * Streams one upload of `caller` into the store and records it. `kind` may arrive after the file
   * (multipart fields come in the client's order): it is checked once the file is stored, and a
   * refused kind leaves nothing recorded (and no bytes, unless another record names them).
   */
  async upload(caller: string, kind: () => string | undefined, fileName: string, body: Readable): Promise<UploadedMaterial> {
    const screen = screened(this.deps.maxBytes);
    body.on('error', (error) => screen.destroy(error));
    // Its error reaches the caller through the store's put; a second emission has no one else to tell.
    screen.on('error', () => undefined);
    const blob = await this.deps.store.put(body.pipe(screen));
    const kinds = this.kinds();
    const k = kind();
    if (!k || !kinds[k]) {
      await this.forget(blob.sha256);
      throw new MaterialRefusal(422, 'kind', `must be one of the policy's kinds of materials: ${Object.keys(kinds).join(', ')}`);
    }
    const contentType = screen.type();
    const pages = screen.pages();
    const material = { id: newMaterialId(), kind: k, label: kinds[k]!.label, fileName: cleanFileName(fileName), contentType, bytes: blob.bytes, sha256: blob.sha256 };
    await this.deps.registry.addMaterial({ ...material, caller, pages, expiresAt: new Date(this.deps.clock().getTime() + this.deps.unattachedTtlMs) });
    this.deps.log.info({ material: material.id, kind: k, bytes: blob.bytes, contentType }, 'material uploaded');
    return material;
  }

  /** The stored bytes of a material, streamed; null when the store has none. */
  read(sha256: string): Promise<Readable | null> {
    return this.deps.store.get(sha256);
  }

  /** Forgets the unattached uploads that expired; their bytes go where no other record names them. */
  async expire(): Promise<number> {
    const names = await this.deps.registry.expireMaterials(this.deps.clock());
    for (const sha256 of names) await this.deps.store.delete(sha256);
    return names.length;
  }

  /**
   * Deletes the materials of the applications ended withdrawn or refused longer ago than their
   * policy's `materials.retentionDays` (the registry decides, on its clock); their bytes go where no
   * kept record names them (the same bytes carried by another application stay). Answers how many.
   */
  async deleteRetained(): Promise<number> {
    let deleted = 0;
    for (const app of await this.deps.registry.materialsPastRetention((id) => this.retentionDays(id))) {
      const { count, names } = await this.deps.registry.deleteRetainedMaterials(app.id, this.retentionDays(app.policy_id));
      for (const sha256 of names) await this.deps.store.delete(sha256);
      if (count > 0) this.deps.log.info({ application: app.id, materials: count, blobs: names.length }, 'materials deleted under the retention rule');
      deleted += count;
    }
    return deleted;
  }

  /** The retention rule of policy `policyId`, in words, for the history and the reviewers. */
  retentionRule(policyId: string): string {
    return retentionRule(this.retentionDays(policyId), policyId);
  }

  /** The retention of an application's policy; the active policy's for one no longer shipped (as its status reads it). */
  private retentionDays(policyId: string): number {
    try {
      return this.deps.policies.get(policyId).materials.retentionDays;
    } catch {
      return this.deps.policies.active().materials.retentionDays;
    }
  }

  /** Deletes stored bytes no record names (an upload refused after it was stored). */
  private async forget(sha256: string): Promise<void> {
    for (const name of await this.deps.registry.unnamedBlobs([sha256])) await this.deps.store.delete(name);
  }
}

/** The file's own name, without a path, control or bidirectional characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '').trim();
  return (clean || 'material').slice(0, 200);
}
