// Reviewers' stable document links (/api/review/documents/{id}/{document}), against the real
// engine's accounts: an honest reviewer of the application's office opens the document long after
// the signed link of the same moment expired; another office gets 403, whether or not the
// application exists; a bad password or no credentials 401 (with a Basic challenge); failed
// sign-ins run into 429.
import { toShanghaiIso } from '../../workers/domain/time.js';
import { Readable } from 'node:stream';
import { newMaterialId } from '../../workers/domain/codes.js';
import { FsMaterialStore } from '../../workers/materials/fs-store.js';
import { MaterialService } from '../../workers/materials/service.js';
import { serve } from '../support/api-app.js';
import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../../workers/http/app.js';
import { reviewDocumentLink } from '../../workers/http/review-documents.js';
import { ADMIN_GROUPS } from '../../workers/http/reviewer-auth.js';
import type { ApplicationService } from '../../workers/applications/service.js';
import { ROOT, parseClients } from '../../workers/config.js';
import type { DocumentService } from '../../workers/documents/service.js';
import { createLogger } from '../../workers/log.js';
import { createMetrics } from '../../workers/metrics.js';
import { createPolicyProvider } from '../../workers/policy/provider.js';
import { openRegistryDatabase, type RegistryDatabase } from '../../workers/registry/db.js';
import { Registry } from '../../workers/registry/registry.js';
import { CamundaRest } from '../../workers/adapters/camunda7/rest-client.js';
import { ENGINE_URL, engineCredentials, rest, waitFor } from '../setup/engine.js';
import { testDocumentService } from '../support/renderer.js';

const TTL_S = 24 * 3600;
const tag = randomUUID().slice(0, 6);
const officeA = `rl-office-a-${tag}`;
const officeB = `rl-office-b-${tag}`;
const reviewerA = { id: `rl-reviewer-a-${tag}`, password: `pw-a-${randomUUID()}` };
const reviewerB = { id: `rl-reviewer-b-${tag}`, password: `pw-b-${randomUUID()}` };
// Only ever given a wrong password (the engine delays an account's next sign-in after a failure).
const victim = { id: `rl-victim-${tag}`, password: `pw-v-${randomUUID()}` };
// An administrator's personal account (a member of the engine's administrators' group).
const administrator = { id: `rl-admin-${tag}`, password: `pw-a-${randomUUID()}` };
// Given many wrong passwords, then the right one.
const persistent = { id: `rl-persistent-${tag}`, password: `pw-p-${randomUUID()}` };
const applicationId = 'JL2026-RV2345678A';
const unknownId = 'JL2026-RV2345678B';
const pdf = Buffer.from(`%PDF-1.4\n% 一览表 of ${applicationId}\n%%EOF\n`);

const tmp = mkdtempSync(path.join(os.tmpdir(), 'review-links-'));
let now = new Date('2026-03-01T08:00:00Z');
let database: RegistryDatabase;
let documents: DocumentService;
let materials: MaterialService;
let registry: Registry;
const materialId = newMaterialId();
const scan = Buffer.from(`%PDF-1.4\n% 学历证书 of ${applicationId}\n%%EOF\n`);
const servers: Server[] = [];

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

async function listen(failedLoginLimit: number): Promise<string> {
  const policies = createPolicyProvider({ dir: path.join(ROOT, 'policy'), activeId: 'demo', demoBaseId: '2024', today: new Date() });
  const service = new CamundaRest(ENGINE_URL, { username: engineCredentials.ENGINE_USER, password: engineCredentials.ENGINE_PASSWORD });
  const app = createApp({
    applications: {} as ApplicationService,
    registry: new Registry(database.db, () => now),
    rest: service,
    metrics: createMetrics(),
    log: createLogger('silent'),
    policies,
    clock: () => now,
    documents,
    clients: parseClients(['local-dev-token']),
    paymentSecret: 'p',
    bodyLimit: '64kb',
    rateLimits: { portal: 100_000, public: 100_000 },
    materials: { service: materials, maxBytes: 1 << 20 },
    review: { engineUrls: [ENGINE_URL], failedLoginLimit, reservedAccounts: [engineCredentials.ENGINE_USER, engineCredentials.ENGINE_DEPLOY_USER, engineCredentials.ENGINE_ADMIN_USER].filter((u): u is string => Boolean(u)) },
  });
  const serving = await serve(app);
  servers.push(serving.server);
  return serving.base;
}

let base: string;
const linkOf = (id: string, document = 'review-summary') => new URL(reviewDocumentLink('https://title-review.example', id, document)).pathname;
const open = (id: string, authorization?: string, document?: string) => fetch(base + linkOf(id, document), { headers: authorization ? { authorization } : {} });

beforeAll(async () => {
  // Two offices and their reviewers in the engine, made by its administrator.
  for (const group of [officeA, officeB]) await rest.request('POST', '/group/create', { id: group, name: group, type: 'office' });
  for (const [user, group] of [[reviewerA, officeA], [reviewerB, officeB], [victim, officeA], [persistent, officeA]] as const) {
    await rest.request('POST', '/user/create', { profile: { id: user.id, firstName: 'review', lastName: 'link test' }, credentials: { password: user.password } });
    await rest.request('PUT', `/group/${group}/members/${user.id}`);
  }
  await rest.request('POST', '/user/create', { profile: { id: administrator.id, firstName: 'review', lastName: 'link test' }, credentials: { password: administrator.password } });
  // operaton-admin on Operaton, camunda-admin on Camunda 7: whichever the engine has.
  const joined = await Promise.all(ADMIN_GROUPS.map((g) => rest.request('PUT', `/group/${g}/members/${administrator.id}`).then(() => true, () => false)));
  expect(joined).toContain(true);
  // The registry: an application whose unit review step belongs to office A, with its 一览表.
  database = await openRegistryDatabase({ dir: 'memory://' });
  registry = new Registry(database.db, () => now);
  // Its electronic material, uploaded by its portal and attached at submission.
  const store = new FsMaterialStore(path.join(tmp, 'materials'));
  materials = new MaterialService({ registry, store, policies: createPolicyProvider({ dir: path.join(ROOT, 'policy'), activeId: 'demo', demoBaseId: '2024', today: new Date() }), clock: () => now, log: createLogger('silent'), maxBytes: 1 << 20, unattachedTtlMs: 3600_000 });
  const blob = await store.put(Readable.from([scan]));
  await registry.addMaterial({ id: materialId, caller: 'portal', kind: 'education', label: '学历（学位）证书', fileName: '学历证书.pdf', contentType: 'application/pdf', bytes: blob.bytes, sha256: blob.sha256, pages: 1, expiresAt: new Date(now.getTime() + 3600_000) });
  await registry.createApplication({
    id: applicationId, caller: 'portal', applicantKey: `k-${tag}`, applicantName: '李䶮', year: 2026, category: 'regular', series: '工程', specialty: '计算机应用',
    level: 'intermediate', unitName: '长春某某科技有限公司', unitCreditCode: '91220106MA0Y5K8Q7H', policyId: '2024', engine: 'camunda7', application: {}, submittedAt: now, materials: [materialId],
  });
  await registry.openStep(applicationId, { state: 'in-review', step: 'unit-review-task', name: '单位审核', office: officeA }, `opened-${tag}`);
  documents = testDocumentService(tmp, { linkTtlS: TTL_S, clock: () => now });
  const stored = await documents.store.put(pdf);
  await registry.putDocument(applicationId, { name: 'review-summary', sha256: stored.sha256, size: stored.size, fileName: '一览表.pdf', store: 'fs', renderedAt: now.toISOString() });
  base = await listen(100);
});

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  await database?.close();
  for (const user of [reviewerA, reviewerB, victim, administrator, persistent]) await rest.request('DELETE', `/user/${user.id}`).catch(() => undefined);
  for (const group of [officeA, officeB]) await rest.request('DELETE', `/group/${group}`).catch(() => undefined);
  rmSync(tmp, { recursive: true, force: true });
});

describe("reviewers' stable document links", () => {
  it('open the document for a reviewer of its office long after the signed link of the same moment expired', async () => {
    const signed = new URL(documents.link({ sha256: (await database.db.selectFrom('documents').select('sha256').executeTakeFirstOrThrow()).sha256, fileName: '一览表.pdf' }));
    now = new Date(now.getTime() + (TTL_S + 3600) * 1000);
    expect((await fetch(base + signed.pathname + signed.search)).status).toBe(403);
    const res = await open(applicationId, basic(reviewerA.id, reviewerA.password));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    // Named <document>-<applicant>-<application id>.pdf, with an ASCII fallback.
    expect(res.headers.get('content-disposition')).toBe(`inline; filename="review-summary-${applicationId}.pdf"; filename*=UTF-8''${encodeURIComponent(`一览表-李䶮-${applicationId}.pdf`)}`);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(pdf);
  });

  it('open it for an administrator signed in with a personal account', async () => {
    expect((await open(applicationId, basic(administrator.id, administrator.password))).status).toBe(200);
  });

  it('refuse the engine\'s own accounts (service, deploy, administrator) before any password check: no number of wrong passwords slows or locks them', async () => {
    const accounts = [
      [engineCredentials.ENGINE_USER, engineCredentials.ENGINE_PASSWORD],
      [engineCredentials.ENGINE_DEPLOY_USER, engineCredentials.ENGINE_DEPLOY_PASSWORD],
      [engineCredentials.ENGINE_ADMIN_USER, engineCredentials.ENGINE_ADMIN_PASSWORD],
    ] as const;
    const wide = await listen(1000);
    for (const [user, password] of accounts) {
      // Even the right password opens nothing here: these accounts are not reviewers.
      expect((await fetch(wide + linkOf(applicationId), { headers: { authorization: basic(user!, password!) } })).status).toBe(401);
      const statuses = await Promise.all(Array.from({ length: 15 }, () => fetch(wide + linkOf(applicationId), { headers: { authorization: basic(user!, 'wrong') } }).then((r) => r.status)));
      expect(new Set(statuses)).toEqual(new Set([401]));
      // The engine saw none of it: the account signs in at once (its REST authentication, no delay, no lock).
      const version = await new CamundaRest(ENGINE_URL, { username: user!, password: password! }).request<{ version: string }>('GET', '/version');
      expect(version.version).toEqual(expect.any(String));
    }
  });

  it('never lock a reviewer\'s account in the engine, however many wrong passwords: once the engine\'s delay has passed, the right one signs in', async () => {
    const engine = (password: string) => new CamundaRest(ENGINE_URL, { username: persistent.id, password }).request<{ authenticated: boolean }>('POST', '/identity/verify', { username: persistent.id, password }).then((v) => v.authenticated, () => false);
    // More failures than the engine's default lock (10 attempts).
    for (let i = 0; i < 12; i++) expect(await engine('wrong')).toBe(false);
    expect(await waitFor('the right password to sign in again', async () => (await engine(persistent.password)) || null, 150_000, 2_000)).toBe(true);
  }, 200_000);

  it('answer 403 to a reviewer of another office, the same whether the application exists or not', async () => {
    const other = await open(applicationId, basic(reviewerB.id, reviewerB.password));
    expect(other.status).toBe(403);
    const body = await other.json();
    expect(body).toEqual({ errors: [{ field: 'applicationId', message: 'only the offices that review or reviewed this application may open its documents' }] });
    const unknown = await open(unknownId, basic(reviewerB.id, reviewerB.password));
    expect(unknown.status).toBe(403);
    expect(await unknown.json()).toEqual(body);
    expect((await open(applicationId, basic(reviewerB.id, reviewerB.password), 'no-such-document')).status).toBe(403);
  });

  it('answer 404 naming the field to a reviewer of the office for a document not made yet', async () => {
    const res = await open(applicationId, basic(reviewerA.id, reviewerA.password), 'certificate');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ errors: [{ field: 'document', message: 'no document "certificate" has been made for this application (yet)' }] });
  });

  it('answer 401 with a Basic challenge without credentials, to a wrong password and to an unknown user', async () => {
    const none = await open(applicationId);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Basic realm="[^"]+"/);
    const wrong = await open(applicationId, basic(victim.id, 'not-the-password'));
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
    expect(await wrong.json()).toEqual({ errors: [{ field: 'Authorization', message: 'the Tasklist user name or password is not valid' }] });
    expect((await open(unknownId, basic(`nobody-${tag}`, 'guess'))).status).toBe(401);
    expect((await open(applicationId, 'Basic !!!not-base64')).status).toBe(401);
  });

  it('answer 429 once an address has failed to sign in too often, and only then', async () => {
    const limited = await listen(3);
    const attempt = () => fetch(limited + linkOf(applicationId), { headers: { authorization: basic(`nobody-${tag}`, 'guess') } });
    expect([(await attempt()).status, (await attempt()).status, (await attempt()).status]).toEqual([401, 401, 401]);
    const blocked = await attempt();
    expect(blocked.status).toBe(429);
    expect(await blocked.json()).toEqual({ errors: [{ field: 'Authorization', message: 'too many failed sign-ins from this address; try again later' }] });
  });
});

describe("三（二）: reviewers open the application's electronic materials", () => {
  const materialsOf = (id: string, authorization?: string, material?: string) => fetch(`${base}/api/review/materials/${id}${material ? `/${material}` : ''}`, { headers: authorization ? { authorization } : {} });

  it('a reviewer of its office opens a material; the opening is recorded, and the list shows who opened which when', async () => {
    const a = basic(reviewerA.id, reviewerA.password);
    const before = await materialsOf(applicationId, a);
    expect(before.status).toBe(200);
    expect(await before.json()).toEqual({
      materials: [{ id: materialId, kind: 'education', label: '学历（学位）证书', fileName: '学历证书.pdf', contentType: 'application/pdf', bytes: scan.length, pages: 1, sha256: expect.stringMatching(/^[0-9a-f]{64}$/), replacedBy: null, replacedAt: null, href: `/api/review/materials/${applicationId}/${materialId}` }],
      openings: [],
    });
    const opened = await materialsOf(applicationId, a, materialId);
    expect(opened.status).toBe(200);
    expect(opened.headers.get('content-type')).toBe('application/pdf');
    expect(opened.headers.get('cache-control')).toBe('private, no-store');
    expect(opened.headers.get('content-disposition')).toBe(`inline; filename*=UTF-8''${encodeURIComponent('学历证书.pdf')}`);
    expect(Buffer.from(await opened.arrayBuffer())).toEqual(scan);
    expect(((await (await materialsOf(applicationId, a)).json()) as { openings: unknown[] }).openings).toEqual([{ materialId, by: reviewerA.id, at: toShanghaiIso(now) }]);
  });

  it('another office gets 403 for the list and the material, and nothing is recorded; no sign-in is 401; a material the application does not carry is 404', async () => {
    const b = basic(reviewerB.id, reviewerB.password);
    const openingsBefore = ((await (await materialsOf(applicationId, basic(reviewerA.id, reviewerA.password))).json()) as { openings: unknown[] }).openings.length;
    expect((await materialsOf(applicationId, b)).status).toBe(403);
    const refused = await materialsOf(applicationId, b, materialId);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ errors: [{ field: 'applicationId', message: 'only the offices that review or reviewed this application may open its materials' }] });
    expect((await materialsOf(unknownId, b, materialId)).status).toBe(403);
    expect((await materialsOf(applicationId, undefined, materialId)).status).toBe(401);
    expect((await materialsOf(applicationId, basic(reviewerA.id, reviewerA.password), newMaterialId())).status).toBe(404);
    expect(((await (await materialsOf(applicationId, basic(reviewerA.id, reviewerA.password))).json()) as { openings: unknown[] }).openings).toHaveLength(openingsBefore);
  });

  it('三（一）: a material deleted under the retention rule is listed without a link, its openings kept; opening it is 410 naming the rule', async () => {
    const a = basic(reviewerA.id, reviewerA.password);
    await registry.finish(applicationId, 'withdrawn', `end-${tag}`);
    now = new Date(now.getTime() + 366 * 24 * 3600_000);
    expect(await materials.deleteRetained()).toBe(1);
    const list = (await (await materialsOf(applicationId, a)).json()) as { materials: Array<Record<string, unknown>>; openings: unknown[] };
    expect(list.materials).toEqual([
      { id: materialId, kind: 'education', label: '学历（学位）证书', fileName: '学历证书.pdf', contentType: 'application/pdf', bytes: scan.length, pages: 1, sha256: expect.any(String), replacedBy: null, replacedAt: null, deleted: { at: expect.stringMatching(/\+08:00$/), reason: '已按保存期限删除' } },
    ]);
    expect(list.openings.length).toBeGreaterThan(0);
    const gone = await materialsOf(applicationId, a, materialId);
    expect(gone.status).toBe(410);
    const { errors } = (await gone.json()) as { errors: Array<{ field: string; message: string }> };
    expect(errors).toEqual([{ field: 'materialId', message: expect.stringMatching(/^已按保存期限删除（.+）：.*保存365天后删除（政策 2024 materials\.retentionDays）$/) }]);
  });
});
