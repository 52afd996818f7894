// A portal-like client of the HTTP API: previews and submits an application (with an
// Idempotency-Key, retried once to show that a retry starts nothing new), follows its progress,
// goes through one correction (退回补正: the unit returns the application naming the fields to
// correct, the portal reads them from the status and corrects them, the application is back at the
// unit), tries to confirm a payment, and downloads its documents (the review summary is made at
// submission; the publicity form and the certificate follow later in the flow) into
// ./documents-<application id>/.
//
// The unit's return is made in Tasklist by the unit's reviewers; to show the whole loop without
// anyone at Tasklist, the example plays the unit reviewer through the engine's REST API with the
// local administrator of var/credentials.env (skipped when there is none).
//
//   make start            # in another terminal
//   node --import tsx examples/portal-client.ts [application.json]
//
// API_URL, API_TOKEN and PAYMENT_SECRET come from the environment, else from the credentials that
// `make start` made (var/credentials.env, or CREDENTIALS_FILE), else http://localhost:3000,
// local-dev-token and the development payment secret.
import { PDFDocument } from 'pdf-lib';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { signPayment } from '../workers/http/payment-signature.js';
import { adminAccount, loadConfig, ROOT } from '../workers/config.js';
import { CamundaRest } from '../workers/adapters/camunda7/rest-client.js';
import { findWebapps } from '../workers/adapters/camunda7/webapps.js';

const credentialsFile = process.env.CREDENTIALS_FILE ?? path.join(ROOT, 'var', 'credentials.env');
if (existsSync(credentialsFile)) {
  for (const line of readFileSync(credentialsFile, 'utf8').split('\n')) {
    const match = /^(API_URL|API_TOKEN|PAYMENT_SECRET|ENGINE_URL|ENGINE_ADMIN_USER|ENGINE_ADMIN_PASSWORD)=(.*)$/.exec(line);
    if (match && process.env[match[1]!] === undefined) process.env[match[1]!] = match[2]!;
  }
}

const api = process.env.API_URL ?? 'http://localhost:3000';
const headers = { authorization: `Bearer ${process.env.API_TOKEN ?? 'local-dev-token'}`, 'content-type': 'application/json' };
const file = process.argv[2] ?? new URL('./application-full.json', import.meta.url).pathname;

async function call(method: string, path: string, body?: unknown, extra: Record<string, string> = {}) {
  const res = await fetch(api + path, { method, headers: { ...headers, ...extra }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** An 18-character resident ID number from its first 17 characters (GB 11643 check digit). */
function withCheckDigit(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * weights[i]!, 0);
  return first17 + '10X98765432'[sum % 11];
}

async function main(): Promise<void> {
  const application = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  delete application.submittedAt; // live submissions are dated by the server

  const preview = await call('POST', '/api/applications/preview', application);
  console.log(`preview: ${preview.status}`, JSON.stringify(preview.body, null, 2));
  if (preview.body.eligible !== true) return;

  // 三（一）: the electronic materials the preview names are uploaded first (here, a one-page PDF
  // standing in for each scan), then listed in the submission.
  const materials: Array<{ id: string }> = [];
  for (const { kind, label } of preview.body.requiredMaterials as Array<{ kind: string; label: string }>) {
    const doc = await PDFDocument.create();
    doc.addPage([595, 842]);
    doc.setTitle(label);
    const form = new FormData();
    form.append('kind', kind);
    form.append('file', new Blob([new Uint8Array(await doc.save())], { type: 'application/pdf' }), `${label}.pdf`);
    const res = await fetch(`${api}/api/materials`, { method: 'POST', headers: { authorization: headers.authorization }, body: form });
    const uploaded = (await res.json()) as { id: string; sha256: string };
    console.log(`upload ${label}: ${res.status}`, uploaded);
    if (res.status !== 201) return;
    materials.push({ id: uploaded.id });
  }
  application.materials = materials;

  let key = randomUUID();
  let created = await call('POST', '/api/applications', application, { 'Idempotency-Key': key });
  console.log(`submit: ${created.status}`, created.body);
  if (created.status === 409) {
    // One live application per applicant, year and category: a second run of this example plays
    // another applicant (same birth date, another sequence number and check digit).
    const applicant = application.applicant as { idNumber: string };
    applicant.idNumber = withCheckDigit(`${applicant.idNumber.slice(0, 14)}${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`);
    key = randomUUID();
    created = await call('POST', '/api/applications', application, { 'Idempotency-Key': key });
    console.log(`submit as another applicant: ${created.status}`, created.body);
  }
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

  await correctionLoop(id);

  // In production the payment provider signs its confirmation; here the example plays the provider
  // with the local secret (PAYMENT_SECRET of var/credentials.env, or the development default).
  const confirmation = { applicationId: id, amount: (status.fee as { amount?: number } | null)?.amount ?? 0, currency: 'CNY', transactionId: `DEMO-${Date.now()}`, paidAt: new Date().toISOString() };
  const payment = await call('POST', `/api/applications/${id}/payment`, confirmation, { 'payment-signature': signPayment(JSON.stringify(confirmation), process.env.PAYMENT_SECRET ?? 'local-dev-payment-secret') });
  console.log(`payment: ${payment.status}`, payment.status === 409 ? '(the application is not waiting for a payment yet)' : payment.body);

  // The documents made so far, each downloaded as a PDF.
  let documents: Array<{ name: string; title: string; fileName: string; href: string; sha256: string }> = [];
  for (let i = 0; i < 30 && documents.length === 0; i++) {
    documents = ((await call('GET', `/api/applications/${id}/documents`)).body.documents as typeof documents | undefined) ?? [];
    if (documents.length === 0) await new Promise((r) => setTimeout(r, 500));
  }
  const folder = `documents-${id}`;
  mkdirSync(folder, { recursive: true });
  for (const doc of documents) {
    const res = await fetch(api + doc.href, { headers });
    const bytes = Buffer.from(await res.arrayBuffer());
    const digest = createHash('sha256').update(bytes).digest('hex');
    const target = path.join(folder, doc.fileName);
    writeFileSync(target, bytes);
    console.log(`document ${doc.name} (${doc.title}): ${res.status}, ${bytes.length} bytes -> ${target}; SHA-256 ${digest === doc.sha256 ? 'matches' : 'DIFFERS'}`);
  }
  if (documents.length === 0) console.log('documents: none yet');
  // Operaton's Tasklist is under /operaton/app/, Camunda 7's under /camunda/app/: ask the engine.
  const engine = loadConfig();
  const tasklist = (await findWebapps(engine.ENGINE_URL, engine.ENGINE_WEBAPP_PATH).catch(() => null))?.tasklist ?? 'the Tasklist that make start printed';
  console.log(`\nOpen Tasklist to work on the application ${id}: ${tasklist}`);
  console.log(`(unit-hr / demo sees its unit review; ${process.env.ENGINE_ADMIN_USER ?? 'the administrator'} (ENGINE_ADMIN_PASSWORD of var/credentials.env) sees every task)`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** 退回补正: the unit returns the application naming fields; the portal corrects them; it is back at the unit. */
async function correctionLoop(id: string): Promise<void> {
  const config = loadConfig();
  const admin = adminAccount(config);
  if (!config.ENGINE_ADMIN_USER || !admin) {
    console.log('correction: skipped (no ENGINE_ADMIN_USER to play the unit reviewer)');
    return;
  }
  const engine = new CamundaRest([config.ENGINE_URL], admin);
  let task: { id: string } | undefined;
  for (let i = 0; i < 40 && !task; i++) {
    task = (await engine.tasks({ processInstanceBusinessKey: id, taskDefinitionKey: 'unit-review-task' }))[0];
    if (!task) await sleep(500);
  }
  if (!task) {
    console.log('correction: skipped (no unit review task yet)');
    return;
  }
  // What the unit's reviewers do in Tasklist: return it, naming the field to correct.
  await engine.completeTask(task.id, {
    unitReviewDecision: 'return',
    unitReviewReason: '手机号码无法接通，请更正',
    returnFields: ['applicant.phone'],
    panelMembers: [{ name: '王一' }, { name: '李二' }, { name: '赵三' }],
    supervisor: '纪检组 刘监督',
  });
  let status: Record<string, unknown> = {};
  for (let i = 0; i < 40 && status.status !== 'returned'; i++) {
    status = (await call('GET', `/api/applications/${id}`)).body;
    if (status.status !== 'returned') await sleep(250);
  }
  console.log('returned for correction:', JSON.stringify(status.correction, null, 2));
  const correction = { application: { applicant: { phone: '13900000000' } }, comment: '已更正手机号码' };
  let corrected = await call('POST', `/api/applications/${id}/corrections`, correction);
  // The flow reaches its wait for the correction a moment after the registry records the return.
  for (let i = 0; i < 10 && corrected.status === 409 && status.status === 'returned'; i++) {
    await sleep(300);
    corrected = await call('POST', `/api/applications/${id}/corrections`, correction);
  }
  console.log(`correction: ${corrected.status}`, corrected.body);
  const back = (await call('GET', `/api/applications/${id}`)).body;
  console.log('after the correction:', JSON.stringify({ status: back.status, currentSteps: back.currentSteps }, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
