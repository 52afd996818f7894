// /healthz answers 503 until the document renderer really works: with CHROMIUM_PATH naming no
// browser, or without the CJK fonts, it is unavailable although the engine answers; with Debian's
// Chromium and fonts it is ok. The engine here is a stand-in that only answers GET /version.
import { serve } from '../support/api-app.js';
import { createServer, type Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../../workers/http/app.js';
import { ApplicationService } from '../../workers/applications/service.js';
import { loadConfig, ROOT, parseClients } from '../../workers/config.js';
import { DocumentService } from '../../workers/documents/service.js';
import { createRenderer } from '../../workers/documents/renderer.js';
import { CamundaRest } from '../../workers/adapters/camunda7/rest-client.js';
import { Camunda7Engine } from '../../workers/adapters/camunda7/workflow-engine.js';
import { openRegistryDatabase, type RegistryDatabase } from '../../workers/registry/db.js';
import { Registry } from '../../workers/registry/registry.js';
import { createLogger } from '../../workers/log.js';
import { createMetrics } from '../../workers/metrics.js';
import { createPolicyProvider } from '../../workers/policy/provider.js';
import { testNow, testClock } from '../support/clock.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'healthz-'));
let engine: Server;
let engineUrl: string;
const open: Array<{ server: Server; documents: DocumentService }> = [];
const databases: RegistryDatabase[] = [];

beforeAll(async () => {
  engine = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/engine-rest/version') res.end(JSON.stringify({ version: '1.0.3' }));
    else res.writeHead(404).end('{}');
  });
  await new Promise<void>((resolve) => engine.listen(0, '127.0.0.1', resolve));
  const address = engine.address();
  engineUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/engine-rest`;
});

afterAll(async () => {
  for (const { server, documents } of open) {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await documents.close();
  }
  await new Promise<void>((resolve) => engine.close(() => resolve()));
  for (const database of databases) await database.close();
});

/** /healthz?detail=1 (with a token) of an API whose documents print with the configured CHROMIUM_PATH (or `documents`). */
async function healthz(env: Record<string, string>, documents?: DocumentService): Promise<{ status: number; body: Record<string, unknown>; base: string }> {
  const config = loadConfig({ ENGINE_URL: engineUrl, ...env });
  const log = createLogger('silent');
  const rest = new CamundaRest(config.ENGINE_URL);
  const policies = createPolicyProvider({ dir: path.join(ROOT, 'policy'), activeId: 'demo', demoBaseId: '2024', today: testNow() });
  documents ??= new DocumentService({ storeDir: path.join(tmp, 'store'), chromiumPath: config.CHROMIUM_PATH, baseUrl: config.PUBLIC_BASE_URL, linkKey: 'k' });
  const clock = testClock;
  databases[0] ??= await openRegistryDatabase({ dir: 'memory://' });
  const registry = new Registry(databases[0].db, clock, databases[0].store);
  const app = createApp({ applications: new ApplicationService({ registry, engine: new Camunda7Engine(rest), policies, clock, log }), registry, rest, metrics: createMetrics(), log, policies, clock, documents, clients: parseClients(['test-token']), paymentSecret: 'p', bodyLimit: '64kb' });
  const { server, base } = await serve(app);
  open.push({ server, documents });
  const res = await fetch(`${base}/healthz?detail=1`, { headers: { authorization: 'Bearer test-token' } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, base };
}

it('is unavailable while CHROMIUM_PATH names no browser, though the engine answers', async () => {
  const { status, body } = await healthz({ CHROMIUM_PATH: path.join(tmp, 'no-such-chromium') });
  expect(status).toBe(503);
  expect(body).toMatchObject({ status: 'unavailable', engine: { reachable: true, version: '1.0.3' }, browser: { alive: false } });
  expect(String((body.browser as { error?: string }).error)).toContain('no-such-chromium');
}, 60_000);

it('is unavailable without the CJK fonts the documents print with', async () => {
  const renderer = createRenderer({ executablePath: '/usr/bin/chromium', fontFiles: { regular: path.join(tmp, 'NoSuchFont.ttc') } });
  const documents = new DocumentService({ storeDir: tmp, chromiumPath: '/usr/bin/chromium', baseUrl: 'http://localhost:3000', linkKey: 'k', renderer });
  const { status, body } = await healthz({}, documents);
  expect(status).toBe(503);
  expect(body).toMatchObject({ status: 'unavailable', engine: { reachable: true }, browser: { alive: false } });
}, 60_000);

it('is ok with Debian Chromium and the fonts', async () => {
  const { status, body } = await healthz({ CHROMIUM_PATH: '/usr/bin/chromium' });
  expect([status, body]).toEqual([200, { status: 'ok', engine: { reachable: true, version: '1.0.3' }, browser: { alive: true }, registry: { reachable: true, store: 'pglite' } }]);
}, 60_000);

it('tells anyone the verdict per part, and the details only with a token', async () => {
  const { base } = await healthz({ CHROMIUM_PATH: path.join(tmp, 'no-such-chromium') });
  const plain = await fetch(`${base}/healthz`);
  expect(plain.status).toBe(503);
  expect(await plain.json()).toEqual({ status: 'unavailable', engine: { reachable: true }, browser: { alive: false }, registry: { reachable: true } });
  expect((await fetch(`${base}/healthz?detail=1`)).status).toBe(401);
  expect((await fetch(`${base}/healthz/detail`)).status).toBe(401);
  expect((await fetch(`${base}/healthz/detail`, { headers: { authorization: 'Bearer test-token' } })).status).toBe(503);
}, 60_000);

it('starts no browser per probe: the last check answers until it is older than its period', async () => {
  let warmUps = 0;
  const renderer = createRenderer({ executablePath: path.join(tmp, 'no-such-chromium') });
  const counting = Object.assign(Object.create(renderer) as typeof renderer, {
    warmUp: () => {
      warmUps++;
      return renderer.warmUp();
    },
  });
  const documents = new DocumentService({ storeDir: tmp, chromiumPath: '', baseUrl: 'http://localhost:3000', linkKey: 'k', renderer: counting });
  const { base } = await healthz({}, documents);
  for (let i = 0; i < 5; i++) expect((await fetch(`${base}/healthz`)).status).toBe(503);
  expect(warmUps).toBe(1);
  // Older than its period, the check runs again.
  await documents.health(15_000, 0);
  expect(warmUps).toBe(2);
}, 60_000);
