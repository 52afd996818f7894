// The filesystem material store: the shared cases on a temporary folder, and its files readable by
// the service's user only.
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { FsMaterialStore } from '../../workers/materials/fs-store.js';
import { createMaterialStore } from '../../workers/materials/index.js';
import { S3MaterialStore } from '../../workers/materials/s3-store.js';
import { materialStoreCases } from '../support/material-store-cases.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function freshDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'materials-'));
  dirs.push(dir);
  return path.join(dir, 'store');
}

/** Every file under `dir`, relative to it. */
async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

materialStoreCases('FsMaterialStore', async () => {
  const dir = await freshDir();
  return {
    store: new FsMaterialStore(dir),
    blobs: async () => (await files(dir)).filter((f) => /^[0-9a-f]{2}\/[0-9a-f]{64}$/.test(f)).map((f) => path.basename(f)),
    temporaries: async () => (await files(dir)).filter((f) => !/^[0-9a-f]{2}\/[0-9a-f]{64}$/.test(f)),
  };
});

describe('FsMaterialStore', () => {
  it('keeps its files readable and its folders enterable by the service’s user only (0600, 0700)', async () => {
    const dir = await freshDir();
    const store = new FsMaterialStore(dir);
    const { sha256 } = await store.put(Readable.from([Buffer.from('%PDF-1.7\n%%EOF\n')]));
    const mode = async (p: string) => (await stat(p)).mode & 0o777;
    expect(await mode(dir)).toBe(0o700);
    expect(await mode(path.join(dir, sha256.slice(0, 2)))).toBe(0o700);
    expect(await mode(path.join(dir, sha256.slice(0, 2), sha256))).toBe(0o600);
  });
});

describe('createMaterialStore', () => {
  const config = {
    MATERIALS_DIR: '/nonexistent/materials',
    S3_ENDPOINT: 'http://127.0.0.1:9',
    S3_REGION: 'us-east-1',
    S3_BUCKET: 'materials',
    S3_ACCESS_KEY_ID: 'id',
    S3_SECRET_ACCESS_KEY: 'secret',
    S3_FORCE_PATH_STYLE: true,
  };
  it('makes the store MATERIALS_STORE names', () => {
    expect(createMaterialStore({ ...config, MATERIALS_STORE: 'fs' })).toBeInstanceOf(FsMaterialStore);
    const s3 = createMaterialStore({ ...config, MATERIALS_STORE: 's3' });
    expect(s3).toBeInstanceOf(S3MaterialStore);
    expect(s3.kind).toBe('s3');
    expect((s3 as S3MaterialStore).bucket).toBe('materials');
  });
});
