// Atomic file writes: a reader (or a crash) never sees a partly written file.
import { randomBytes } from 'node:crypto';
import { link, mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/** Writes `bytes` to a new temporary sibling of `file` (fsynced unless told not to); answers its path. */
async function writeTemp(file: string, bytes: Uint8Array, sync = true): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = path.join(path.dirname(file), `.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
  try {
    const handle = await open(tmp, 'wx', 0o600);
    try {
      await handle.writeFile(bytes);
      if (sync) await handle.sync();
    } finally {
      await handle.close();
    }
    return tmp;
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/** Writes `bytes` to `file` atomically (temporary file, fsync, rename), replacing it. */
export async function writeAtomic(file: string, bytes: Uint8Array, { sync = true } = {}): Promise<void> {
  const tmp = await writeTemp(file, bytes, sync);
  try {
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/** Creates `file` with `bytes` atomically unless it exists (temporary file, link); false if it did. */
export async function createAtomic(file: string, bytes: Uint8Array): Promise<boolean> {
  const tmp = await writeTemp(file, bytes);
  try {
    await link(tmp, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await rm(tmp, { force: true });
  }
}
