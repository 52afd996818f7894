// Clients of the API, black-box against the started product: each token names a client
// (API_TOKENS `name:token`), and a client sees and acts only on the applications it submitted.
// Portal B cannot read, pay for, object to or download anything of portal A's application: every
// such request answers 404, as for an id that does not exist, and changes nothing.
// Forged, replayed and wrong-amount payments: test/integration/title-regular.int.test.ts ("runs
// submission -> ... -> end" and "answers 409 to a payment or an objection outside its phase").
import { withMaterials } from '../support/materials.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, ROOT } from '../../workers/config.js';
import { createLogger } from '../../workers/log.js';
import { startService, type Running } from '../../workers/main.js';
import { serviceEnv, waitFor } from '../setup/engine.js';
import { randomResidentId } from '../support/ids.js';
import { signedPayment } from '../support/payments.js';
import { testClock } from '../support/clock.js';

const fixture = JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures/application-regular.json'), 'utf8'));
delete fixture.submittedAt;

const A = { authorization: 'Bearer token-of-portal-a', 'content-type': 'application/json' };
const B = { authorization: 'Bearer token-of-portal-b', 'content-type': 'application/json' };
let service: Running;
let api: string;

beforeAll(async () => {
  service = await startService(loadConfig(serviceEnv({ POLICY_ID: 'demo', API_TOKENS: 'portal-a:token-of-portal-a,portal-b:token-of-portal-b' })), createLogger('silent'), { clock: testClock });
  api = `http://127.0.0.1:${service.port}`;
});

afterAll(async () => {
  await service?.stop();
});

const get = (url: string, headers: Record<string, string>) => fetch(`${api}${url}`, { headers });

describe('one client, its own applications', () => {
  let id: string;

  beforeAll(async () => {
    const res = await fetch(`${api}/api/applications`, { method: 'POST', headers: A, body: JSON.stringify(await withMaterials(api, A.authorization, { ...fixture, applicant: { ...fixture.applicant, idNumber: randomResidentId() } })) });
    expect(res.status).toBe(201);
    id = String(((await res.json()) as { id: string }).id);
    // The 一览表 is made after the eligibility check: then there is a document to refuse.
    await waitFor('the review summary of A', async () => {
      const list = await get(`/api/applications/${id}/documents`, A);
      return list.status === 200 && ((await list.json()) as { documents: unknown[] }).documents.length > 0;
    }, 60_000);
  });

  it('records the client that submitted the application by name', async () => {
    expect((await service.registry.application(id))?.caller).toBe('portal-a');
  });

  it('lets portal A read its application and its documents', async () => {
    expect((await get(`/api/applications/${id}`, A)).status).toBe(200);
    const pdf = await get(`/api/applications/${id}/documents/review-summary`, A);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
  });

  it('answers portal B 404 for A\'s status, documents and downloads, as for an unknown id', async () => {
    for (const url of [`/api/applications/${id}`, `/api/applications/${id}/documents`, `/api/applications/${id}/documents/review-summary`]) {
      const res = await get(url, B);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ errors: [{ field: 'id', message: 'no application with this id' }] });
    }
  });

  it('answers portal B 404 to a payment or an objection for A\'s application, and records nothing', async () => {
    const before = await service.registry.events(id);
    const payment = { applicationId: id, amount: 180, currency: 'CNY', transactionId: `T-B-${id}`, paidAt: '2024-03-01T10:00:00+08:00' };
    const signed = signedPayment(payment);
    const pay = await fetch(`${api}/api/applications/${id}/payment`, { method: 'POST', headers: { ...B, ...signed.headers }, body: signed.body });
    expect(pay.status).toBe(404);
    const objection = await fetch(`${api}/api/applications/${id}/objections`, { method: 'POST', headers: B, body: JSON.stringify({ reason: '材料不实', lodgedBy: '某某' }) });
    expect(objection.status).toBe(404);
    // A, for comparison, is told why (no payment is due yet, no publicity runs): its application exists for it.
    const own = await fetch(`${api}/api/applications/${id}/objections`, { method: 'POST', headers: A, body: JSON.stringify({ reason: '材料不实', lodgedBy: '某某' }) });
    expect(own.status).toBe(409);
    expect((await service.registry.events(id)).filter((e) => e.kind === 'payment' || e.kind === 'objection')).toEqual(before.filter((e) => e.kind === 'payment' || e.kind === 'objection'));
    expect((await service.registry.application(id))?.fee_state).not.toBe('paid');
  });

  it('keeps an Idempotency-Key to its client: B\'s same key starts B\'s own application', async () => {
    const key = `isolation-${id}`;
    const application = { ...fixture, applicant: { ...fixture.applicant, idNumber: randomResidentId() } };
    // Each client lists its own uploads: the same application otherwise.
    const first = await fetch(`${api}/api/applications`, { method: 'POST', headers: { ...A, 'idempotency-key': key }, body: JSON.stringify(await withMaterials(api, A.authorization, application)) });
    const other = await fetch(`${api}/api/applications`, { method: 'POST', headers: { ...B, 'idempotency-key': key }, body: JSON.stringify(await withMaterials(api, B.authorization, application)) });
    expect(first.status).toBe(201);
    // The same applicant, year and category is live already (A's): B gets the duplicate answer, never A's id.
    expect(other.status).toBe(409);
    expect(JSON.stringify(await other.json())).not.toContain(String(((await first.json()) as { id: string }).id));
  });
});
