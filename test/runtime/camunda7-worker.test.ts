// Edge cases at the HTTP boundary of the Camunda 7 adapter, with the engine played by nock.
// (Flows run against the real engine in the *.int.test.ts files.)
import { jest } from '@jest/globals';
import nock from 'nock';
import { z } from 'zod';
import { createLogger } from '../../workers/log.js';
import { createMetrics } from '../../workers/metrics.js';
import { Camunda7Worker, type Camunda7WorkerOptions } from '../../workers/adapters/camunda7/external-task-worker.js';
import { defineHandler } from '../../workers/runtime/handler.js';
import { complete } from '../../workers/runtime/outcome.js';
import { HandlerRegistry } from '../../workers/runtime/registry.js';

const BASE = 'http://engine.test/engine-rest';

const options = (over: Partial<Camunda7WorkerOptions> = {}): Camunda7WorkerOptions => ({
  baseUrl: BASE,
  workerId: 'w1',
  concurrency: 2,
  lockMs: 1000,
  longPollMs: 0,
  retry: { retries: 3, baseMs: 100, maxMs: 1000 },
  backoff: { baseMs: 40, maxMs: 1000 },
  drainMs: 300,
  ...over,
});

const task = (id: string, variables: Record<string, unknown> = { n: { type: 'Integer', value: 1 } }) => ({
  id,
  topicName: 'step',
  workerId: 'w1',
  processInstanceId: 'p1',
  processDefinitionKey: 'k',
  activityId: 'a',
  businessKey: 'JL2024-ABCDEFGHJK',
  retries: null,
  lockExpirationTime: new Date().toISOString(),
  variables,
});

function captureLog() {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger('debug', { write: (s: string) => void lines.push(JSON.parse(s)) });
  return { log, lines };
}

const registryWith = (handle: (input: { n: number }, signal: AbortSignal) => Promise<ReturnType<typeof complete>>) =>
  new HandlerRegistry([
    defineHandler({
      topic: 'step',
      description: 'test step',
      input: z.object({ n: z.number() }),
      outputs: ['done'],
      handle: (input, ctx) => handle(input, ctx.signal),
    }),
  ]);

/** Keeps answering later polls with no work. */
const idlePolls = () => nock(BASE).persist().post('/external-task/fetchAndLock').delay(50).reply(200, []);

const until = async (cond: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 10));
  }
};

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  jest.restoreAllMocks();
});
afterAll(() => nock.enableNetConnect());

describe('Camunda7Worker', () => {
  it('fetches only the variables of the handler schema, with long polling and bounded capacity', async () => {
    let body: Record<string, unknown> | undefined;
    nock(BASE)
      .post('/external-task/fetchAndLock', (b) => ((body = b), true))
      .reply(200, []);
    idlePolls();
    const worker = new Camunda7Worker(registryWith(async () => complete()), options({ longPollMs: 5000 }), createLogger('silent'));
    worker.start();
    await until(() => body !== undefined);
    await worker.stop();
    expect(body).toMatchObject({
      workerId: 'w1',
      maxTasks: 2,
      asyncResponseTimeout: 5000,
      topics: [{ topicName: 'step', lockDuration: 1000, variables: ['n'] }],
    });
  });

  it('backs off exponentially while the engine is unreachable, then recovers', async () => {
    jest.spyOn(Math, 'random').mockReturnValue(1);
    const { log, lines } = captureLog();
    const metrics = createMetrics();
    nock(BASE).post('/external-task/fetchAndLock').times(3).replyWithError('connect ECONNREFUSED 127.0.0.1:8080');
    idlePolls();
    const worker = new Camunda7Worker(registryWith(async () => complete()), options(), log, metrics);
    worker.start();
    await until(() => lines.some((l) => l.msg === 'engine reachable again'));
    await worker.stop();
    const delays = lines.filter((l) => l.msg === 'fetching tasks failed; backing off').map((l) => l.retryInMs);
    expect(delays).toEqual([40, 80, 160]);
    expect((await metrics.pollErrors.get()).values[0]?.value).toBe(3);
  });

  it('completes a task with typed variables', async () => {
    let completed: Record<string, unknown> | undefined;
    nock(BASE).post('/external-task/fetchAndLock').reply(200, [task('t1')]);
    idlePolls();
    nock(BASE)
      .post('/external-task/t1/complete', (b) => ((completed = b), true))
      .reply(204);
    const worker = new Camunda7Worker(registryWith(async ({ n }) => complete({ done: n + 1, list: [1] })), options(), createLogger('silent'));
    worker.start();
    await until(() => completed !== undefined);
    await worker.stop();
    expect(completed).toEqual({
      workerId: 'w1',
      variables: { done: { value: 2, type: 'Integer' }, list: { value: '[1]', type: 'Json' } },
    });
  });

  it('extends the lock while a long handler runs', async () => {
    let extended = 0;
    let completed = false;
    nock(BASE).post('/external-task/fetchAndLock').reply(200, [task('t2')]);
    idlePolls();
    nock(BASE)
      .persist()
      .post('/external-task/t2/extendLock', (b) => b.newDuration === 1000 && b.workerId === 'w1')
      .reply(204, () => ((extended += 1), ''));
    nock(BASE)
      .post('/external-task/t2/complete')
      .reply(204, () => ((completed = true), ''));
    const worker = new Camunda7Worker(
      registryWith(async () => {
        await new Promise((r) => setTimeout(r, 1300));
        return complete();
      }),
      options(),
      createLogger('silent'),
    );
    worker.start();
    await until(() => completed);
    await worker.stop();
    expect(extended).toBeGreaterThanOrEqual(1);
  });

  it('raises an incident when the engine refuses the outcome, so the task is not left locked', async () => {
    let failure: Record<string, unknown> | undefined;
    nock(BASE).post('/external-task/fetchAndLock').reply(200, [task('t3')]);
    idlePolls();
    nock(BASE)
      .post('/external-task/t3/complete')
      .reply(500, { type: 'ProcessEngineException', message: 'Cannot serialize object' }, { 'content-type': 'application/json' });
    nock(BASE)
      .post('/external-task/t3/failure', (b) => ((failure = b), true))
      .reply(204);
    const worker = new Camunda7Worker(registryWith(async () => complete({ done: 1 })), options(), createLogger('silent'));
    worker.start();
    await until(() => failure !== undefined);
    await worker.stop();
    expect(failure).toMatchObject({ retries: 0, workerId: 'w1' });
    expect(String(failure?.errorMessage)).toMatch(/engine refused the outcome "complete".*Cannot serialize object/);
  });

  it('records what a completion reached only once the engine took the completion, and not when it refused it', async () => {
    const order: string[] = [];
    nock(BASE).post('/external-task/fetchAndLock').reply(200, [task('t5'), task('t6')]);
    idlePolls();
    nock(BASE)
      .post('/external-task/t5/complete')
      .reply(204, () => (order.push('t5 completed'), ''));
    nock(BASE)
      .post('/external-task/t6/complete')
      .reply(500, { type: 'ProcessEngineException', message: 'Cannot serialize object' }, { 'content-type': 'application/json' });
    nock(BASE)
      .post('/external-task/t6/failure')
      .reply(204, () => (order.push('t6 failed'), ''));
    let n = 4;
    const worker = new Camunda7Worker(
      registryWith(async () => {
        const id = `t${++n}`;
        return { ...complete({ done: 1 }), whenCompleted: async () => void order.push(`${id} reached`) };
      }),
      options(),
      createLogger('silent'),
    );
    worker.start();
    await until(() => order.includes('t5 reached') && order.includes('t6 failed'));
    await worker.stop();
    expect(order.indexOf('t5 completed')).toBeLessThan(order.indexOf('t5 reached'));
    expect(order).not.toContain('t6 reached');
  });

  it('reports invalid input as an incident that names the field', async () => {
    let failure: Record<string, unknown> | undefined;
    nock(BASE).post('/external-task/fetchAndLock').reply(200, [task('t4', { n: { type: 'String', value: 'x' } })]);
    idlePolls();
    nock(BASE)
      .post('/external-task/t4/failure', (b) => ((failure = b), true))
      .reply(204);
    const worker = new Camunda7Worker(registryWith(async () => complete()), options(), createLogger('silent'));
    worker.start();
    await until(() => failure !== undefined);
    await worker.stop();
    expect(failure).toMatchObject({ retries: 0, retryTimeout: 0 });
    expect(String(failure?.errorMessage)).toMatch(/invalid input for topic "step": n: /);
  });

  it('on stop lets a quick task finish and unlocks one that outlives the drain', async () => {
    const unlocked: string[] = [];
    const completedIds: string[] = [];
    nock(BASE).post('/external-task/fetchAndLock').reply(200, [task('quick'), task('stuck')]);
    idlePolls();
    nock(BASE)
      .persist()
      .post(/\/external-task\/(quick|stuck)\/unlock/)
      .reply(204, (uri) => (unlocked.push(uri.split('/').at(-2)!), ''));
    nock(BASE)
      .persist()
      .post(/\/external-task\/(quick|stuck)\/complete/)
      .reply(204, (uri) => (completedIds.push(uri.split('/').at(-2)!), ''));
    let stuckSignal: AbortSignal | undefined;
    let running = 0;
    const worker = new Camunda7Worker(
      registryWith(async (_input, signal) => {
        running += 1;
        if (running === 1) {
          await new Promise((r) => setTimeout(r, 100));
          return complete();
        }
        stuckSignal = signal;
        await new Promise(() => undefined);
        return complete();
      }),
      options({ drainMs: 400 }),
      createLogger('silent'),
    );
    worker.start();
    await until(() => running === 2);
    await worker.stop();
    expect(completedIds).toEqual(['quick']);
    expect(unlocked).toEqual(['stuck']);
    expect(stuckSignal?.aborted).toBe(true);
    expect(worker.activeTasks).toBe(1);
  });

  it('gives back the tasks of a long poll answered after stop, without running them', async () => {
    const unlocked: string[] = [];
    nock(BASE).post('/external-task/fetchAndLock').delay(300).reply(200, [task('late')]);
    nock(BASE)
      .post('/external-task/late/unlock')
      .reply(204, () => (unlocked.push('late'), ''));
    const handle = jest.fn(async () => complete());
    const worker = new Camunda7Worker(registryWith(handle), options(), createLogger('silent'));
    worker.start();
    await new Promise((r) => setTimeout(r, 50));
    await worker.stop();
    expect(unlocked).toEqual(['late']);
    expect(handle).not.toHaveBeenCalled();
  });
});
