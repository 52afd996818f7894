// The worker service: external-task workers and the HTTP API in one Node process.
// `node dist/workers/main.js` (make start runs it with DEPLOY_ON_START=true and the demo policy).
import { createMaterialStore, S3MaterialStore } from './materials/index.js';
import { MaterialService } from './materials/service.js';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ApplicationService } from './applications/service.js';
import { createApp } from './http/app.js';
import { officePageLink } from './http/office-page.js';
import { reviewDocumentLink } from './http/review-documents.js';
import { MeetingService } from './applications/meetings.js';
import { reviewMaterialLink } from './http/review-materials.js';
import { adminAccount, deployAccount, loadConfig, ROOT, serviceAccount, type Config } from './config.js';
import { CamundaRest, EngineUnavailableError } from './adapters/camunda7/rest-client.js';
import { deployResources } from './adapters/camunda7/deployment.js';
import { provisionIdentity } from './adapters/camunda7/identity.js';
import { createHandlers } from './topics/index.js';
import { Camunda7Engine } from './adapters/camunda7/workflow-engine.js';
import { openRegistryDatabase } from './registry/db.js';
import { Registry } from './registry/registry.js';
import { createLogger, type Logger } from './log.js';
import { createMetrics } from './metrics.js';
import { createPolicyProvider } from './policy/provider.js';
import { provisionalNote, provisionalPolicyYears } from './rules/index.js';
import { DocumentService } from './documents/service.js';
import { backoffDelay, sleep } from './runtime/backoff.js';
import { Camunda7Worker } from './adapters/camunda7/external-task-worker.js';
import { OfficeQueries } from './offices/queries.js';
import { PrintJobs } from './offices/print-jobs.js';
import { registerOfficeMetrics } from './offices/office-metrics.js';

/** A running product process. */
export interface Running {
  port: number;
  worker: Camunda7Worker | null;
  applications: ApplicationService;
  registry: Registry;
  log: Logger;
  stop(): Promise<void>;
}

/** Starts workers and API from a configuration; resolves once the API listens. */
export interface ServiceOptions {
  /**
   * The service's clock (the demo policy's day, submission windows, working-day periods, the
   * registry's times). Only a caller in code sets it, tests that run as if on another day; the
   * configuration has no such key, so a deployed service always runs on the real time.
   */
  clock?: () => Date;
}

export async function startService(config: Config, log: Logger = createLogger(config.LOG_LEVEL), options: ServiceOptions = {}): Promise<Running> {
  const clock = options.clock ?? (() => new Date());
  const auth = serviceAccount(config);
  const engineUrls = [config.ENGINE_URL, ...config.ENGINE_URLS];
  const rest = new CamundaRest(engineUrls, auth);
  // Deployment at start-up runs as the deploy account, identity as the administrator; the service
  // account that runs everything else may do neither.
  const admin = adminAccount(config);
  const adminRest = admin === auth ? rest : new CamundaRest(engineUrls, admin);
  const deployer = deployAccount(config);
  const deployRest = deployer === admin ? adminRest : deployer === auth ? rest : new CamundaRest(engineUrls, deployer);
  const metrics = createMetrics();
  const policies = createPolicyProvider({
    dir: config.POLICY_DIR,
    activeId: config.POLICY_ID,
    demoBaseId: config.DEMO_BASE_POLICY,
    today: clock(),
  });
  for (const { year, source } of policies.calendar.supplements.loaded) log.info({ year, source }, `holiday schedule of ${year} from ${config.POLICY_DIR}/calendar`);
  for (const { file, reason } of policies.calendar.supplements.ignored) log.warn({ file }, reason);
  const provisional = provisionalPolicyYears(policies.active(), policies.calendar);
  if (provisional.length > 0) {
    log.warn(
      { years: provisional, provisional: true },
      `${provisionalNote(provisional)}: working days in ${provisional.join(', ')} count on the statutory holidays and are marked provisional; once the State Council publishes a schedule, add it as ${config.POLICY_DIR}/calendar/<year>.json (or update chinese-days) and run npm run deadlines:recompute`,
    );
  }
  if (config.POLICY_ID === 'demo') {
    log.warn({ base: config.DEMO_BASE_POLICY }, `running the DEMO policy: the rules of policy ${config.DEMO_BASE_POLICY} with windows opened from today`);
  }
  if (config.DEPLOY_ON_START) await deployWhenReachable(deployRest, config, log);
  if (config.PROVISION_IDENTITY !== 'none') {
    await provisionIdentity(adminRest, policies.get(config.POLICY_ID), { demo: config.PROVISION_IDENTITY === 'demo', demoPassword: config.DEMO_USER_PASSWORD, log });
  }

  const database = await openRegistryDatabase({ url: config.DATABASE_URL, dir: config.REGISTRY_DIR, poolSize: config.DATABASE_POOL_SIZE });
  log.info({ store: database.store, ...(database.store === 'pglite' ? { dir: config.REGISTRY_DIR } : {}) }, `application registry on ${database.store}`);
  const registry = new Registry(database.db, clock, database.store);
  // Applications submitted before clients had names carry a hash of their token: name them.
  const clients = config.API_CLIENTS;
  const named = await registry.nameCallers(new Map(clients.map((c) => [createHash('sha256').update(c.token).digest('hex'), c.name])));
  if (named > 0) log.info({ named }, `${named} applications now name the API client that submitted them`);
  const engine = new Camunda7Engine(rest);
  const documents = new DocumentService({
    storeDir: config.DOCUMENT_STORE_DIR,
    chromiumPath: config.CHROMIUM_PATH,
    baseUrl: config.PUBLIC_BASE_URL,
    linkKey: config.DOCUMENT_LINK_KEY,
    linkTtlS: config.DOCUMENT_LINK_TTL_S,
    metrics,
  });
  const meetings = new MeetingService({ registry, engine, policies, clock, log });
  const handlers = createHandlers({
    policies,
    clock,
    renderDocument: (template, data, at, fileName) => documents.render(template, data, at, fileName),
    reviewLink: (applicationId, name) => reviewDocumentLink(config.PUBLIC_BASE_URL, applicationId, name),
    reviewMaterialLink: (applicationId, materialId) => reviewMaterialLink(config.PUBLIC_BASE_URL, applicationId, materialId),
    registry,
    officePageLink: (office) => officePageLink(config.PUBLIC_BASE_URL, office),
    offerMeetings: (committeeId) => meetings.offer(committeeId),
  });
  // One worker per node of the engine: all share one database, so a node that stops answering
  // only stops its own worker's polling (with back-off) while the others go on.
  const workers: Camunda7Worker[] = [];
  for (const [i, baseUrl] of (config.WORKERS_ENABLED ? engineUrls : []).entries()) {
    const worker = new Camunda7Worker(
      handlers,
      {
        baseUrl,
        auth,
        workerId: engineUrls.length > 1 ? `${config.WORKER_ID}-n${i + 1}` : config.WORKER_ID,
        concurrency: config.WORKER_CONCURRENCY,
        lockMs: config.WORKER_LOCK_MS,
        handlerMaxMs: config.WORKER_HANDLER_MAX_MS,
        longPollMs: config.WORKER_LONG_POLL_MS,
        retry: { retries: config.WORKER_RETRIES, baseMs: config.WORKER_RETRY_BASE_MS, maxMs: config.WORKER_RETRY_MAX_MS },
        backoff: { baseMs: config.WORKER_BACKOFF_BASE_MS, maxMs: config.WORKER_BACKOFF_MAX_MS },
        drainMs: config.WORKER_DRAIN_MS,
      },
      log,
      metrics,
    );
    worker.start();
    workers.push(worker);
  }
  const worker = workers[0] ?? null;

  const applications = new ApplicationService({ registry, engine, policies, clock, log, documentLink: (ref) => reviewDocumentLink(config.PUBLIC_BASE_URL, ref.applicationId, ref.name) });
  // Applications accepted while the engine was down, or by a process that died before starting them.
  // Corrections claimed by a process that died (or met an engine that did not answer) before recording them.
  // Waits a worker left pending when it died between completing its task and recording what it reached.
  const recordReached = async () => {
    for (const key of await registry.stepsPendingSince(new Date(clock().getTime() - config.RESUME_AFTER_MS))) await registry.stepReached(key);
  };
  // Uploads no application took within MATERIALS_UNATTACHED_TTL_MS: forgotten, their bytes deleted.
  const materialStore = createMaterialStore(config);
  // An S3 bucket is made on the first start when the credentials may (an operator may have made it).
  if (materialStore instanceof S3MaterialStore) await materialStore.ensureBucket().catch((error: unknown) => log.warn({ err: error, bucket: config.S3_BUCKET }, 'could not check or create the materials bucket; uploads fail until it exists'));
  const materials = new MaterialService({ registry, store: materialStore, policies, clock, log, maxBytes: config.MATERIALS_MAX_BYTES, unattachedTtlMs: config.MATERIALS_UNATTACHED_TTL_MS });
  const expireMaterials = () => materials.expire();
  const resume = () =>
    Promise.all([
      recordReached().catch((error: unknown) => log.warn({ err: error }, 'could not record the waits left pending')),
      expireMaterials().catch((error: unknown) => log.warn({ err: error }, 'could not expire unattached materials')),
      applications.resumeStarts(config.RESUME_AFTER_MS).catch((error: unknown) => log.warn({ err: error }, 'could not resume accepted applications')),
      applications.resumeCorrections(config.RESUME_AFTER_MS).catch((error: unknown) => log.warn({ err: error }, 'could not settle claimed corrections')),
    ]);
  void resume();
  const resumer = setInterval(resume, config.RESUME_STARTS_MS);
  resumer.unref();
  // The materials of withdrawn or refused applications past their policy's retention: deleted, their bytes too.
  const deleteRetainedMaterials = () => void materials.deleteRetained().catch((error: unknown) => log.warn({ err: error }, 'could not delete the materials past their retention'));
  deleteRetainedMaterials();
  const retention = setInterval(deleteRetainedMaterials, config.MATERIALS_RETENTION_SWEEP_MS);
  retention.unref();
  const officeQueries = new OfficeQueries(database.db, clock, policies.calendar);
  registerOfficeMetrics(metrics.registry, officeQueries, log);
  const offices = {
    tokens: config.OFFICE_TOKENS,
    api: { queries: officeQueries, printJobs: new PrintJobs({ queries: officeQueries, documents, policies, clock, log }), policies, documents, clock, log, meetings },
  };
  const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const app = createApp({
    materials: { service: materials, maxBytes: config.MATERIALS_MAX_BYTES },
    applications,
    registry,
    rest,
    metrics,
    log,
    policies,
    clock,
    documents,
    version,
    clients: config.API_CLIENTS,
    paymentSecret: config.PAYMENT_SECRET,
    offices,
    bodyLimit: config.API_BODY_LIMIT,
    rateLimits: { portal: config.API_RATE_LIMIT_PORTAL, public: config.API_RATE_LIMIT_PUBLIC },
    trustedProxies: config.TRUSTED_PROXIES,
    review: { engineUrls, failedLoginLimit: config.API_RATE_LIMIT_REVIEW_LOGIN, reservedAccounts: [config.ENGINE_USER, config.ENGINE_DEPLOY_USER, config.ENGINE_ADMIN_USER].filter((u): u is string => Boolean(u)),
      ticketRefusedAccounts: [config.ENGINE_USER, config.ENGINE_DEPLOY_USER].filter((u): u is string => Boolean(u)),
      ticketKey: config.REVIEW_TICKET_KEY,
    },
  });
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(config.API_PORT, config.API_HOST, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.API_PORT;
  log.info({ port, policy: config.POLICY_ID }, `API listening on http://localhost:${port}`);

  let stopping: Promise<void> | null = null;
  return {
    port,
    worker,
    log,
    applications,
    registry,
    stop() {
      stopping ??= (async () => {
        await Promise.all([
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeIdleConnections();
          }),
          ...workers.map((w) => w.stop()),
        ]);
        clearInterval(resumer);
        clearInterval(retention);
        // After the workers: a draining task may still be printing or recording.
        await documents.close();
        await database.close();
      })();
      return stopping;
    },
  };
}

async function deployWhenReachable(rest: CamundaRest, config: Config, log: Logger): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await deployResources(rest, [config.BPMN_DIR, config.FORMS_DIR], log);
      return;
    } catch (error) {
      if (!(error instanceof EngineUnavailableError) || attempt >= 20) throw error;
      const delay = backoffDelay(attempt, 1000, 10_000);
      log.warn({ err: error, retryInMs: delay }, 'engine not reachable for deployment yet');
      await sleep(delay);
    }
  }
}

async function main(): Promise<void> {
  // The registry (PGlite), the document store and anything else the service writes hold
  // applicants' data: created readable by the service's own user only.
  process.umask(0o077);
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(2);
  }
  const log = createLogger(config.LOG_LEVEL);
  let running: Running;
  try {
    running = await startService(config, log);
  } catch (error) {
    log.fatal({ err: error }, 'start-up failed');
    process.exit(1);
  }
  const shutdown = (signal: string) => {
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), config.WORKER_DRAIN_MS + 10_000);
    force.unref();
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  void main();
}
