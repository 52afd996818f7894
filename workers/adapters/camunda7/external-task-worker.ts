// The Camunda 7 adapter: fetches external tasks through camunda-external-task-client-js and
// covers what that client leaves open: long polling with bounded concurrency, exponential
// back-off while the engine is unreachable, lock extension for long handlers, every handler
// error mapped to an engine call, and a graceful drain on shutdown.
import { BasicAuthInterceptor, Client, type EngineService, type Interceptor, type LockedExternalTask } from 'camunda-external-task-client-js';
import type { Logger } from '../../log.js';
import type { Metrics } from '../../metrics.js';
import { fromTypedVariables, toTypedVariables } from './variables.js';
import { backoffDelay, sleep } from '../../runtime/backoff.js';
import { executeTask, type Resolution, type RetryPolicy } from '../../runtime/execute.js';
import type { HandlerRegistry } from '../../runtime/registry.js';

export interface Camunda7WorkerOptions {
  baseUrl: string;
  auth?: { username: string; password: string };
  workerId: string;
  /** Most tasks handled at once. */
  concurrency: number;
  lockMs: number;
  /** The longest a handler may run unless it sets its own maxMs; past it the task fails with a retry. */
  handlerMaxMs?: number;
  /** asyncResponseTimeout of fetchAndLock. */
  longPollMs: number;
  retry: RetryPolicy;
  backoff: { baseMs: number; maxMs: number };
  /** How long stop() lets in-flight tasks finish before unlocking them. */
  drainMs: number;
  /** Only fetch these topics (default: every topic of the registry). */
  topics?: string[];
}

interface InFlight {
  task: LockedExternalTask;
  abort: AbortController;
  done: Promise<void>;
  /** The timer that keeps extending the lock. */
  extender?: NodeJS.Timeout;
  /** Set by the drain: the task was unlocked, its result must not be reported. */
  abandoned: boolean;
}

/** Attempts at reporting an outcome while the engine is unreachable. */
const REPORT_ATTEMPTS = 5;

/** Runs the handlers of a registry against a Camunda 7 engine. */
export class Camunda7Worker {
  private readonly client: Client;
  private readonly engine: EngineService;
  private readonly inFlight = new Map<string, InFlight>();
  private readonly stopping = new AbortController();
  private loop: Promise<void> | null = null;
  private slotWaiter: (() => void) | null = null;

  constructor(
    private readonly registry: HandlerRegistry,
    private readonly options: Camunda7WorkerOptions,
    private readonly log: Logger,
    private readonly metrics?: Metrics,
  ) {
    const interceptors: Interceptor[] = [this.requestOptions];
    if (options.auth) interceptors.push(new BasicAuthInterceptor(options.auth));
    this.client = new Client({
      baseUrl: options.baseUrl,
      workerId: options.workerId,
      autoPoll: false,
      interceptors,
    });
    this.engine = this.client.engineService;
  }

  /** Starts polling. */
  start(): void {
    if (this.loop) return;
    this.log.info({ topics: this.topics(), concurrency: this.options.concurrency, workerId: this.options.workerId }, 'worker started');
    this.loop = this.pollLoop();
  }

  /** Number of tasks being handled now. */
  get activeTasks(): number {
    return this.inFlight.size;
  }

  /**
   * Stops fetching, lets in-flight handlers finish for up to drainMs, then unlocks the rest so
   * another worker takes them at once instead of waiting for their locks to expire.
   */
  async stop(): Promise<void> {
    if (this.stopping.signal.aborted) return this.loop ?? undefined;
    // The long poll is not aborted: the engine may already have locked tasks for it, and only an
    // answered poll tells which ones to give back (an aborted one would leave them locked).
    this.stopping.abort();
    this.slotWaiter?.();
    await this.loop;
    const pending = [...this.inFlight.values()];
    if (pending.length > 0) {
      this.log.info({ tasks: pending.length, drainMs: this.options.drainMs }, 'draining in-flight tasks');
      const drained = new AbortController();
      await Promise.race([Promise.allSettled(pending.map((p) => p.done)), sleep(this.options.drainMs, drained.signal)]);
      drained.abort();
    }
    const left = [...this.inFlight.values()];
    await Promise.all(
      left.map(async (entry) => {
        entry.abandoned = true;
        clearInterval(entry.extender);
        entry.abort.abort();
        this.metrics?.tasks.inc({ topic: entry.task.topicName, outcome: 'abandoned' });
        try {
          await this.engine.unlock(entry.task);
          this.log.warn({ taskId: entry.task.id, topic: entry.task.topicName }, 'task unlocked at shutdown');
        } catch (error) {
          this.log.error({ err: error, taskId: entry.task.id }, 'could not unlock task at shutdown; its lock will expire');
        }
      }),
    );
    this.log.info('worker stopped');
  }

  private topics(): string[] {
    return this.options.topics ?? this.registry.topics();
  }

  /** got options per request: a timeout, past the engine's wait for the long poll. */
  private readonly requestOptions: Interceptor = (config) => {
    const isFetch = config.json !== undefined && 'topics' in config.json;
    return { ...config, timeout: { request: isFetch ? this.options.longPollMs + 15_000 : 30_000 } };
  };

  private async pollLoop(): Promise<void> {
    let failures = 0;
    const topics = this.topics().map((topicName) => ({
      topicName,
      lockDuration: this.registry.get(topicName)?.lockMs ?? this.options.lockMs,
      variables: this.registry.variablesOf(topicName),
    }));
    while (!this.stopping.signal.aborted) {
      const capacity = this.options.concurrency - this.inFlight.size;
      if (capacity <= 0) {
        await new Promise<void>((resolve) => (this.slotWaiter = resolve));
        this.slotWaiter = null;
        continue;
      }
      let tasks: LockedExternalTask[];
      try {
        tasks = await this.engine.fetchAndLock({
          maxTasks: capacity,
          usePriority: true,
          asyncResponseTimeout: this.options.longPollMs,
          topics,
        });
        if (failures > 0) this.log.info({ failures }, 'engine reachable again');
        failures = 0;
      } catch (error) {
        if (this.stopping.signal.aborted) break;
        this.metrics?.pollErrors.inc();
        const delay = backoffDelay(failures, this.options.backoff.baseMs, this.options.backoff.maxMs);
        failures += 1;
        this.log.warn({ err: error, retryInMs: delay, failures }, 'fetching tasks failed; backing off');
        await sleep(delay, this.stopping.signal);
        continue;
      }
      if (this.stopping.signal.aborted) {
        await Promise.all(tasks.map((task) => this.engine.unlock(task).catch((error: unknown) => this.log.warn({ err: error, taskId: task.id }, 'could not unlock a task fetched during shutdown'))));
        break;
      }
      for (const task of tasks) this.run(task);
    }
  }

  private run(task: LockedExternalTask): void {
    const handler = this.registry.get(task.topicName);
    const abort = new AbortController();
    const entry: InFlight = { task, abort, abandoned: false, done: Promise.resolve() };
    this.inFlight.set(task.id, entry);
    this.metrics?.inFlight.set(this.inFlight.size);
    const log = this.log.child({ taskId: task.id, topic: task.topicName, businessKey: task.businessKey });
    const lockMs = handler?.lockMs ?? this.options.lockMs;
    // Extend at half the lock so that a slow engine round trip cannot let it lapse.
    const extender = (entry.extender = setInterval(() => {
      this.engine.extendLock(task, lockMs).catch((error: unknown) => log.warn({ err: error }, 'lock extension failed'));
    }, Math.max(500, Math.floor(lockMs / 2))));
    entry.done = (async () => {
      const started = performance.now();
      let resolution: Resolution;
      try {
        if (!handler) {
          resolution = { kind: 'incident', message: `no handler for topic "${task.topicName}"`, details: '' };
        } else {
          const retries = this.options.retry.retries;
          resolution = await executeTask(
            handler,
            fromTypedVariables(task.variables),
            {
              taskId: task.id,
              businessKey: task.businessKey,
              processInstanceId: task.processInstanceId,
              activityId: task.activityId,
              attempt: task.retries === null ? 1 : retries - task.retries + 1,
              log,
              signal: abort.signal,
            },
            task.retries,
            this.options.retry,
            this.options.handlerMaxMs,
          );
        }
      } finally {
        clearInterval(extender);
      }
      this.metrics?.handlerSeconds.observe({ topic: task.topicName }, (performance.now() - started) / 1000);
      if (entry.abandoned) return;
      await this.report(task, resolution, log);
      this.metrics?.tasks.inc({ topic: task.topicName, outcome: resolution.kind });
    })()
      .catch((error: unknown) => log.error({ err: error }, 'task handling failed unexpectedly'))
      .finally(() => {
        this.inFlight.delete(task.id);
        this.metrics?.inFlight.set(this.inFlight.size);
        this.slotWaiter?.();
      });
  }

  /** Tells the engine the resolution; an outcome the engine refuses becomes an incident. */
  private async report(task: LockedExternalTask, resolution: Resolution, log: Logger): Promise<void> {
    const send = (): Promise<unknown> => {
      switch (resolution.kind) {
        case 'complete':
          return this.engine.complete({ id: task.id, variables: toTypedVariables(resolution.variables) });
        case 'bpmn-error':
          return this.engine.handleBpmnError(task, resolution.code, resolution.message, toTypedVariables(resolution.variables));
        case 'incident':
          return this.engine.handleFailure(task, {
            errorMessage: resolution.message,
            errorDetails: resolution.details,
            retries: 0,
            retryTimeout: 0,
          });
        case 'retry':
          return this.engine.handleFailure(task, {
            errorMessage: resolution.message,
            errorDetails: resolution.details,
            retries: resolution.retries,
            retryTimeout: resolution.retryTimeout,
          });
      }
    };
    for (let attempt = 0; ; attempt++) {
      try {
        await send();
        if (resolution.kind === 'complete' && resolution.whenCompleted) {
          // The flow stands where the task led it: what waits for that is recorded now. A failure
          // here leaves it pending in the registry, recorded later (Registry.stepsPendingSince).
          await resolution.whenCompleted().catch((error: unknown) => log.warn({ err: error }, 'could not record what the completion reached; it stays pending'));
        }
        const level = resolution.kind === 'complete' || resolution.kind === 'bpmn-error' ? 'info' : 'warn';
        log[level]({ outcome: resolution.kind, ...('code' in resolution ? { code: resolution.code } : {}), ...('message' in resolution && resolution.kind !== 'bpmn-error' ? { reason: resolution.message } : {}) }, 'task reported');
        return;
      } catch (error) {
        const status = (error as { httpStatusCode?: number }).httpStatusCode;
        if (status === 404) {
          log.warn({ err: error }, 'task no longer exists (completed elsewhere or its instance ended)');
          return;
        }
        if (status !== undefined && resolution.kind !== 'incident') {
          // The engine refused the outcome (e.g. a variable it cannot store, or the lock went to
          // another worker): turn it into an incident so that nobody waits for a lock to expire.
          log.error({ err: error }, 'engine refused the outcome; raising an incident');
          resolution = {
            kind: 'incident',
            message: `the engine refused the outcome "${resolution.kind}": ${(error as Error).message}`.slice(0, 600),
            details: (error as Error).stack ?? '',
          };
          continue;
        }
        if (status !== undefined || attempt + 1 >= REPORT_ATTEMPTS || this.stopping.signal.aborted) {
          log.error({ err: error }, 'could not report the outcome; the task will be fetched again when its lock expires');
          return;
        }
        await sleep(backoffDelay(attempt, this.options.backoff.baseMs, this.options.backoff.maxMs));
      }
    }
  }
}
