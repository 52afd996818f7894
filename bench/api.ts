// Throughput and latency of the portal API's status and submission against the started product
// (`make start`, with DATABASE_URL set for the PostgreSQL registry), and in the same run a plain
// engine REST call as the yardstick of this machine. 8 concurrent clients by default.
// Usage: npm run bench:api [-- --clients 8 --seconds 10 --submissions 200]
// Last line: status_rps=… status_p50_ms=… status_p95_ms=… submit_rps=… engine_rps=… engine_p50_ms=…
import { PDFDocument } from 'pdf-lib';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../workers/config.js';
import { randomResidentId } from '../test/support/ids.js';

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i > 0 ? Number(process.argv[i + 1]) : def;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}
const CLIENTS = arg('clients', 8);
const SECONDS = arg('seconds', 10);
const SUBMISSIONS = arg('submissions', 200);
// The bench reads its targets like any client of the product: from the environment.
const env = process.env;
const API = (env.API_URL ?? 'http://localhost:3000').replace(/\/$/, '');
const ENGINE = (env.ENGINE_URL ?? 'http://localhost:8080/engine-rest').replace(/\/$/, '');
const TOKEN = env.API_TOKEN ?? 'local-dev-token';
const engineAuth: Record<string, string> = env.ENGINE_USER ? { authorization: `Basic ${Buffer.from(`${env.ENGINE_USER}:${env.ENGINE_PASSWORD ?? ''}`).toString('base64')}` } : {};
const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
const fixture = JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures/application-regular.json'), 'utf8'));
delete fixture.submittedAt;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;

/** Runs `call` from CLIENTS concurrent loops for SECONDS; returns requests/s and latencies. */
async function load(what: string, call: (i: number) => Promise<Response>): Promise<{ rps: number; p50: number; p95: number }> {
  const latencies: number[] = [];
  const until = performance.now() + SECONDS * 1000;
  let n = 0;
  let failures = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        const res = await call(n++);
        await res.arrayBuffer();
        if (!res.ok) failures++;
        latencies.push(performance.now() - t0);
      }
    }),
  );
  if (failures > 0) throw new Error(`${what}: ${failures} of ${latencies.length} requests failed`);
  latencies.sort((a, b) => a - b);
  return { rps: latencies.length / SECONDS, p50: percentile(latencies, 0.5), p95: percentile(latencies, 0.95) };
}

async function main(): Promise<void> {
  const health = await fetch(`${API}/healthz`).then((r) => r.json() as Promise<Record<string, unknown>>).catch(() => null);
  if (!health) throw new Error(`no product at ${API}: run make start first`);
  console.log(`bench:api against ${API} (registry: ${JSON.stringify((health as { registry?: unknown }).registry ?? 'unknown')}), ${CLIENTS} clients`);

  // Each application carries the electronic materials the preview names (三（一）): uploaded first, not timed.
  const preview = (await (await fetch(`${API}/api/applications/preview`, { method: 'POST', headers, body: JSON.stringify(fixture) })).json()) as { requiredMaterials: Array<{ kind: string }> };
  const doc = await PDFDocument.create();
  doc.addPage();
  const pdf = new Uint8Array(await doc.save());
  const upload = async (kind: string) => {
    const form = new FormData();
    form.append('kind', kind);
    form.append('file', new Blob([pdf], { type: 'application/pdf' }), `${kind}.pdf`);
    const res = await fetch(`${API}/api/materials`, { method: 'POST', headers: { authorization: headers.authorization }, body: form });
    const body = (await res.json()) as { id?: string };
    if (res.status !== 201 || !body.id) throw new Error(`upload answered ${res.status}: ${JSON.stringify(body)}`);
    return { id: body.id };
  };
  const materialSets: Array<Array<{ id: string }>> = [];
  for (let i = 0; i < SUBMISSIONS; i++) materialSets.push(await Promise.all(preview.requiredMaterials.map((m) => upload(m.kind))));

  // Submissions: SUBMISSIONS new applicants, CLIENTS at a time.
  const ids: string[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < SUBMISSIONS) {
        const materials = materialSets[next++]!;
        const res = await fetch(`${API}/api/applications`, { method: 'POST', headers, body: JSON.stringify({ ...fixture, applicant: { ...fixture.applicant, idNumber: randomResidentId() }, materials }) });
        const body = (await res.json()) as { id?: string };
        if (res.status !== 201 || !body.id) throw new Error(`submission answered ${res.status}: ${JSON.stringify(body)}`);
        ids.push(body.id);
      }
    }),
  );
  const submitRps = SUBMISSIONS / ((performance.now() - t0) / 1000);
  console.log(`submit: ${SUBMISSIONS} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  // The workers take the new applications to their first review (and print their 一览表): the reads
  // are measured once that is done, so that both the API and the engine call run on a quiet machine.
  const settleUntil = performance.now() + 180_000;
  while (performance.now() < settleUntil) {
    const { count } = (await (await fetch(`${ENGINE}/external-task/count`, { headers: engineAuth })).json()) as { count: number };
    if (count === 0) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  const status = await load('status', (i) => fetch(`${API}/api/applications/${ids[i % ids.length]}`, { headers }));
  console.log(`status: ${status.rps.toFixed(0)}/s p50 ${status.p50.toFixed(1)} ms p95 ${status.p95.toFixed(1)} ms`);
  const engine = await load('engine', (i) => fetch(`${ENGINE}/process-instance/count?businessKey=${ids[i % ids.length]}`, { headers: engineAuth }));
  console.log(`engine: ${engine.rps.toFixed(0)}/s p50 ${engine.p50.toFixed(1)} ms (GET /process-instance/count?businessKey=…)`);
  console.log(
    `status_rps=${status.rps.toFixed(0)} status_p50_ms=${status.p50.toFixed(1)} status_p95_ms=${status.p95.toFixed(1)} submit_rps=${submitRps.toFixed(1)} engine_rps=${engine.rps.toFixed(0)} engine_p50_ms=${engine.p50.toFixed(1)}`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
