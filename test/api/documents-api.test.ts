// Document downloads over HTTP: the portal's listing and download behind the bearer token, and the
// signed links reviewers open from Tasklist. The store is real; the application service answers
// from a fixed `documents` list so that the HTTP edge cases are tested without an engine (the flow
// test on the real engine covers documents made by the flow).
import { apiDeps, serve, type Serving } from '../support/api-app.js';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../../workers/http/app.js';
import type { ApplicationService } from '../../workers/applications/service.js';
import type { DocumentEntry } from '../../workers/http/application-links.js';
import { DocumentService } from '../../workers/documents/service.js';
import { testDocumentService } from '../support/renderer.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'documents-api-'));
const ID = 'JL2024-7KQ3MZ9T2H';
const pdf = Buffer.from('%PDF-1.4\n% a stand-in document body for HTTP tests\n%%EOF\n');
let serving: Serving;
let base: string;
let documents: DocumentService;
let entries: DocumentEntry[];
const auth = { authorization: 'Bearer local-dev-token' };
type Errors = { errors: Array<{ field: string; message: string }> };

beforeAll(async () => {
  documents = testDocumentService(tmp, { baseUrl: 'http://localhost:3000/' });
  const stored = await documents.store.put(pdf);
  entries = [
    { name: 'review-summary', title: '吉林省专业技术资格评审一览表', fileName: '吉林省专业技术资格评审一览表.pdf', ...stored, renderedAt: null, href: `/api/applications/${ID}/documents/review-summary` },
    { name: 'certificate', title: '证书', fileName: 'c.pdf', sha256: 'f'.repeat(64), size: 10, renderedAt: null, href: `/api/applications/${ID}/documents/certificate` },
  ];
  const applications = { documents: async (id: string) => (id === ID ? entries : null) } as unknown as ApplicationService;
  serving = await serve(createApp(apiDeps({ applications, documents, paymentSecret: 'test-secret' })));
  base = serving.base;
});

afterAll(async () => {
  await serving.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('GET /api/applications/{id}/documents[/{name}]', () => {
  it('needs the bearer token', async () => {
    expect((await fetch(`${base}/api/applications/${ID}/documents`)).status).toBe(401);
    expect((await fetch(`${base}/api/applications/${ID}/documents/review-summary`)).status).toBe(401);
  });

  it('lists the documents and serves one as a PDF with its Chinese file name', async () => {
    const list = await fetch(`${base}/api/applications/${ID}/documents`, { headers: auth });
    expect(list.status).toBe(200);
    expect(await list.json()).toEqual({ id: ID, documents: entries });
    const res = await fetch(`${base}/api/applications/${ID}/documents/review-summary`, { headers: auth });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('吉林省专业技术资格评审一览表.pdf')}`);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(pdf);
  });

  it('answers 404 for an unknown application, an unknown name and a document lost from the store', async () => {
    const unknownId = await fetch(`${base}/api/applications/JL2024-ABCDEFGH23/documents/review-summary`, { headers: auth });
    expect(unknownId.status).toBe(404);
    expect(((await unknownId.json()) as Errors).errors[0]!.field).toBe('id');
    const malformed = await fetch(`${base}/api/applications/..%2F..%2Fetc/documents`, { headers: auth });
    expect(malformed.status).toBe(404);
    const unknownName = await fetch(`${base}/api/applications/${ID}/documents/publicity-form`, { headers: auth });
    expect(unknownName.status).toBe(404);
    expect(((await unknownName.json()) as Errors).errors[0]!).toEqual({ field: 'name', message: expect.stringContaining('publicity-form') });
    const lost = await fetch(`${base}/api/applications/${ID}/documents/certificate`, { headers: auth });
    expect(lost.status).toBe(404);
    expect(((await lost.json()) as Errors).errors[0]!.message).toContain('missing from the store');
  });
});

describe('signed document links', () => {
  it('opens the stored document without a token when the signature is right', async () => {
    const link = documents.link(entries[0]!);
    expect(link).toMatch(new RegExp(`^http://localhost:3000/documents/${entries[0]!.sha256}/`));
    const res = await fetch(base + new URL(link).pathname + new URL(link).search);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(pdf);
  });

  it('refuses a missing, wrong or borrowed signature', async () => {
    const link = new URL(documents.link(entries[0]!));
    const path0 = link.pathname;
    expect((await fetch(base + path0)).status).toBe(403);
    expect((await fetch(`${base}${path0}?sig=${'A'.repeat(32)}`)).status).toBe(403);
    // The signature of one document does not open another.
    const other = path0.replace(entries[0]!.sha256, 'f'.repeat(64));
    expect((await fetch(base + other + link.search)).status).toBe(403);
    // Another key signs differently.
    const foreign = new DocumentService({ storeDir: tmp, chromiumPath: '', baseUrl: 'http://x', linkKey: 'other-key' });
    expect((await fetch(base + path0 + new URL(foreign.link(entries[0]!)).search)).status).toBe(403);
  });
});
