// What every MaterialStore does, whatever it stores on: run by the test of each store
// (test/materials/fs-store.test.ts, test/materials/s3-store.int.test.ts) with a harness that can
// list what the store holds underneath (its blobs and its temporary uploads).
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { MaterialStore } from '../../workers/materials/store.js';

export interface MaterialStoreHarness {
  store: MaterialStore;
  /** The SHA-256 names of the blobs the store holds. */
  blobs(): Promise<string[]>;
  /** Temporary uploads left behind (files or objects), by their names. */
  temporaries(): Promise<string[]>;
}

const MiB = 1024 * 1024;
const CHUNK = 64 * 1024;

/**
 * `size` bytes of a fixed pseudo-random sequence (`seed`), generated chunk by chunk as they are
 * read, never whole in memory; `failAfter` bytes: the stream then fails with `error`.
 */
export function generated(size: number, seed: string, fail?: { after: number; error: Error }): Readable {
  let sent = 0;
  let counter = 0;
  const limit = fail ? Math.min(fail.after, size) : size;
  return new Readable({
    read() {
      if (sent >= limit) {
        if (fail) this.destroy(fail.error);
        else this.push(null);
        return;
      }
      const n = Math.min(CHUNK, limit - sent);
      const chunk = Buffer.alloc(n);
      // SHA-256 of seed and counter, repeated: cheap, deterministic and not compressible.
      for (let offset = 0; offset < n; offset += 32) createHash('sha256').update(`${seed}:${counter++}`).digest().copy(chunk, offset);
      sent += n;
      this.push(chunk);
    },
  });
}

/** SHA-256 and size of a stream's bytes, read chunk by chunk. */
export async function digestOf(stream: Readable): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** The behaviour of any MaterialStore: `harness` is called before each test (a store of its own each time). */
export function materialStoreCases(name: string, harness: () => MaterialStoreHarness | Promise<MaterialStoreHarness>): void {
  describe(`${name}: a MaterialStore`, () => {
    let h: MaterialStoreHarness;
    beforeEach(async () => {
      h = await harness();
    });

    it('stores a multi-MB stream under its SHA-256 and gives the same bytes back', async () => {
      const size = 12 * MiB + 12345;
      const seed = randomBytes(8).toString('hex');
      const expected = await digestOf(generated(size, seed));
      const stored = await h.store.put(generated(size, seed));
      expect(stored).toEqual(expected);
      expect(stored.bytes).toBe(size);
      expect(await h.store.has(stored.sha256)).toBe(true);
      const back = await h.store.get(stored.sha256);
      expect(back).not.toBeNull();
      expect(await digestOf(back!)).toEqual(expected);
      expect(await h.blobs()).toEqual([stored.sha256]);
      expect(await h.temporaries()).toEqual([]);
    });

    it('stores the same bytes twice once', async () => {
      const seed = randomBytes(8).toString('hex');
      const first = await h.store.put(generated(6 * MiB, seed));
      const second = await h.store.put(generated(6 * MiB, seed));
      expect(second).toEqual(first);
      const other = await h.store.put(Readable.from([Buffer.from('%PDF-1.7\nanother material\n%%EOF\n')]));
      expect(other.sha256).not.toBe(first.sha256);
      expect((await h.blobs()).sort()).toEqual([first.sha256, other.sha256].sort());
      expect(await h.temporaries()).toEqual([]);
      expect(await digestOf((await h.store.get(first.sha256))!)).toEqual(first);
    });

    it.each([
      ['in its first part', 300 * 1024],
      ['after several MB', 7 * MiB + 5],
    ])('rejects with the body’s own error when the body fails %s, and keeps nothing', async (_when, after) => {
      const error = new Error('the client went away');
      await expect(h.store.put(generated(12 * MiB, 'failing', { after, error }))).rejects.toBe(error);
      expect(await h.blobs()).toEqual([]);
      expect(await h.temporaries()).toEqual([]);
      // The bytes that did arrive are no blob either.
      const partial = await digestOf(generated(after, 'failing'));
      expect(await h.store.has(partial.sha256)).toBe(false);
    });

    it('answers has and delete; deleting what is absent is no error', async () => {
      const stored = await h.store.put(Readable.from([Buffer.from('材料 one'), Buffer.from(' and two')]));
      expect(stored).toEqual({ sha256: createHash('sha256').update('材料 one and two').digest('hex'), bytes: Buffer.byteLength('材料 one and two') });
      expect(await h.store.has(stored.sha256)).toBe(true);
      await h.store.delete(stored.sha256);
      expect(await h.store.has(stored.sha256)).toBe(false);
      expect(await h.store.get(stored.sha256)).toBeNull();
      await expect(h.store.delete(stored.sha256)).resolves.toBeUndefined();
      expect(await h.blobs()).toEqual([]);
    });

    it('answers null for an unknown name, and nothing for what is not a SHA-256', async () => {
      const unknown = createHash('sha256').update(randomBytes(16)).digest('hex');
      expect(await h.store.get(unknown)).toBeNull();
      expect(await h.store.has(unknown)).toBe(false);
      expect(await h.store.get('../../etc/passwd')).toBeNull();
      expect(await h.store.has('ABC')).toBe(false);
      await expect(h.store.delete('not-a-name')).resolves.toBeUndefined();
    });

    it('stores an empty body', async () => {
      const stored = await h.store.put(Readable.from([]));
      expect(stored).toEqual({ sha256: createHash('sha256').digest('hex'), bytes: 0 });
      expect(await digestOf((await h.store.get(stored.sha256))!)).toEqual(stored);
    });
  });
}
