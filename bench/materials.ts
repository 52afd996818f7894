// Throughput of applicants' electronic materials: (a) the material store the environment configures
// (MATERIALS_STORE, MATERIALS_DIR or S3_*; loadConfig + createMaterialStore), written directly with
// --files multi-MB PDFs at once; (b) the same files uploaded through the portal API
// (POST /api/materials, multipart/form-data, fields kind and file) --concurrency at a time, with the
// API process's peak resident memory read from its /metrics (process_resident_memory_bytes,
// sampled during the run). API_URL and API_TOKEN come from the environment, else from the local
// credentials file of `make start` (CREDENTIALS_FILE, default var/credentials.env), else
// http://127.0.0.1:3000 and local-dev-token. When the API answers 404 (no upload endpoint) the
// bench says so and stops after (a).
// Usage: npm run bench:materials [-- --files 16 --size-mb 4 --concurrency 8 --kind achievements --store-only]
// Last line: store_direct_MBps=… upload_MBps=… ratio=… peak_rss_mb=…
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { ROOT, loadConfig } from '../workers/config.js';
import { createMaterialStore } from '../workers/materials/index.js';
import { S3MaterialStore } from '../workers/materials/s3-store.js';
import type { MaterialStore } from '../workers/materials/store.js';

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i > 0 ? Number(process.argv[i + 1]) : def;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}
function textArg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? def) : def;
}
const FILES = Math.round(arg('files', 16));
const SIZE_MB = arg('size-mb', 4);
const CONCURRENCY = Math.round(arg('concurrency', 8));
const KIND = textArg('kind', 'achievements');
const STORE_ONLY = process.argv.includes('--store-only');
const MB = 1024 * 1024;

/** KEY=value lines of the local credentials file (what `make start` gives the API), when there is one. */
function credentialsFile(): Record<string, string> {
  const file = process.env.CREDENTIALS_FILE ?? path.join(ROOT, 'var/credentials.env');
  if (!existsSync(file)) return {};
  const found: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line);
    if (match?.[1] && match[2] !== undefined) found[match[1]] = match[2];
  }
  return found;
}
const credentials = credentialsFile();
const API = (process.env.API_URL ?? credentials.API_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
const TOKEN = process.env.API_TOKEN ?? credentials.API_TOKEN ?? 'local-dev-token';

/** A valid PDF of about `bytes`: one page of text and an embedded file of random bytes (no two alike). */
async function pdfOf(i: number, bytes: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawText(`bench material ${i + 1}`, { x: 72, y: 760, size: 18, font: await doc.embedFont(StandardFonts.Helvetica) });
  await doc.attach(randomBytes(Math.max(0, bytes - 2048)), `padding-${i + 1}.bin`, { mimeType: 'application/octet-stream' });
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/** A stream of `buffer` in 64 KiB chunks, as a client's upload arrives. */
function chunked(buffer: Buffer): Readable {
  return Readable.from(
    (function* () {
      for (let offset = 0; offset < buffer.length; offset += 64 * 1024) yield buffer.subarray(offset, offset + 64 * 1024);
    })(),
  );
}

const mbps = (bytes: number, ms: number) => bytes / MB / (ms / 1000);
const fmt = (n: number | undefined, digits = 1) => (n === undefined || !Number.isFinite(n) ? 'n/a' : n.toFixed(digits));

/** (a) Every file into the store at once; the blobs are deleted again afterwards. */
async function direct(store: MaterialStore, files: Buffer[]): Promise<{ MBps: number; rssMb: number }> {
  const total = files.reduce((n, f) => n + f.length, 0);
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50);
  const t0 = performance.now();
  const stored = await Promise.all(files.map((file) => store.put(chunked(file))));
  const ms = performance.now() - t0;
  clearInterval(sampler);
  stored.forEach((blob, i) => {
    if (blob.bytes !== files[i]!.length) throw new Error(`the store kept ${blob.bytes} bytes of file ${i + 1}, not ${files[i]!.length}`);
  });
  await Promise.all(stored.map((blob) => store.delete(blob.sha256)));
  console.log(`store (${store.kind}): ${files.length} files, ${(total / MB).toFixed(1)} MB at once in ${(ms / 1000).toFixed(2)} s`);
  return { MBps: mbps(total, ms), rssMb: peak / MB };
}

/** The API's resident memory in bytes from its /metrics, or undefined when it does not tell. */
async function apiRss(): Promise<number | undefined> {
  try {
    const res = await fetch(`${API}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` }, signal: AbortSignal.timeout(2000) });
    if (!res.ok) return undefined;
    const match = /^process_resident_memory_bytes(?:\{[^}]*\})? ([0-9.e+]+)$/m.exec(await res.text());
    return match?.[1] ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One upload as a portal's server sends it: the multipart body (fields `kind` and `file`) made once,
 * outside the timed part, so that what is timed is the API, not the client's own encoding (Node's
 * FormData copies every part through a stream of small chunks).
 */
function multipart(file: Buffer, i: number): { body: Buffer; type: string } {
  const boundary = `----bench${i + 1}${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n${KIND}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bench-${i + 1}.pdf"\r\nContent-Type: application/pdf\r\n\r\n`);
  return { body: Buffer.concat([head, file, Buffer.from(`\r\n--${boundary}--\r\n`)]), type: `multipart/form-data; boundary=${boundary}` };
}

function upload(file: Buffer | { body: Buffer; type: string }, i: number): Promise<Response> {
  const { body, type } = Buffer.isBuffer(file) ? multipart(file, i) : file;
  return fetch(`${API}/api/materials`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': type }, body });
}

/** (b) The files through POST /api/materials, CONCURRENCY at a time; null when there is no such endpoint. */
async function throughApi(files: Buffer[]): Promise<{ MBps: number; peakMb: number | undefined; beforeMb: number | undefined } | null> {
  // One upload first, not timed: the endpoint is there and accepts these files.
  const probe = await upload(files[0]!, -1).catch((error: unknown) => {
    throw new Error(`no API at ${API} (${error instanceof Error ? error.message : String(error)}): start it (make start), or pass --store-only`);
  });
  const answer = await probe.text();
  if (probe.status === 404) return null;
  if (probe.status !== 201) throw new Error(`POST ${API}/api/materials answered ${probe.status}: ${answer.slice(0, 500)}`);

  const before = await apiRss();
  let peak = before;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const rss = await apiRss();
      if (rss !== undefined) peak = Math.max(peak ?? 0, rss);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const total = files.reduce((n, f) => n + f.length, 0);
  const bodies = files.map((f, i) => multipart(f, i));
  let next = 0;
  const failures: string[] = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, files.length) }, async () => {
      while (next < files.length) {
        const i = next++;
        const res = await upload(bodies[i]!, i);
        const body = await res.text();
        if (res.status !== 201) failures.push(`file ${i + 1}: ${res.status} ${body.slice(0, 200)}`);
      }
    }),
  );
  const ms = performance.now() - t0;
  sampling = false;
  await sampler;
  if (failures.length > 0) throw new Error(`${failures.length} of ${files.length} uploads failed:\n  ${failures.join('\n  ')}`);
  console.log(`api: ${files.length} files, ${(total / MB).toFixed(1)} MB through POST /api/materials, ${CONCURRENCY} at a time, in ${(ms / 1000).toFixed(2)} s`);
  return { MBps: mbps(total, ms), peakMb: peak === undefined ? undefined : peak / MB, beforeMb: before === undefined ? undefined : before / MB };
}

async function main(): Promise<void> {
  const config = loadConfig();
  const store = createMaterialStore(config);
  if (store instanceof S3MaterialStore) await store.ensureBucket();
  const t0 = performance.now();
  const files = await Promise.all(Array.from({ length: FILES }, (_, i) => pdfOf(i, Math.round(SIZE_MB * MB))));
  const where = config.MATERIALS_STORE === 's3' ? `${config.S3_ENDPOINT ?? 'AWS'} bucket ${config.S3_BUCKET}` : config.MATERIALS_DIR;
  console.log(`bench:materials: ${FILES} PDFs of ${(files[0]!.length / MB).toFixed(2)} MB made in ${((performance.now() - t0) / 1000).toFixed(1)} s; store ${store.kind} (${where})`);

  const a = await direct(store, files);
  console.log(`store_direct_MBps=${fmt(a.MBps)} bench_peak_rss_mb=${fmt(a.rssMb, 0)}`);
  if (STORE_ONLY) return;

  const b = await throughApi(files);
  if (b === null) {
    console.log(`POST ${API}/api/materials answered 404: the upload endpoint is not there (yet); only the store was measured.`);
    console.log(`store_direct_MBps=${fmt(a.MBps)} upload_MBps=n/a ratio=n/a peak_rss_mb=n/a`);
    return;
  }
  if (b.peakMb === undefined) console.log(`the API's /metrics told no process_resident_memory_bytes: its memory is not measured`);
  else console.log(`api rss: ${fmt(b.beforeMb, 0)} MB before, ${fmt(b.peakMb, 0)} MB at most during the uploads`);
  console.log(`store_direct_MBps=${fmt(a.MBps)} upload_MBps=${fmt(b.MBps)} ratio=${fmt(b.MBps / a.MBps, 2)} peak_rss_mb=${fmt(b.peakMb, 0)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
