// Local secrets and data files (integrity): the credentials file gets a document-link key of its
// own, so `make start` never signs links with the public default; the registry's folder and the
// stored documents are readable by the service's user only.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, ROOT } from '../../workers/config.js';
import { FsDocumentStore } from '../../workers/documents/store.js';
import { openRegistryDatabase } from '../../workers/registry/db.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'local-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const mode = (file: string) => statSync(file).mode & 0o777;

describe('local secrets', () => {
  it('scripts/credentials.sh makes a random DOCUMENT_LINK_KEY with the other secrets, in a file only its owner reads', () => {
    const file = path.join(dir, 'credentials.env');
    execFileSync(path.join(ROOT, 'scripts/credentials.sh'), [file]);
    const values = Object.fromEntries(readFileSync(file, 'utf8').trim().split('\n').map((l) => l.split(/=(.*)/s).slice(0, 2) as [string, string]));
    expect(values.DOCUMENT_LINK_KEY).toMatch(/^[A-Za-z0-9]{20,32}$/);
    expect(values.DOCUMENT_LINK_KEY).not.toBe(values.PAYMENT_SECRET);
    expect(mode(file)).toBe(0o600);
    // Kept on the next run, as every other key.
    execFileSync(path.join(ROOT, 'scripts/credentials.sh'), [file]);
    expect(readFileSync(file, 'utf8')).toContain(`DOCUMENT_LINK_KEY=${values.DOCUMENT_LINK_KEY}\n`);
    // The service started with that file signs with it, not with the public local default.
    expect(loadConfig({ ...values }).DOCUMENT_LINK_KEY).toBe(values.DOCUMENT_LINK_KEY);
    expect(loadConfig({}).DOCUMENT_LINK_KEY).toBe('local-dev-document-key');
  });
});

describe('data files readable by the service user only', () => {
  // PGlite compiles its WebAssembly and runs initdb on first open: many seconds on a busy machine,
  // during which the event loop is blocked, so the test waits for it (as every registry test does).
  it('the embedded registry\'s folder is 0700, even when it existed with wider rights', async () => {
    const registry = path.join(dir, 'registry');
    execFileSync('mkdir', ['-m', '755', registry]);
    const database = await openRegistryDatabase({ dir: registry });
    try {
      expect(mode(registry)).toBe(0o700);
    } finally {
      await database.close();
    }
  }, 60_000);

  it('a stored document is 0600 and its folders 0700', async () => {
    const root = path.join(dir, 'documents');
    const stored = await new FsDocumentStore(root).put(new TextEncoder().encode('%PDF-1.7 test'));
    // The store's layout: <root>/ab/abcdef…
    const file = path.join(root, stored.sha256.slice(0, 2), stored.sha256);
    expect(mode(file)).toBe(0o600);
    expect(mode(path.dirname(file))).toBe(0o700);
    expect(mode(root)).toBe(0o700);
  });
});
