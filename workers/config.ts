// The one place that reads process.env. Every key is parsed once, documented, and has a default
// that works on a developer machine (`make start`). Production differences are noted per key.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

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
   * The engine's administrator (or a deploy account): used only at start-up, to deploy
   * (DEPLOY_ON_START) and to provision groups and grants (PROVISION_IDENTITY). Unset: ENGINE_USER.
   * The service account ENGINE_USER may not deploy.
   */
  ENGINE_ADMIN_USER: z.string().optional(),
  /** Password of ENGINE_ADMIN_USER. */
  ENGINE_ADMIN_PASSWORD: z.string().optional(),
  /**
   * Path of the engine's web apps (Tasklist, Cockpit, Admin) on the engine's host: `/operaton` for
   * Operaton, `/camunda` for Camunda 7. Unset, it is found by asking the engine (workers/engine/webapps.ts).
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
  /** Comma-separated bearer tokens of portals; `local-dev-token` when unset outside production. */
  API_TOKENS: list,
  /** Largest accepted JSON body. */
  API_BODY_LIMIT: z.string().default('256kb'),
  /** Requests per minute per client address on the portal endpoints (/api/applications). */
  API_RATE_LIMIT_PORTAL: int(600, 1),
  /** Requests per minute per client address on the public endpoints (divisions, calendar, certificates). */
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
  /** How often, and after how long, accepted applications whose flow did not start are started (ms). */
  RESUME_STARTS_MS: int(15_000, 100),

  /**
   * Shared secret of the payment provider: payment confirmations must carry its HMAC signature
   * (Payment-Signature). `local-dev-payment-secret` when unset outside production.
   */
  PAYMENT_SECRET: z.string().default(''),

  /** Chromium or Chrome used for documents and browser tests (Debian's chromium by default). */
  CHROMIUM_PATH: z.string().default('/usr/bin/chromium'),
  /** Folder of the document store (PDFs named by their SHA-256). Shared by all worker instances. */
  DOCUMENT_STORE_DIR: z.string().default(path.join(ROOT, 'data', 'documents')),
  /** Folder of the certificate number sequences. Shared by all worker instances. */
  SEQUENCE_DIR: z.string().default(path.join(ROOT, 'data', 'sequences')),
  /** Key signing the document links shown to reviewers; `local-dev-document-key` when unset outside production. */
  DOCUMENT_LINK_KEY: z.string().default(''),

  /** The active policy for live submissions: a file id in POLICY_DIR (`2024`), or `demo`. */
  POLICY_ID: z.string().regex(/^[\w-]+$/).default('demo'),
  /** Folder of policy files. */
  POLICY_DIR: z.string().default(path.join(ROOT, 'policy')),
  /** The policy the demo policy copies, with its windows opened from the day the server starts. */
  DEMO_BASE_POLICY: z.string().regex(/^[\w-]+$/).default('2024'),

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

export type Config = z.infer<typeof configSchema>;

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

/** Parses an environment; throws an error naming every bad key. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  const config = result.data;
  if (config.API_TOKENS.length === 0) {
    if (config.NODE_ENV === 'production') {
      throw new Error('invalid configuration:\n  API_TOKENS: required when NODE_ENV=production');
    }
    config.API_TOKENS = ['local-dev-token'];
  }
  if (config.PROVISION_IDENTITY === 'demo' && config.NODE_ENV === 'production') {
    throw new Error('invalid configuration:\n  PROVISION_IDENTITY: demo users are not created when NODE_ENV=production');
  }
  if (config.PAYMENT_SECRET === '') {
    if (config.NODE_ENV === 'production') {
      throw new Error('invalid configuration:\n  PAYMENT_SECRET: required when NODE_ENV=production');
    }
    config.PAYMENT_SECRET = 'local-dev-payment-secret';
  }
  if (config.DOCUMENT_LINK_KEY === '') {
    if (config.NODE_ENV === 'production') {
      throw new Error('invalid configuration:\n  DOCUMENT_LINK_KEY: required when NODE_ENV=production');
    }
    config.DOCUMENT_LINK_KEY = 'local-dev-document-key';
  }
  return config;
}
