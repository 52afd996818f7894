// Integration tests need the real engine: reuse one that answers (of the kind ENGINE names, when
// set), otherwise start it with engine/bin/start.sh (global-teardown.mjs stops it again). Then
// deploy bpmn/, forms/ and the test fixtures, each as its own deployment, as the deploy account.
// The S3 material store's tests need an S3 API: S3Proxy, started here once per run.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import pg from 'pg';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// ENGINE_PORT alone moves the engine under test (as it moves engine/bin/start.sh's); the test
// processes inherit ENGINE_URL from here.
process.env.ENGINE_URL ??= `http://localhost:${process.env.ENGINE_PORT ?? 8080}/engine-rest`;
const engineUrl = process.env.ENGINE_URL;

/**
 * The engine's REST API requires authentication: the credentials come from the file that
 * `make start` and engine/bin/start.sh use (scripts/credentials.sh, CREDENTIALS_FILE), created on
 * first use. Only the engine's accounts are taken (the API under test keeps its local defaults), and
 * keys already in the environment win. The test processes inherit them from here.
 */
const ENGINE_ACCOUNTS = ['ENGINE_USER', 'ENGINE_PASSWORD', 'ENGINE_ADMIN_USER', 'ENGINE_ADMIN_PASSWORD', 'ENGINE_DEPLOY_USER', 'ENGINE_DEPLOY_PASSWORD', 'REVIEW_TICKET_KEY'];

function loadCredentials() {
  const file = execFileSync(path.join(root, 'scripts/credentials.sh'), { encoding: 'utf8', env: process.env }).trim();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line);
    if (match && ENGINE_ACCOUNTS.includes(match[1]) && process.env[match[1]] === undefined) process.env[match[1]] = match[2];
  }
  process.env.CREDENTIALS_FILE = file;
}

const adminAuthorization = () =>
  `Basic ${Buffer.from(`${process.env.ENGINE_ADMIN_USER}:${process.env.ENGINE_ADMIN_PASSWORD}`).toString('base64')}`;

/** The engine that answers: `operaton` or `camunda7` (which reports 7.x), or null. */
async function runningEngine() {
  try {
    const res = await fetch(`${engineUrl}/version`, { headers: { authorization: adminAuthorization() }, signal: AbortSignal.timeout(5000) });
    if (res.status === 401) throw new Error(`${engineUrl} refuses the administrator of ${process.env.CREDENTIALS_FILE}: stop it, or start it with these credentials`);
    if (!res.ok) return null;
    const { version } = await res.json();
    return String(version).startsWith('7.') ? 'camunda7' : 'operaton';
  } catch (error) {
    if (error instanceof Error && error.message.includes('refuses the administrator')) throw error;
    return null;
  }
}

/**
 * Creates the registry's test database on the local PostgreSQL server when it is missing. In CI
 * (CI=true) or with TEST_FRESH_REGISTRY=1 it starts empty: a run never depends on what an earlier
 * run, or another branch's migrations, left there.
 */
async function registryDatabase() {
  const url = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/title_review_test');
  const name = url.pathname.slice(1);
  const quoted = `"${name.replace(/"/g, '""')}"`;
  const admin = new pg.Client({ connectionString: Object.assign(new URL(url), { pathname: '/postgres' }).toString() });
  await admin.connect();
  try {
    if (process.env.CI === 'true' || process.env.TEST_FRESH_REGISTRY === '1') await admin.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${quoted}`);
  } finally {
    await admin.end();
  }
}

/**
 * An S3 API for the tests (TEST_S3_ENDPOINT, TEST_S3_ACCESS_KEY_ID, TEST_S3_SECRET_ACCESS_KEY,
 * TEST_S3_BUCKET, which the test processes inherit): S3Proxy on a free port with a folder of its own
 * (scripts/s3proxy.sh; its first use fetches the jar from Maven Central), stopped by
 * global-teardown.mjs. An endpoint already in TEST_S3_ENDPOINT (a MinIO, say) is used instead.
 */
function startS3() {
  process.env.TEST_S3_BUCKET ??= 'title-review-materials-test';
  if (process.env.TEST_S3_ENDPOINT) return;
  const dir = mkdtempSync(path.join(tmpdir(), 'title-review-s3proxy-'));
  let out;
  try {
    out = execFileSync(path.join(root, 'scripts/s3proxy.sh'), ['start', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  } catch (error) {
    stopS3(dir);
    throw new Error(`S3Proxy, the S3 API of the integration tests, did not start (scripts/s3proxy.sh start; its log: .run/s3proxy.log): ${error instanceof Error ? error.message : error}`);
  }
  process.env.TEST_S3PROXY_DIR = dir;
  const found = Object.fromEntries(out.split('\n').map((line) => /^(S3PROXY_[A-Z_]+)=(.*)$/.exec(line)).filter(Boolean).map((m) => [m[1], m[2]]));
  if (!found.S3PROXY_ENDPOINT || !found.S3PROXY_ACCESS_KEY_ID || !found.S3PROXY_SECRET_ACCESS_KEY) {
    stopS3(dir);
    throw new Error(`S3Proxy started, but scripts/s3proxy.sh printed no endpoint and credentials: ${out}`);
  }
  process.env.TEST_S3_ENDPOINT = found.S3PROXY_ENDPOINT;
  process.env.TEST_S3_ACCESS_KEY_ID = found.S3PROXY_ACCESS_KEY_ID;
  process.env.TEST_S3_SECRET_ACCESS_KEY = found.S3PROXY_SECRET_ACCESS_KEY;
}

export function stopS3(dir = process.env.TEST_S3PROXY_DIR) {
  if (!dir) return;
  execFileSync(path.join(root, 'scripts/s3proxy.sh'), ['stop', dir], { stdio: 'inherit' });
  delete process.env.TEST_S3PROXY_DIR;
}

export default async function globalSetup() {
  startS3();
  try {
    await withEngine();
  } catch (error) {
    stopS3();
    throw error;
  }
}

async function withEngine() {
  loadCredentials();
  await registryDatabase();
  const running = await runningEngine();
  if (running === null) {
    execFileSync(path.join(root, 'engine/bin/start.sh'), { stdio: 'inherit' });
    process.env.TEST_STARTED_ENGINE = '1';
  } else if (process.env.ENGINE && process.env.ENGINE !== running) {
    // ENGINE=camunda7 make test must not pass on an Operaton engine left running (or the reverse).
    throw new Error(`ENGINE=${process.env.ENGINE}, but ${engineUrl} runs ${running}: stop it first (engine/bin/stop.sh)`);
  }
  const tsx = path.join(root, 'node_modules/tsx/dist/cli.mjs');
  const deploy = (...args) =>
    execFileSync(process.execPath, [tsx, path.join(root, 'workers/cli/deploy.ts'), ...args], {
      stdio: 'inherit',
      env: { ...process.env, LOG_LEVEL: 'warn' },
    });
  deploy();
  deploy(path.join(root, 'test/fixtures/bpmn'), '--name', 'title-review-test-fixtures');
}
