// A portal-like client of the HTTP API: previews and submits an application (with an
// Idempotency-Key, retried once to show that a retry starts nothing new), follows its progress,
// tries to confirm a payment and lists its documents.
//
//   make start            # in another terminal
//   node --import tsx examples/portal-client.ts [application.json]
//
// API_URL and API_TOKEN override http://localhost:3000 and local-dev-token.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

const api = process.env.API_URL ?? 'http://localhost:3000';
const headers = { authorization: `Bearer ${process.env.API_TOKEN ?? 'local-dev-token'}`, 'content-type': 'application/json' };
const file = process.argv[2] ?? new URL('../test/fixtures/application-regular.json', import.meta.url).pathname;

async function call(method: string, path: string, body?: unknown, extra: Record<string, string> = {}) {
  const res = await fetch(api + path, { method, headers: { ...headers, ...extra }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

async function main(): Promise<void> {
  const application = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  delete application.submittedAt; // live submissions are dated by the server

  const preview = await call('POST', '/api/applications/preview', application);
  console.log(`preview: ${preview.status}`, JSON.stringify(preview.body, null, 2));
  if (preview.body.eligible !== true) return;

  const key = randomUUID();
  const created = await call('POST', '/api/applications', application, { 'Idempotency-Key': key });
  console.log(`submit: ${created.status}`, created.body);
  if (created.status !== 201) return;
  const retry = await call('POST', '/api/applications', application, { 'Idempotency-Key': key });
  console.log(`retry with the same key: ${retry.status}, same id: ${retry.body.id === created.body.id}, replayed: ${retry.headers.get('idempotency-replayed')}`);

  const id = String(created.body.id);
  let status: Record<string, unknown> = {};
  for (let i = 0; i < 20; i++) {
    status = (await call('GET', `/api/applications/${id}`)).body;
    if ((status.currentSteps as unknown[] | undefined)?.length || status.endedAt) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  console.log('progress:', JSON.stringify({ status: status.status, currentSteps: status.currentSteps, fee: status.fee }, null, 2));

  const payment = await call('POST', `/api/applications/${id}/payment`, {
    amount: (status.fee as { amount?: number } | null)?.amount ?? 0,
    currency: 'CNY',
    transactionId: `DEMO-${Date.now()}`,
    paidAt: new Date().toISOString(),
  });
  console.log(`payment: ${payment.status}`, payment.status === 409 ? '(the application is not waiting for a payment yet)' : payment.body);

  const documents = (status.documents as Array<{ name: string }> | undefined) ?? [];
  console.log(`documents: ${documents.length ? documents.map((d) => d.name).join(', ') : 'none yet'}`);
  console.log(`\nOpen Tasklist (demo / demo) to work on the application ${id}: http://localhost:8080/camunda/app/tasklist/`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
