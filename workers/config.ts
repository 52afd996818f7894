// The one place that reads process.env. Every key is parsed once, documented, and has a default
// that works on a developer machine (`make start`). Production differences are noted per key.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { unacknowledgedExamples } from './policy/examples.js';
import { loadPolicy } from './policy/load.js';

/** The repository root (bpmn/, forms/, policy/, templates/), from source or from dist/. */
export const ROOT = (() => {
  const parent = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  return path.basename(parent) === 'dist' ? path.dirname(parent) : parent;
})();

const int = (def: number, min = 0) => z.coerce.number().int().min(min).default(def);
const bool = (def: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default(def ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');
const list = z
  .string()
  .default('')
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

export const configSchema = z.object({
  /** development | test | production. Production refuses to start without API_TOKENS. */
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /**
   * The one production switch: `true` refuses to start with NODE_ENV unset or `development`, with
   * any local default secret (API_TOKENS, PAYMENT_SECRET, DOCUMENT_LINK_KEY), without an engine
   * account (ENGINE_USER), with demo users, with the demo policy unless POLICY_ID names it, or with
   * a policy holding example data not acknowledged in POLICY_EXAMPLES_ACKNOWLEDGED.
   * NODE_ENV=production alone applies the same secret checks.
   */
  TITLE_REVIEW_PRODUCTION: bool(false),
  /** pino level: trace, debug, info, warn, error, fatal, silent. */
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),

  /** The engine's REST API base (engine-rest of Operaton, Camunda 7.24 CE or CIB seven). */
  ENGINE_URL: z.url().default('http://localhost:8080/engine-rest'),
  /** Basic-auth user for the engine's REST API, when it requires authentication. */
  ENGINE_USER: z.string().optional(),
  /**
   * Further REST URLs of the same engine cluster (nodes sharing one database), comma-separated. The
   * API fails over to the next node when one stops answering; a worker polls every node.
   */
  ENGINE_URLS: list.pipe(z.array(z.url({ error: 'must be a list of URLs' }))),
  /** Basic-auth password for ENGINE_USER. */
  ENGINE_PASSWORD: z.string().optional(),
  /**
   * The engine's administrator: used only at start-up, to provision groups and grants
   * (PROVISION_IDENTITY), and to deploy when there is no deploy account. Unset: ENGINE_USER.
   */
  ENGINE_ADMIN_USER: z.string().optional(),
  /** Password of ENGINE_ADMIN_USER. */
  ENGINE_ADMIN_PASSWORD: z.string().optional(),
  /**
   * The deploy account (`title-review-deployer` locally), which the engine creates at start with
   * only the grants of a deployment: deploys at start-up (DEPLOY_ON_START), `npm run deploy` and the
   * test setup. Unset: ENGINE_ADMIN_USER. The service account ENGINE_USER may not deploy.
   */
  ENGINE_DEPLOY_USER: z.string().optional(),
  /** Password of ENGINE_DEPLOY_USER. */
  ENGINE_DEPLOY_PASSWORD: z.string().optional(),
  /**
   * Path of the engine's web apps (Tasklist, Cockpit, Admin) on the engine's host: `/operaton` for
   * Operaton, `/camunda` for Camunda 7. Unset, it is found by asking the engine (workers/adapters/camunda7/webapps.ts).
   */
  ENGINE_WEBAPP_PATH: z
    .string()
    .regex(/^\/[\w-]+$/, 'a path like /operaton')
    .optional(),

  /** This worker's id in external-task locks; defaults to host name and pid. */
  WORKER_ID: z.string().min(1).default(`${os.hostname()}-${process.pid}`),
  /** Tasks handled at once by this process (bounded concurrency). */
  WORKER_CONCURRENCY: int(8, 1),
  /** Lock duration of a fetched task; the runtime extends it while a handler is still running. */
  WORKER_LOCK_MS: int(30_000, 1_000),
  /**
   * The longest a handler may run (a handler's own `maxMs` wins): past it the task fails with a
   * retry, then an incident naming the limit, instead of its lock being extended for ever.
   */
  WORKER_HANDLER_MAX_MS: int(300_000, 1_000),
  /** Long polling: how long one fetch waits at the engine for work to appear. */
  WORKER_LONG_POLL_MS: int(20_000, 0),
  /** Attempts of a technical failure before it becomes an incident. */
  WORKER_RETRIES: int(3, 1),
  /** First retry delay of a failed task; doubles per attempt (with jitter) up to the max. */
  WORKER_RETRY_BASE_MS: int(2_000, 0),
  /** Longest retry delay of a failed task. */
  WORKER_RETRY_MAX_MS: int(300_000, 0),
  /** First pause after the engine could not be reached; doubles up to the max. */
  WORKER_BACKOFF_BASE_MS: int(500, 10),
  /** Longest pause between attempts to reach an unreachable engine. */
  WORKER_BACKOFF_MAX_MS: int(30_000, 10),
  /** On SIGTERM/SIGINT, how long in-flight tasks may run on before they are unlocked. */
  WORKER_DRAIN_MS: int(20_000, 0),
  /** Start the external-task workers in this process. */
  WORKERS_ENABLED: bool(true),

  /** Port of the HTTP API. */
  API_PORT: int(3000, 0),
  /** Interface the HTTP API listens on. */
  API_HOST: z.string().default('0.0.0.0'),
  /**
   * Bearer tokens of the API's clients, comma-separated `name:token` pairs (`portal-a:…,portal-b:…`);
   * a bare token is the client `portal`. A client sees and acts only on the applications it
   * submitted. `local-dev-token` (client `portal`) when unset outside production.
   */
  API_TOKENS: list,
  /**
   * Office-scoped tokens of /api/offices/{office}: `hr-220100:<token>,committee-jl-arts:<token>`.
   * A token reads its own office's lists only (403 for another office). `make start` writes one
   * for 长春市人社局 to var/credentials.env. Unset: the office API answers 401.
   */
  OFFICE_TOKENS: z
    .string()
    .default('')
    .transform((value, ctx) => {
      const entries = value.split(',').map((s) => s.trim()).filter(Boolean);
      return entries.flatMap((entry, i) => {
        const at = entry.indexOf(':');
        const office = at > 0 ? entry.slice(0, at) : '';
        const token = at > 0 ? entry.slice(at + 1) : '';
        // A unit's group carries its credit code in capitals (unit-91220106MA0Y5K8Q7H).
        if (!/^[a-z][a-zA-Z0-9-]*[a-zA-Z0-9]$/.test(office) || token.length < 16) {
          ctx.addIssue({ code: 'custom', message: `entry ${i + 1} must be <office group>:<token of 16 characters or more>` });
          return [];
        }
        return [{ office, token }];
      });
    }),
  /** Largest accepted JSON body. */
  API_BODY_LIMIT: z.string().default('256kb'),
  /**
   * Requests per minute per API client (its token, not its address: one portal serves every
   * applicant from one address) on the portal endpoints (/api/applications, /api/committees).
   * Sized for the province's last day of January: up to 100,000 applications a year, a third on the
   * last day, some 20 calls each over ten hours with a fivefold peak, is about 5,000 a minute; the
   * default leaves twelve times that (1,000 a second), so `npm run bench:api` on a default
   * `make start` (347 status reads a second on the embedded registry, 2 cores) is never limited.
   */
  API_RATE_LIMIT_PORTAL: int(60_000, 1),
  /**
   * Reverse proxies whose X-Forwarded-For is believed, comma-separated addresses or subnets
   * (express's trust proxy: `10.0.0.1,10.1.0.0/16`, `loopback`). Unset: none, the connection's
   * address counts, and a forged X-Forwarded-For changes nothing.
   */
  TRUSTED_PROXIES: list,
  /**
   * Failed reviewer sign-ins (401, and 403 for another office) per client address in 15 minutes on
   * the reviewers' document links (/api/review/documents), before they answer 429.
   */
  API_RATE_LIMIT_REVIEW_LOGIN: int(20, 1),
  /** Requests per minute per client address on the public endpoints (divisions, calendar, certificates), and on the portal's for requests without a valid token. */
  API_RATE_LIMIT_PUBLIC: int(120, 1),
  /** Public base URL of the API, printed in links and on certificates' QR codes. */
  PUBLIC_BASE_URL: z.url().default('http://localhost:3000'),

  /**
   * The application registry on PostgreSQL (`postgres://user:password@host:5432/db`), the
   * production store. Unset: PGlite, embedded, with its data in REGISTRY_DIR.
   */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, { error: 'must be a postgres:// URL' }).optional(),
  /** PGlite's data folder when DATABASE_URL is unset (`memory://` keeps it in memory). One process at a time. */
  REGISTRY_DIR: z.string().default(path.join(ROOT, 'var', 'registry')),
  /** PostgreSQL connections of one process. */
  DATABASE_POOL_SIZE: int(10, 1),
  /** How often accepted applications whose flow did not start are looked for (ms). */
  RESUME_STARTS_MS: int(15_000, 100),
  /**
   * How long an accepted application may wait for its flow before another look starts it (ms):
   * longer than a start takes at the engine, so that a start still under way is not repeated.
   */
  RESUME_AFTER_MS: int(60_000, 100),

  /**
   * Shared secret of the payment provider: payment confirmations must carry its HMAC signature
   * (Payment-Signature). `local-dev-payment-secret` when unset outside production.
   */
  PAYMENT_SECRET: z.string().default(''),

  /** Chromium or Chrome used for documents and browser tests (Debian's chromium by default). */
  CHROMIUM_PATH: z.string().default('/usr/bin/chromium'),
  /** Folder of the document store (PDFs named by their SHA-256). Shared by all worker instances. */
  DOCUMENT_STORE_DIR: z.string().default(path.join(ROOT, 'data', 'documents')),
  /**
   * Key signing the expiring document links (applicants' portals; Tasklist shows reviewers the
   * stable /api/review/documents links instead); `local-dev-document-key` when unset outside production.
   */
  DOCUMENT_LINK_KEY: z.string().default(''),
  /**
   * Key of the engine's review tickets (REVIEW_TICKET_KEY of the engine too): a reviewer signed in
   * to Tasklist opens an application's documents and materials with `?ticket=` instead of a password.
   * `local-dev-review-ticket-key` when unset outside production (the engine's local default too).
   */
  REVIEW_TICKET_KEY: z.string().default(''),
  /** How long a signed document link opens its document, in seconds (the expiry is signed). */
  DOCUMENT_LINK_TTL_S: int(86_400, 60),

  /**
   * Where applicants' electronic materials (电子材料) are stored: `fs` (MATERIALS_DIR, the embedded
   * default) or `s3` (any S3-compatible object store: S3_ENDPOINT, S3_BUCKET, ...).
   */
  MATERIALS_STORE: z.enum(['fs', 's3']).default('fs'),
  /** Folder of the filesystem material store. Shared by all API instances. */
  MATERIALS_DIR: z.string().default(path.join(ROOT, 'var', 'materials')),
  /** The largest file one upload may be, in bytes (20 MiB). */
  MATERIALS_MAX_BYTES: int(20 * 1024 * 1024, 1),
  /** How long an upload not attached to an application is kept, in ms (24 h); then its bytes go. */
  MATERIALS_UNATTACHED_TTL_MS: int(24 * 60 * 60 * 1000, 1000),
  /** How often the materials of withdrawn or refused applications past their policy's retention are looked for and deleted, in ms (1 h). */
  MATERIALS_RETENTION_SWEEP_MS: int(60 * 60 * 1000, 1000),
  /** The S3 API's endpoint (`http://127.0.0.1:9000` for MinIO); unset: the AWS endpoint of S3_REGION. */
  S3_ENDPOINT: z.string().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_BUCKET: z.string().default('title-review-materials'),
  S3_ACCESS_KEY_ID: z.string().default(''),
  S3_SECRET_ACCESS_KEY: z.string().default(''),
  /** Path-style addressing (`<endpoint>/<bucket>/<key>`), which MinIO, radosgw and S3Proxy expect. */
  S3_FORCE_PATH_STYLE: bool(true),

  /** The active policy for live submissions: a file id in POLICY_DIR (`2024`), or `demo`. */
  POLICY_ID: z.string().regex(/^[\w-]+$/).default('demo'),
  /** Folder of policy files. */
  POLICY_DIR: z.string().default(path.join(ROOT, 'policy')),
  /** The policy the demo policy copies, with its windows opened from the day the server starts. */
  DEMO_BASE_POLICY: z.string().regex(/^[\w-]+$/).default('2024'),
  /**
   * Example data of the active policy that production may run with, by name, comma-separated:
   * `fees` (an example fee schedule), `committees`, `committee-offices` (their objection contacts on
   * the 公示表), `competent-departments`, `proofs` (documents asked of a fee exemption), or the
   * provenance key of any other setting marked `example`. With TITLE_REVIEW_PRODUCTION=true every
   * example the policy holds (its provenance `source: example`, `example: true`) must be named here
   * or replaced; each one that is not stops start-up, named. Empty by default: `make start` runs the
   * demo outside production, where nothing is checked.
   */
  POLICY_EXAMPLES_ACKNOWLEDGED: list,

  /** Deploy bpmn/ and forms/ at start-up (unchanged resources are not redeployed). */
  DEPLOY_ON_START: bool(false),
  /**
   * Identity at start-up: `offices` creates a group per office of the active policy and the grants
   * every office needs; `demo` adds the demo users of the README (refused in production).
   */
  PROVISION_IDENTITY: z.enum(['none', 'offices', 'demo']).default('none'),
  /** Password of the demo users. */
  DEMO_USER_PASSWORD: z.string().min(1).default('demo'),
  /** Folder of BPMN diagrams to deploy. */
  BPMN_DIR: z.string().default(path.join(ROOT, 'bpmn')),
  /** Folder of Camunda Forms to deploy. */
  FORMS_DIR: z.string().default(path.join(ROOT, 'forms')),
});

export type Config = z.infer<typeof configSchema> & {
  /** API_TOKENS parsed: each client's name and token (the local default when none is set). */
  API_CLIENTS: ApiClient[];
};

/** A client of the API and one of its tokens. */
export interface ApiClient {
  name: string;
  token: string;
}

/** The client name of a bare token in API_TOKENS. */
export const DEFAULT_CLIENT = 'portal';
const CLIENT_NAME = /^[A-Za-z0-9][\w.-]{0,63}$/;

/** Parses API_TOKENS entries (`name:token` or a bare token); throws naming the entry's position and the rule. */
export function parseClients(entries: readonly string[]): ApiClient[] {
  return entries.map((entry, i) => {
    const colon = entry.indexOf(':');
    const [name, token] = colon < 0 ? [DEFAULT_CLIENT, entry] : [entry.slice(0, colon), entry.slice(colon + 1)];
    if (!CLIENT_NAME.test(name)) throw new Error(`API_TOKENS[${i}]: the client name must be letters, digits, '.', '_' or '-' (at most 64), before the ':'`);
    if (token.length < 8) throw new Error(`API_TOKENS[${i}]: the token of client "${name}" must be at least 8 characters`);
    return { name, token };
  });
}

/** CHROMIUM_PATH alone, for the tools that need no other key (the renderer's default, the bench). */
export function chromiumPath(env: Record<string, string | undefined> = process.env): string {
  return configSchema.shape.CHROMIUM_PATH.parse(env.CHROMIUM_PATH);
}

/** Basic auth of an engine account, or none. */
export interface EngineAccount {
  username: string;
  password: string;
}

/** The service account of the workers and the API (ENGINE_USER), or none. */
export function serviceAccount(config: Config): EngineAccount | undefined {
  return config.ENGINE_USER ? { username: config.ENGINE_USER, password: config.ENGINE_PASSWORD ?? '' } : undefined;
}

/** The account that deploys and provisions identity: ENGINE_ADMIN_USER, else the service account. */
export function adminAccount(config: Config): EngineAccount | undefined {
  return config.ENGINE_ADMIN_USER ? { username: config.ENGINE_ADMIN_USER, password: config.ENGINE_ADMIN_PASSWORD ?? '' } : serviceAccount(config);
}

/** The account that deploys: ENGINE_DEPLOY_USER, else the administrator (adminAccount). */
export function deployAccount(config: Config): EngineAccount | undefined {
  return config.ENGINE_DEPLOY_USER ? { username: config.ENGINE_DEPLOY_USER, password: config.ENGINE_DEPLOY_PASSWORD ?? '' } : adminAccount(config);
}

/** Parses an environment; throws an error naming every bad key. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  const config = { ...result.data, API_CLIENTS: [] as ApiClient[] };
  const problems = productionProblems(config, env);
  if (problems.length > 0) throw new Error(`invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  if (config.API_TOKENS.length === 0) config.API_TOKENS = [DEV_DEFAULTS.API_TOKENS];
  try {
    config.API_CLIENTS = parseClients(config.API_TOKENS);
  } catch (error) {
    throw new Error(`invalid configuration:\n  ${(error as Error).message}`);
  }
  if (config.PAYMENT_SECRET === '') config.PAYMENT_SECRET = DEV_DEFAULTS.PAYMENT_SECRET;
  if (config.DOCUMENT_LINK_KEY === '') config.DOCUMENT_LINK_KEY = DEV_DEFAULTS.DOCUMENT_LINK_KEY;
  if (config.REVIEW_TICKET_KEY === '') config.REVIEW_TICKET_KEY = DEV_DEFAULTS.REVIEW_TICKET_KEY;
  return config;
}

/** The local defaults of the secrets, never accepted in production. */
const DEV_DEFAULTS = { API_TOKENS: 'local-dev-token', PAYMENT_SECRET: 'local-dev-payment-secret', DOCUMENT_LINK_KEY: 'local-dev-document-key', REVIEW_TICKET_KEY: 'local-dev-review-ticket-key' } as const;

/** What production (TITLE_REVIEW_PRODUCTION=true, or NODE_ENV=production) refuses, one line per key and rule. */
function productionProblems(config: Config, env: Record<string, string | undefined>): string[] {
  const strict = config.TITLE_REVIEW_PRODUCTION;
  if (!strict && config.NODE_ENV !== 'production') return [];
  const why = strict ? 'TITLE_REVIEW_PRODUCTION=true' : 'NODE_ENV=production';
  const problems: string[] = [];
  if (strict && config.NODE_ENV !== 'production') problems.push(`NODE_ENV: must be production when TITLE_REVIEW_PRODUCTION=true (it is ${env.NODE_ENV === undefined ? 'unset' : config.NODE_ENV})`);
  if (config.API_TOKENS.length === 0) problems.push(`API_TOKENS: required when ${why}`);
  else if (config.API_TOKENS.some((t) => t === DEV_DEFAULTS.API_TOKENS || t.endsWith(`:${DEV_DEFAULTS.API_TOKENS}`))) problems.push(`API_TOKENS: the local development token is refused when ${why}`);
  for (const key of ['PAYMENT_SECRET', 'DOCUMENT_LINK_KEY', 'REVIEW_TICKET_KEY'] as const) {
    if (config[key] === '') problems.push(`${key}: required when ${why}`);
    else if (config[key] === DEV_DEFAULTS[key]) problems.push(`${key}: the local development value is refused when ${why}`);
  }
  if (config.PROVISION_IDENTITY === 'demo') problems.push(`PROVISION_IDENTITY: demo users are not created when ${why}`);
  if (strict) {
    if (!config.ENGINE_USER) problems.push('ENGINE_USER: the engine account of the workers and the API is required when TITLE_REVIEW_PRODUCTION=true (the engine asks for authentication)');
    if (env.POLICY_ID === undefined) problems.push('POLICY_ID: required when TITLE_REVIEW_PRODUCTION=true (the default is the demo policy; name a policy, or `demo` to run it on purpose)');
    if (config.ENGINE_ADMIN_USER && ['', 'demo'].includes(config.ENGINE_ADMIN_PASSWORD ?? '')) problems.push('ENGINE_ADMIN_PASSWORD: must be set, and not to demo, when TITLE_REVIEW_PRODUCTION=true');
    if (config.ENGINE_DEPLOY_USER && ['', 'demo'].includes(config.ENGINE_DEPLOY_PASSWORD ?? '')) problems.push('ENGINE_DEPLOY_PASSWORD: must be set, and not to demo, when TITLE_REVIEW_PRODUCTION=true');
    if (config.ENGINE_DEPLOY_USER && config.ENGINE_DEPLOY_USER === config.ENGINE_USER) problems.push('ENGINE_DEPLOY_USER: must be an account of its own, not the service account ENGINE_USER');
    problems.push(...policyExampleProblems(config));
  }
  return problems;
}

/**
 * The example data of the policy production would run (the demo policy runs its base policy's
 * data) that POLICY_EXAMPLES_ACKNOWLEDGED does not name: fee amounts, committees, departments the
 * notice does not give must not reach applicants unnoticed.
 */
function policyExampleProblems(config: Config): string[] {
  const id = config.POLICY_ID === 'demo' ? config.DEMO_BASE_POLICY : config.POLICY_ID;
  try {
    return unacknowledgedExamples(loadPolicy(id, config.POLICY_DIR), config.POLICY_EXAMPLES_ACKNOWLEDGED, 'POLICY_EXAMPLES_ACKNOWLEDGED');
  } catch (error) {
    return [`POLICY_ID: policy ${id} of ${config.POLICY_DIR} does not load, so its example data cannot be checked: ${(error as Error).message.split('\n').slice(0, 3).join('; ')}`];
  }
}
