// 三（一） 个人申报: applicants' electronic materials through the API. POST /api/materials streams a
// file into the material store, its type decided by its content; the submission lists the uploads
// it carries, each the client's own and free; what is refused names the field and the rule.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { Camunda7Engine } from '../../workers/adapters/camunda7/workflow-engine.js';
import { CamundaRest } from '../../workers/adapters/camunda7/rest-client.js';
import { ApplicationService } from '../../workers/applications/service.js';
import { parseClients } from '../../workers/config.js';
import { createApp } from '../../workers/http/app.js';
import { createLogger } from '../../workers/log.js';
import { FsMaterialStore } from '../../workers/materials/fs-store.js';
import { MaterialService } from '../../workers/materials/service.js';
import { openRegistryDatabase, type RegistryDatabase } from '../../workers/registry/db.js';
import { Registry } from '../../workers/registry/registry.js';
import { apiDeps, serve, type Serving } from '../support/api-app.js';
import { newApplication } from '../support/applications.js';
import { postMaterial } from '../support/materials.js';
import { testClock } from '../support/clock.js';

const MAX = 64 * 1024;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'materials-api-'));
let database: RegistryDatabase;
let registry: Registry;
let serving: Serving;
let materials: MaterialService;
let now = testClock();
const clock = () => now;
const portal = { authorization: 'Bearer token-of-portal-a' };
const other = { authorization: 'Bearer token-of-portal-b' };

async function pdf(pages = 2, padding = 0): Promise<Buffer> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage([200, 200]);
  if (padding) doc.setSubject('x'.repeat(padding));
  return Buffer.from(await doc.save());
}
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

const upload = (body: { kind?: string; file?: Buffer; name?: string; type?: string }, headers: Record<string, string> = portal) => postMaterial(serving.base, headers, { name: '学历证书.pdf', ...body });

const submit = async (materialIds: string[], headers: Record<string, string> = portal) => {
  const res = await fetch(`${serving.base}/api/applications`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ ...newApplication(), materials: materialIds.map((id) => ({ id })) }) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { errors?: Array<{ field: string; message: string }> } };
};

const blobs = () => readdirSync(path.join(tmp, 'store'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && !e.name.startsWith('.')).length;

beforeAll(async () => {
  database = await openRegistryDatabase({ dir: 'memory://' });
  registry = new Registry(database.db, clock, database.store);
  const deps = apiDeps({ registry, clock, clients: parseClients(['portal-a:token-of-portal-a', 'portal-b:token-of-portal-b']) });
  materials = new MaterialService({ registry, store: new FsMaterialStore(path.join(tmp, 'store')), policies: deps.policies, clock, log: createLogger('silent'), maxBytes: MAX, unattachedTtlMs: 24 * 3600_000 });
  const applications = new ApplicationService({ registry, engine: new Camunda7Engine(new CamundaRest('http://127.0.0.1:9/engine-rest')), policies: deps.policies, clock, log: createLogger('silent') });
  serving = await serve(createApp({ ...deps, applications, materials: { service: materials, maxBytes: MAX } }));
}, 60_000);

afterAll(async () => {
  await serving?.close();
  await database?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('三（一）: POST /api/materials', () => {
  it('stores a PDF and answers what it stored; the same bytes twice are stored once', async () => {
    const file = await pdf(3);
    const first = await upload({ kind: 'education', file });
    expect(first).toMatchObject({ status: 201, body: { kind: 'education', label: '学历（学位）证书', fileName: '学历证书.pdf', contentType: 'application/pdf', bytes: file.length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    expect(String(first.body.id)).toMatch(/^M-[2-9A-HJKMNP-Z]{16}$/);
    const second = await upload({ kind: 'education', file, name: 'C:\\scans\\again\u202e.pdf' });
    expect(second.status).toBe(201);
    expect(second.body.id).not.toBe(first.body.id);
    expect(second.body.sha256).toBe(first.body.sha256);
    expect(second.body.fileName).toBe('again.pdf');
    expect(blobs()).toBe(1);
    expect((await registry.materialsById([String(first.body.id)]))[0]).toMatchObject({ pages: 3, caller: 'portal-a' });
  });

  it('decides the type by content: a PNG is taken whatever its name; a text named .pdf is 415 naming file, and nothing is kept', async () => {
    expect(await upload({ kind: 'achievements', file: PNG, name: 'scan.pdf' })).toMatchObject({ status: 201, body: { contentType: 'image/png' } });
    const before = blobs();
    const text = await upload({ kind: 'achievements', file: Buffer.from('%PDX not a pdf at all, just text\n'.repeat(10)), name: 'fake.pdf' });
    expect(text.status).toBe(415);
    expect(text.body.errors).toEqual([{ field: 'file', message: expect.stringContaining('PDF, JPEG or PNG') }]);
    expect(blobs()).toBe(before);
  });

  it('413 for a file over MATERIALS_MAX_BYTES, 422 for a kind the policy does not name, 400 without a file; nothing is kept', async () => {
    const before = blobs();
    const big = await upload({ kind: 'education', file: Buffer.concat([await pdf(1), randomBytes(MAX)]) });
    expect(big.status).toBe(413);
    expect(big.body.errors).toEqual([{ field: 'file', message: `must be at most ${MAX} bytes (MATERIALS_MAX_BYTES)` }]);
    const unknown = await upload({ kind: 'diploma-of-anything', file: await pdf(1) });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors?.[0]).toMatchObject({ field: 'kind', message: expect.stringContaining('education') });
    expect((await upload({ kind: 'education' })).body.errors).toEqual([{ field: 'file', message: 'a file is required (the multipart field "file")' }]);
    expect(blobs()).toBe(before);
    expect((await fetch(`${serving.base}/api/materials`, { method: 'POST', headers: { ...portal, 'content-type': 'application/json' }, body: '{}' })).status).toBe(400);
    expect((await upload({ kind: 'education', file: await pdf(1) }, {})).status).toBe(401);
  });
});

describe('三（一）: an application carries its uploads', () => {
  it('attaches the client\'s free uploads, and the status lists them', async () => {
    const a = await upload({ kind: 'education', file: await pdf(1, 10) });
    const b = await upload({ kind: 'achievements', file: await pdf(2, 20) });
    const submitted = await submit([String(a.body.id), String(b.body.id)]);
    expect(submitted.status).toBe(201);
    const id = String(submitted.body.id);
    expect((await registry.materialsOf(id)).map((m) => [m.id, m.kind, m.expires_at])).toEqual([
      [a.body.id, 'education', null],
      [b.body.id, 'achievements', null],
    ]);
    const status = (await (await fetch(`${serving.base}/api/applications/${id}`, { headers: portal })).json()) as { materials: unknown[] };
    expect(status.materials).toEqual([
      { id: a.body.id, kind: 'education', label: '学历（学位）证书', fileName: '学历证书.pdf', bytes: a.body.bytes, sha256: a.body.sha256 },
      { id: b.body.id, kind: 'achievements', label: '业绩成果材料', fileName: '学历证书.pdf', bytes: b.body.bytes, sha256: b.body.sha256 },
    ]);
    // Attached, it is no longer free: another application listing it is 409 naming it, and records nothing.
    const again = await submit([String(a.body.id)]);
    expect(again.status).toBe(409);
    expect(again.body.errors).toEqual([{ field: 'materials[0].id', message: 'this upload is attached to another application' }]);
  });

  it('三（一）, 三（二）: a kind the application must carry and does not is 422 naming materials and the kind; none listed, each missing kind', async () => {
    const only = await upload({ kind: 'education', file: await pdf(1, 50) });
    const partial = await submit([String(only.body.id)]);
    expect(partial.status).toBe(422);
    expect(partial.body.errors).toEqual([{ field: 'materials', message: 'must include 业绩成果材料 (kind achievements): upload it (POST /api/materials) and list it' }]);
    const none = await submit([]);
    expect(none.body.errors?.map((e) => [e.field, e.message.split(' (kind ')[1]?.split(')')[0]])).toEqual([
      ['materials', 'education'],
      ['materials', 'achievements'],
    ]);
    // Refused, the upload stays free for the next try.
    expect((await registry.materialsById([String(only.body.id)]))[0]).toMatchObject({ application_id: null });
  });

  it('refuses another client\'s upload and an unknown id (422 naming each), and records no application', async () => {
    const applications = async () => Number((await database.db.selectFrom('applications').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await applications();
    const theirs = await upload({ kind: 'education', file: await pdf(1, 30) }, other);
    const refused = await submit([String(theirs.body.id), 'M-2345678923456789']);
    expect(await applications()).toBe(before);
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([
      { field: 'materials[0].id', message: 'no upload of this client has this id' },
      { field: 'materials[1].id', message: 'no upload of this client has this id' },
    ]);
    expect((await submit(['not-an-upload'])).body.errors).toEqual([{ field: 'materials.0.id', message: 'must be the id of an upload (POST /api/materials)' }]);
  });

  it('an upload left unattached expires: forgotten, and its bytes go unless another record names them', async () => {
    const lone = await upload({ kind: 'appraisal', file: await pdf(4, 40) });
    const shared = await upload({ kind: 'appraisal', file: await pdf(1, 10) });
    const before = blobs();
    now = new Date(now.getTime() + 25 * 3600_000);
    expect(await materials.expire()).toBeGreaterThanOrEqual(1);
    expect(await registry.materialsById([String(lone.body.id), String(shared.body.id)])).toEqual([]);
    // The attached copy of the same bytes (the application above) keeps them.
    expect(blobs()).toBeLessThan(before);
    expect((await submit([String(lone.body.id)])).status).toBe(422);
  });

  it('三（一）: a withdrawn application\'s materials are deleted once the retention has passed: the status still names them, with when they went, and the history says why', async () => {
    const a = await upload({ kind: 'education', file: await pdf(1, 60) });
    const b = await upload({ kind: 'achievements', file: await pdf(1, 70) });
    const id = String((await submit([String(a.body.id), String(b.body.id)])).body.id);
    await registry.finish(id, 'withdrawn', `${id}:end`, { missedLevel: 'unit' });
    now = new Date(now.getTime() + 366 * 24 * 3600_000);
    expect(await materials.deleteRetained()).toBe(2);
    const status = (await (await fetch(`${serving.base}/api/applications/${id}`, { headers: portal })).json()) as { materials: Array<Record<string, unknown>>; history: Array<Record<string, unknown>> };
    expect(status.materials.map((m) => [m.id, m.deleted])).toEqual([
      [a.body.id, { at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T.*\+08:00$/), reason: '已按保存期限删除' }],
      [b.body.id, { at: expect.any(String), reason: '已按保存期限删除' }],
    ]);
    expect(status.history.at(-1)).toMatchObject({ event: 'materials-deleted', name: '电子材料已按保存期限删除', comment: expect.stringContaining('2份电子材料已删除') });
  });
});
