// The filesystem material store: `<dir>/<aa>/<sha256>`, readable by the service's user only. An
// upload streams into a temporary file of the same folder (fsynced), then is linked to its name:
// a reader, or a crash, never sees a partial blob.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { link, mkdir, open, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SHA256_HEX, type MaterialStore, type StoredBlob } from './store.js';

/** A pass-through that digests and counts what flows through it. */
export function digesting(): Transform & { result(): StoredBlob } {
  const hash = createHash('sha256');
  let bytes = 0;
  const t = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  return Object.assign(t, { result: () => ({ sha256: hash.digest('hex'), bytes }) });
}

export class FsMaterialStore implements MaterialStore {
  readonly kind = 'fs' as const;

  constructor(private readonly dir: string) {}

  private file(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return path.join(this.dir, sha256.slice(0, 2), sha256);
  }

  async put(body: Readable): Promise<StoredBlob> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const tmp = path.join(this.dir, `.upload-${process.pid}-${randomBytes(8).toString('hex')}`);
    const digest = digesting();
    try {
      await pipeline(body, digest, createWriteStream(tmp, { flags: 'wx', mode: 0o600 }));
      const handle = await open(tmp, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      const blob = digest.result();
      const file = this.file(blob.sha256);
      await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      try {
        await link(tmp, file);
      } catch (error) {
        // The same bytes were stored before: one copy is kept.
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      return blob;
    } finally {
      await rm(tmp, { force: true });
    }
  }

  async get(sha256: string): Promise<Readable | null> {
    if (!(await this.has(sha256))) return null;
    return createReadStream(this.file(sha256));
  }

  async has(sha256: string): Promise<boolean> {
    if (!SHA256_HEX.test(sha256)) return false;
    return stat(this.file(sha256)).then(
      () => true,
      () => false,
    );
  }

  async delete(sha256: string): Promise<void> {
    if (!SHA256_HEX.test(sha256)) return;
    await rm(this.file(sha256), { force: true });
  }
}
