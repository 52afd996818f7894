// Shared by the integration tests: the engine URL and web apps, a REST client, and waiting helpers.
import { adminAccount, loadConfig } from '../../workers/config.js';
import { CamundaRest } from '../../workers/adapters/camunda7/rest-client.js';
import { findWebapps, type EngineWebapps } from '../../workers/adapters/camunda7/webapps.js';

const config = loadConfig();

export const ENGINE_URL = config.ENGINE_URL;

// Every node of a cluster (ENGINE_URLS): the client fails over like the product's. The tests act
// as the engine's administrator (reviewers' tasks, timers' jobs, history); the product under test
// runs as the service account (serviceEnv). global-setup.mjs put both in the environment.
export const rest = new CamundaRest([ENGINE_URL, ...config.ENGINE_URLS], adminAccount(config));

/** The engine accounts of the environment (global-setup.mjs loads them from the credentials file). */
export const engineCredentials = {
  ENGINE_USER: config.ENGINE_USER ?? '',
  ENGINE_PASSWORD: config.ENGINE_PASSWORD ?? '',
  ENGINE_ADMIN_USER: config.ENGINE_ADMIN_USER ?? '',
  ENGINE_ADMIN_PASSWORD: config.ENGINE_ADMIN_PASSWORD ?? '',
  ENGINE_DEPLOY_USER: config.ENGINE_DEPLOY_USER ?? '',
  ENGINE_DEPLOY_PASSWORD: config.ENGINE_DEPLOY_PASSWORD ?? '',
  // The key the engine signs review tickets with (the same file gives it to the engine).
  REVIEW_TICKET_KEY: config.REVIEW_TICKET_KEY,
};

/** The registry of the integration tests: the local PostgreSQL server (global-setup creates the database). */
export const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/title_review_test';

/** The environment of a product process in an integration test: engine, registry, quick polling. */
export function serviceEnv(over: Record<string, string> = {}): Record<string, string> {
  return { API_PORT: '0', API_HOST: '127.0.0.1', WORKER_LONG_POLL_MS: '1000', WORKER_DRAIN_MS: '2000', ENGINE_URL, DATABASE_URL, ...engineCredentials, ...over };
}

/** Tasklist, Cockpit and Admin of the engine under test (/operaton or /camunda). */
export function engineWebapps(): Promise<EngineWebapps> {
  return findWebapps(ENGINE_URL, config.ENGINE_WEBAPP_PATH);
}

/** Polls `probe` until it returns a non-null value, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 30_000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== null && value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

/** Whether the engine's REST API answers. */
/**
 * The instance that called `instanceId` (a call activity passes named variables only, so a
 * subprocess holds what its steps read; its caller holds the rest).
 */
export async function callerOf(instanceId: string): Promise<string> {
  const [caller] = await rest.request<Array<{ id: string }>>('GET', `/process-instance?subProcessInstance=${instanceId}`);
  if (!caller) throw new Error(`process instance ${instanceId} has no caller`);
  return caller.id;
}

export async function engineUp(): Promise<boolean> {
  try {
    await rest.version();
    return true;
  } catch {
    return false;
  }
}
