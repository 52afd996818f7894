// Signed document links over HTTP: a link opens its document until its expiry, which is part of
// what is signed; an expired, altered or foreign link answers 403, and so does a signature of any
// length or byte content (never a 500).
import { apiDeps, serve, type Serving } from '../support/api-app.js';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { createApp } from '../../workers/http/app.js';
import { ROOT } from '../../workers/config.js';
import type { DocumentService } from '../../workers/documents/service.js';
import { createPolicyProvider } from '../../workers/policy/provider.js';
import { testNow } from '../support/clock.js';
import { testDocumentService } from '../support/renderer.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'document-links-'));
const pdf = Buffer.from('%PDF-1.4\n% a stand-in document body for link tests\n%%EOF\n');
let now = new Date('2026-03-01T08:00:00Z');
let serving: Serving;
let base: string;
let documents: DocumentService;
let ref: { sha256: string; fileName: string };

beforeAll(async () => {
  const policies = createPolicyProvider({ dir: path.join(ROOT, 'policy'), activeId: 'demo', demoBaseId: '2024', today: testNow() });
  documents = testDocumentService(tmp, { linkTtlS: 3600, clock: () => now });
  ref = { ...(await documents.store.put(pdf)), fileName: '一览表.pdf' };
  serving = await serve(createApp(apiDeps({ policies, clock: () => now, documents, rateLimits: { portal: 100_000, public: 100_000 } })));
  base = serving.base;
});

afterAll(async () => {
  await serving.close();
  rmSync(tmp, { recursive: true, force: true });
});

const open = (link: string) => fetch(base + new URL(link).pathname + new URL(link).search);

describe('signed document links', () => {
  it('open the document until their expiry, then answer 403 naming the expiry', async () => {
    now = new Date('2026-03-01T08:00:00Z');
    const link = documents.link(ref);
    expect(new URL(link).searchParams.get('exp')).toBe(String(Date.parse('2026-03-01T09:00:00Z') / 1000));
    expect((await open(link)).status).toBe(200);
    now = new Date('2026-03-01T08:59:59Z');
    expect((await open(link)).status).toBe(200);
    now = new Date('2026-03-01T09:00:00Z');
    const expired = await open(link);
    expect(expired.status).toBe(403);
    expect(await expired.json()).toEqual({ errors: [{ field: 'exp', message: 'the link has expired; ask for the document again' }] });
  });

  it('answer 403 when the expiry is moved or removed (it is part of what is signed)', async () => {
    now = new Date('2026-03-01T08:00:00Z');
    const link = new URL(documents.link(ref));
    const later = new URL(link);
    later.searchParams.set('exp', String(Number(link.searchParams.get('exp')) + 86_400));
    const moved = await open(later.toString());
    expect(moved.status).toBe(403);
    expect(((await moved.json()) as { errors: Array<{ field: string }> }).errors[0]!.field).toBe('sig');
    const without = new URL(link);
    without.searchParams.delete('exp');
    expect((await open(without.toString())).status).toBe(403);
  });

  it('answer 403, never 500, to a signature of any length or byte content', async () => {
    now = new Date('2026-03-01T08:00:00Z');
    const link = new URL(documents.link(ref));
    const real = link.searchParams.get('sig')!;
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ unit: fc.constantFrom('A', 'é', '中', '\u0000'), minLength: 32, maxLength: 32 }), fc.string({ unit: 'grapheme', minLength: 32, maxLength: 32 }), fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b).toString('latin1'))), fc.boolean(), async (sig, twice) => {
        fc.pre(sig !== real);
        const forged = new URL(link);
        forged.searchParams.set('sig', sig);
        if (twice) forged.searchParams.append('sig', sig);
        const res = await open(forged.toString());
        expect(res.status).toBe(403);
      }),
      { numRuns: 150 },
    );
  });

  it('verify() answers for any presented values without throwing', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (sig, exp) => {
        expect(['invalid', 'expired', 'valid']).toContain(documents.verify(ref.sha256, sig, exp));
      }),
    );
  });
});
