// The PDFs the API serves are named <document>-<applicant>-<application id>.pdf: the portal's listing
// and download (the real application service over a PGlite registry), and signed links.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { WorkflowEngine } from '../../workers/adapters/camunda7/workflow-engine.js';
import { ApplicationService } from '../../workers/applications/service.js';
import { newApplicationId } from '../../workers/domain/codes.js';
import { createApp } from '../../workers/http/app.js';
import { createLogger } from '../../workers/log.js';
import { openRegistryDatabase, type RegistryDatabase } from '../../workers/registry/db.js';
import { Registry } from '../../workers/registry/registry.js';
import { apiDeps, serve, type Serving } from '../support/api-app.js';
import { recordOf } from '../support/registry-records.js';
import { testDocumentService } from '../support/renderer.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'download-names-'));
const pdf = Buffer.from('%PDF-1.4\n% a stand-in document body\n%%EOF\n');
const auth = { authorization: 'Bearer local-dev-token' };
let database: RegistryDatabase;
let serving: Serving;
let id: string;
const documents = testDocumentService(tmp);

beforeAll(async () => {
  database = await openRegistryDatabase({ dir: 'memory://' });
  const registry = new Registry(database.db);
  const record = recordOf(new Date('2026-01-15T02:00:00Z'), { id: newApplicationId(2026), applicantName: '王䶮堃', caller: 'portal' });
  id = record.id;
  await registry.createApplication(record);
  const stored = await documents.store.put(pdf);
  // Recorded before downloads had names: the registry still says 吉林省专业技术资格评审一览表.pdf.
  await registry.putDocument(id, { name: 'review-summary', ...stored, fileName: '吉林省专业技术资格评审一览表.pdf', store: 'fs', renderedAt: new Date().toISOString() });
  const applications = new ApplicationService({ registry, engine: {} as WorkflowEngine, policies: apiDeps().policies, clock: () => new Date(), log: createLogger('silent') });
  serving = await serve(createApp(apiDeps({ applications, registry, documents })));
}, 60_000);

afterAll(async () => {
  await serving?.close();
  await database?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('download names', () => {
  it('the portal lists and downloads 一览表-王䶮堃-<id>.pdf, with an ASCII fallback', async () => {
    const list = (await (await fetch(`${serving.base}/api/applications/${id}/documents`, { headers: auth })).json()) as { documents: Array<{ name: string; fileName: string }> };
    expect(list.documents).toEqual([expect.objectContaining({ name: 'review-summary', fileName: `一览表-王䶮堃-${id}.pdf` })]);
    const res = await fetch(`${serving.base}/api/applications/${id}/documents/review-summary`, { headers: auth });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`inline; filename="review-summary-${id}.pdf"; filename*=UTF-8''${encodeURIComponent(`一览表-王䶮堃-${id}.pdf`)}`);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(pdf);
  });

  it('a signed link named by the flow serves that name', async () => {
    const sha256 = (await documents.store.put(pdf)).sha256;
    const link = new URL(documents.link({ sha256, fileName: `证书-王䶮堃-${id}.pdf` }));
    const res = await fetch(serving.base + link.pathname + link.search);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`inline; filename="${id}.pdf"; filename*=UTF-8''${encodeURIComponent(`证书-王䶮堃-${id}.pdf`)}`);
  });
});
