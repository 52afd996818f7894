// The rule endpoints over HTTP (they need no engine): exact shapes and status codes of SPEC 9.
import { serve, type Serving } from '../support/api-app.js';
import { packageCalendar } from '../../workers/rules/index.js';
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DocumentService } from '../../workers/documents/service.js';
import { createApp } from '../../workers/http/app.js';
import { ApplicationService } from '../../workers/applications/service.js';
import { ROOT, parseClients } from '../../workers/config.js';
import { Camunda7Engine } from '../../workers/adapters/camunda7/workflow-engine.js';
import { openRegistryDatabase, type RegistryDatabase } from '../../workers/registry/db.js';
import { Registry } from '../../workers/registry/registry.js';
import { CamundaRest } from '../../workers/adapters/camunda7/rest-client.js';
import { createLogger } from '../../workers/log.js';
import { createMetrics } from '../../workers/metrics.js';
import { createPolicyProvider } from '../../workers/policy/provider.js';
import { SPEC_PREVIEW } from '../support/spec-preview.js';
import { testDocumentService } from '../support/renderer.js';
import { testNow, testClock } from '../support/clock.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'rules-api-'));
const example = JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures/application-regular.json'), 'utf8'));
let serving: Serving;
let documents: DocumentService;
let base: string;
let database: RegistryDatabase;
const auth = { authorization: 'Bearer local-dev-token', 'content-type': 'application/json' };

beforeAll(async () => {
  const log = createLogger('silent');
  const policies = createPolicyProvider({ dir: path.join(ROOT, 'policy'), activeId: 'demo', demoBaseId: '2024', today: testNow() });
  const rest = new CamundaRest('http://127.0.0.1:9/engine-rest');
  const clock = testClock;
  database = await openRegistryDatabase({ dir: 'memory://' });
  const registry = new Registry(database.db, clock, database.store);
  const app = createApp({
    applications: new ApplicationService({ registry, engine: new Camunda7Engine(rest), policies, clock, log }),
    registry,
    rest,
    metrics: createMetrics(),
    log,
    policies,
    clock,
    documents: (documents = testDocumentService(tmp, { linkKey: 'k' })),
    clients: parseClients(['local-dev-token']),
    paymentSecret: 'test-secret',
    bodyLimit: '64kb',
    rateLimits: { portal: 1000, public: 40 },
  });
  serving = await serve(app);
  base = serving.base;
  // PGlite compiles its WebAssembly on first open: seconds on a busy machine.
}, 60_000);

afterAll(async () => {
  await serving.close();
  // /healthz starts the document browser.
  await documents.close();
  await database.close();
});

const post = (url: string, body: unknown, headers: Record<string, string> = auth) =>
  fetch(base + url, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('SPEC 9: POST /api/applications/preview', () => {
  it('answers the SPEC example under ?policy=2024 exactly', async () => {
    const res = await post('/api/applications/preview?policy=2024', example);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(SPEC_PREVIEW);
  });

  it('dates a live preview by the server clock: the demo policy is open today', async () => {
    const body = (await (await post('/api/applications/preview', { ...example, submittedAt: '2020-01-01T00:00:00+08:00' })).json()) as { eligible: boolean };
    expect(body.eligible).toBe(true);
  });

  it('answers 200 with reasons for a refusal, 400 with paths for malformed input, 400 for an unknown policy, 401 without a token', async () => {
    const refused = await post('/api/applications/preview?policy=2024', { ...example, applicant: { ...example.applicant, staffType: 'retired' } });
    expect(refused.status).toBe(200);
    expect(await refused.json()).toMatchObject({ eligible: false, reasons: [{ rule: 'eligibility.staff-type', field: 'applicant.staffType' }] });
    const bad = await post('/api/applications/preview', { ...example, unit: { ...example.unit, creditCode: '91220106MA0Y5K8Q7J' } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ errors: [{ field: 'unit.creditCode', message: expect.stringContaining('check character') }] });
    expect((await post('/api/applications/preview?policy=1999', example)).status).toBe(400);
    expect((await post('/api/applications/preview', example, { 'content-type': 'application/json' })).status).toBe(401);
  });
});

describe('GET /api/divisions/resolve (public)', () => {
  it('resolves an authority to the documented shape', async () => {
    const res = await fetch(`${base}/api/divisions/resolve?authority=${encodeURIComponent('长春市绿园区市场监督管理局')}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ code: '220106', name: '绿园区', level: 'county', parentCode: '220100', reportsTo: '220100' });
  });

  it('refuses an authority outside Jilin with 422 and a missing one with 400', async () => {
    const outside = await fetch(`${base}/api/divisions/resolve?authority=${encodeURIComponent('北京市海淀区市场监督管理局')}`);
    expect(outside.status).toBe(422);
    expect(await outside.json()).toMatchObject({ reasons: [{ rule: 'division.outside-province', field: 'authority' }] });
    expect((await fetch(`${base}/api/divisions/resolve`)).status).toBe(400);
  });
});

describe('GET /api/calendar/working-days (public)', () => {
  it('answers the SPEC example', async () => {
    const res = await fetch(`${base}/api/calendar/working-days?start=2024-02-08&days=5`);
    expect(await res.json()).toEqual({ start: '2024-02-08', days: 5, end: '2024-02-21T00:00:00+08:00', lastDay: '2024-02-20', provisional: false });
  });

  it('SPEC 6: answers 200 and provisional for a period that reaches a year without the official schedule (2026-12-28 + 5 reaches 2027)', async () => {
    const year = packageCalendar.officialYears().at(-1)!;
    const res = await fetch(`${base}/api/calendar/working-days?start=${year}-12-28&days=5`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ start: `${year}-12-28`, days: 5, provisional: true, provisionalYears: [year + 1], provisionalReason: `${year + 1}年的放假安排尚未公布，按法定节假日暂定` });
    const far = await fetch(`${base}/api/calendar/working-days?start=2099-02-08&days=5`);
    expect(far.status).toBe(200);
    expect(await far.json()).toMatchObject({ provisional: true, provisionalYears: [2099] });
  });

  it('SPEC 6, SPEC 9: a period running past the last year counted (2099-12-31 + 366 working days) answers 422 naming the field and the supported range, never 500', async () => {
    const res = await fetch(`${base}/api/calendar/working-days?start=2099-12-31&days=366`);
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({
      reasons: [{ rule: 'calendar.range', field: 'days', message: expect.stringMatching(/^366 working days from 2099-12-31 run past 2100-12-31; working days are counted from \d{4}-01-01 to 2100-12-31$/) }],
    });
    // The last day still inside the range answers as usual.
    expect((await fetch(`${base}/api/calendar/working-days?start=2099-12-31&days=200`)).status).toBe(200);
  });

  it('SPEC 9: the OpenAPI entry describes what the calendar answers: provisional on the statutory holidays, 422 past the range', async () => {
    const doc = (await (await fetch(`${base}/api/openapi.json`)).json()) as { paths: Record<string, { get: { summary: string; responses: Record<string, { description: string }> } }> };
    const entry = doc.paths['/api/calendar/working-days']!.get;
    expect(entry.summary).not.toContain('on the official calendar');
    expect(entry.responses['200']!.description).toContain('provisionalReason');
    expect(entry.responses['200']!.description).toContain('provisionalYears');
    expect(entry.responses['422']!.description).toContain('2100-12-31');
    expect(entry.responses['422']!.description).not.toContain('without holiday data');
  });

  it('answers 400 naming the field and the rule for malformed input and dates outside the calendar', async () => {
    const early = await fetch(`${base}/api/calendar/working-days?start=1990-01-01&days=5`);
    expect(early.status).toBe(400);
    expect(await early.json()).toMatchObject({ errors: [{ field: 'start', message: expect.stringMatching(/^must be a date from \d{4} to \d{4}$/) }] });
    const bad = await fetch(`${base}/api/calendar/working-days?start=2024-2-8&days=0`);
    expect(bad.status).toBe(400);
    const errors = ((await bad.json()) as { errors: Array<{ field: string }> }).errors;
    expect(errors.map((e) => e.field).sort()).toEqual(['days', 'start']);
  });
});

describe('bad input is refused with the field and the rule (integrity)', () => {
  it('a body nested 20,000 deep answers 400 naming where, not 500; an ordinary body still passes', async () => {
    const deep = `{"applicant":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    const res = await fetch(`${base}/api/applications/preview`, { method: 'POST', headers: { authorization: 'Bearer local-dev-token', 'content-type': 'application/json' }, body: deep });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ errors: [{ field: 'applicant.0.0.0…', message: 'must not nest objects or arrays deeper than 32 levels' }] });
    expect((await post('/api/applications/preview', example)).status).toBe(200);
  });

  it.each([
    ['a right-to-left override', '张\u202E三', 'U+202E at 2'],
    ['a zero-width space', '张\u200B三', 'U+200B at 2'],
    ['a control character', '张\u0007三', 'U+0007 at 2'],
  ])('a name with %s answers 400 naming applicant.name', async (_what, name, where) => {
    const res = await post('/api/applications/preview', { ...example, applicant: { ...example.applicant, name } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ errors: [{ field: 'applicant.name', message: `must not contain control, bidirectional or zero-width characters (${where})` }] });
  });

  it('a name with rare characters (生僻字, CJK extension B) is accepted', async () => {
    const res = await post('/api/applications/preview', { ...example, applicant: { ...example.applicant, name: '王𠮷' } });
    expect(res.status).toBe(200);
  });
});

describe('SPEC 9: errors', () => {
  it('answers JSON 404 for an unknown path and 413 for an oversized body', async () => {
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    const big = await post('/api/applications/preview', { ...example, pad: 'x'.repeat(70_000) });
    expect(big.status).toBe(413);
  });
});

describe('OpenAPI description', () => {
  it('describes only operations the server implements', async () => {
    const doc = (await (await fetch(`${base}/api/openapi.json`)).json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    const operations = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => [m, p] as const));
    expect(operations.length).toBeGreaterThanOrEqual(10);
    for (const [method, p] of operations) {
      const url = base + p.replace('{id}', 'JL2024-2222222222').replace('{code}', 'ABCDEFGHJKMNPQRSTUVW').replace('{name}', 'certificate').replace('{sha256}', 'a'.repeat(64)).replace('{fileName}', 'x.pdf').replace('{committeeId}', 'jl-engineering-intermediate').replace('{date}', '2024-03-01');
      const res = await fetch(url, { method: method.toUpperCase(), headers: auth, body: method === 'get' ? undefined : '{}' });
      const body = await res.text();
      // The fallback of unknown paths answers 404 "no such resource"; a documented path never does.
      expect([method, p, body.includes('no such resource')]).toEqual([method, p, false]);
    }
    // /healthz among them starts the document browser: slow on a busy machine.
  }, 60_000);

  it('describes the status answer\'s contacts (notice 五（五）政策咨询): the current office and the notice\'s lines', async () => {
    const doc = (await (await fetch(`${base}/api/openapi.json`)).json()) as { components: { schemas: Record<string, { required?: string[] }> }; paths: Record<string, { get?: { responses: Record<string, { content?: Record<string, { schema: { properties: Record<string, unknown> } }> }> } }> };
    expect(doc.components.schemas.Contacts?.required).toEqual(['office', 'helpDesk']);
    expect(doc.paths['/api/applications/{id}']?.get?.responses['200']?.content?.['application/json']?.schema.properties.contacts).toEqual({ $ref: '#/components/schemas/Contacts' });
  });

  it('takes its request schema from the validator', async () => {
    const doc = (await (await fetch(`${base}/api/openapi.json`)).json()) as { components: { schemas: { Application: { properties: Record<string, { enum?: string[] }> } } } };
    expect(doc.components.schemas.Application.properties.category!.enum).toContain('grassroots-3010');
  });
});

describe('rate limits', () => {
  it('answers 429 once a client exceeds the public limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 45; i++) statuses.push((await fetch(`${base}/api/calendar/working-days?start=2024-02-08&days=1`)).status);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.at(-1)).toBe(429);
  });
});
