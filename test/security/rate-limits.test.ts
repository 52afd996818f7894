// Limits per client, not per address (integrity): a portal serves every applicant from one address,
// so its token has a limit of its own; requests without a valid token share a per-address limit;
// X-Forwarded-For is believed only from configured proxies, so a forged one opens no new bucket.
import { serve } from '../support/api-app.js';
import type { Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../../workers/http/app.js';
import { ApplicationService } from '../../workers/applications/service.js';
import { loadConfig, ROOT, parseClients } from '../../workers/config.js';
import type { DocumentService } from '../../workers/documents/service.js';
import { CamundaRest } from '../../workers/adapters/camunda7/rest-client.js';
import { Camunda7Engine } from '../../workers/adapters/camunda7/workflow-engine.js';
import { createLogger } from '../../workers/log.js';
import { createMetrics } from '../../workers/metrics.js';
import { createPolicyProvider } from '../../workers/policy/provider.js';
import { openRegistryDatabase, type RegistryDatabase } from '../../workers/registry/db.js';
import { Registry } from '../../workers/registry/registry.js';
import { testClock, testNow } from '../support/clock.js';
import { testDocumentService } from '../support/renderer.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'rate-limits-'));
const example = JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures/application-regular.json'), 'utf8'));
const servers: Server[] = [];
let database: RegistryDatabase;
const documents: DocumentService[] = [];

async function listen(options: { portal: number; public: number; trustedProxies?: string[] }): Promise<string> {
  const log = createLogger('silent');
  const policies = createPolicyProvider({ dir: path.join(ROOT, 'policy'), activeId: 'demo', demoBaseId: '2024', today: testNow() });
  const rest = new CamundaRest('http://127.0.0.1:9/engine-rest');
  const registry = new Registry(database.db, testClock, database.store);
  const store = testDocumentService(tmp, { linkKey: 'k' });
  documents.push(store);
  const app = createApp({
    applications: new ApplicationService({ registry, engine: new Camunda7Engine(rest), policies, clock: testClock, log }),
    registry,
    rest,
    metrics: createMetrics(),
    log,
    policies,
    clock: testClock,
    documents: store,
    clients: parseClients(['portal-a:token-of-a-1234', 'portal-b:token-of-b-1234']),
    paymentSecret: 'test-secret',
    bodyLimit: '64kb',
    rateLimits: { portal: options.portal, public: options.public },
    trustedProxies: options.trustedProxies,
  });
  const serving = await serve(app);
  servers.push(serving.server);
  return serving.base;
}

const preview = (base: string, headers: Record<string, string>) =>
  fetch(`${base}/api/applications/preview`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(example) });
const as = (token: string, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${token}`, ...extra });
const statuses = async (n: number, call: (i: number) => Promise<Response>) => {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await call(i)).status);
  return out;
};

beforeAll(async () => {
  database = await openRegistryDatabase({ dir: 'memory://' });
}, 60_000);
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  await Promise.all(documents.map((d) => d.close()));
  await database.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('rate limits per client, not per address', () => {
  it('a client that uses up its limit gets 429; another client at the same address goes on', async () => {
    const base = await listen({ portal: 5, public: 3 });
    expect(await statuses(6, () => preview(base, as('token-of-a-1234')))).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await preview(base, as('token-of-a-1234'));
    expect(await limited.json()).toEqual({ errors: [{ field: '(client)', message: 'too many requests from this client; slow down' }] });
    expect(await statuses(5, () => preview(base, as('token-of-b-1234')))).toEqual([200, 200, 200, 200, 200]);
  });

  it('requests without a valid token share a per-address limit that a forged X-Forwarded-For does not escape, and clients are not counted in it', async () => {
    const base = await listen({ portal: 100, public: 3 });
    const forged = await statuses(5, (i) => preview(base, as('not-a-token', { 'x-forwarded-for': `203.0.113.${i + 1}` })));
    expect(forged).toEqual([401, 401, 401, 429, 429]);
    // The honest portal at the same address is not slowed by them.
    expect(await statuses(5, () => preview(base, as('token-of-a-1234')))).toEqual([200, 200, 200, 200, 200]);
  });

  it('believes X-Forwarded-For from a configured proxy: behind it, each applicant\'s address counts on its own', async () => {
    const base = await listen({ portal: 100, public: 2, trustedProxies: ['loopback'] });
    const behind = await statuses(4, (i) => preview(base, as('not-a-token', { 'x-forwarded-for': `203.0.113.${i + 1}` })));
    expect(behind).toEqual([401, 401, 401, 401]);
    expect(await statuses(3, () => preview(base, as('not-a-token', { 'x-forwarded-for': '203.0.113.9' })))).toEqual([401, 401, 429]);
  });

  it('the default portal limit is per client and sized for the province\'s peak (TRUSTED_PROXIES empty by default)', () => {
    const config = loadConfig({});
    expect(config.API_RATE_LIMIT_PORTAL).toBe(60_000);
    expect(config.TRUSTED_PROXIES).toEqual([]);
    expect(loadConfig({ TRUSTED_PROXIES: '10.0.0.1, 10.1.0.0/16' }).TRUSTED_PROXIES).toEqual(['10.0.0.1', '10.1.0.0/16']);
  });
});
