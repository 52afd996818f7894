import { jest } from '@jest/globals';
import { z } from 'zod';
import { executeTask, type RetryPolicy } from '../../workers/runtime/execute.js';
import { defineHandler } from '../../workers/runtime/handler.js';
import { BusinessError, bpmnError, complete } from '../../workers/runtime/outcome.js';
import { createHandlerContext } from '../support/handler-context.js';

const policy: RetryPolicy = { retries: 3, baseMs: 1000, maxMs: 60_000 };
const ctx = createHandlerContext();

const handlerThat = (handle: (input: { count: number }) => Promise<ReturnType<typeof complete>>) =>
  defineHandler({
    topic: 'test-topic',
    description: 'test',
    input: z.object({ count: z.number().int().min(1) }),
    outputs: ['doubled'],
    handle,
  });

describe('executeTask', () => {
  it('completes with the variables the handler returns', async () => {
    const h = handlerThat(async ({ count }) => complete({ doubled: count * 2 }));
    await expect(executeTask(h, { count: 2 }, ctx, null, policy)).resolves.toEqual({ kind: 'complete', variables: { doubled: 4 } });
  });

  it('turns invalid input into an incident naming the field and the rule, without retries', async () => {
    const handle = jest.fn(async () => complete());
    const h = handlerThat(handle);
    const r = await executeTask(h, { count: 0 }, ctx, null, policy);
    expect(r.kind).toBe('incident');
    expect(r.kind === 'incident' && r.message).toMatch(/invalid input for topic "test-topic": count: .*>=1/);
    expect(handle).not.toHaveBeenCalled();
  });

  it('names a missing variable as the field', async () => {
    const r = await executeTask(handlerThat(async () => complete()), {}, ctx, null, policy);
    expect(r.kind === 'incident' && r.message).toMatch(/count: /);
  });

  it('maps a returned BPMN error outcome', async () => {
    const h = handlerThat(async () => bpmnError('NOT_ELIGIBLE', 'no', { why: 'x' }));
    await expect(executeTask(h, { count: 1 }, ctx, null, policy)).resolves.toEqual({
      kind: 'bpmn-error',
      code: 'NOT_ELIGIBLE',
      message: 'no',
      variables: { why: 'x' },
    });
  });

  it('maps a thrown BusinessError to a BPMN error', async () => {
    const h = handlerThat(async () => {
      throw new BusinessError('UNIT_REVIEW_INVALID', 'panel too small', { n: 2 });
    });
    await expect(executeTask(h, { count: 1 }, ctx, null, policy)).resolves.toEqual({
      kind: 'bpmn-error',
      code: 'UNIT_REVIEW_INVALID',
      message: 'panel too small',
      variables: { n: 2 },
    });
  });

  it('retries a technical failure with growing back-off, then raises an incident', async () => {
    const h = handlerThat(async () => {
      throw new Error('database down');
    });
    const first = await executeTask(h, { count: 1 }, ctx, null, policy);
    expect(first).toMatchObject({ kind: 'retry', retries: 2, message: 'test-topic: database down' });
    const second = await executeTask(h, { count: 1 }, ctx, 2, policy);
    expect(second).toMatchObject({ kind: 'retry', retries: 1 });
    if (first.kind !== 'retry' || second.kind !== 'retry') throw new Error('unreachable');
    expect(first.retryTimeout).toBeGreaterThanOrEqual(500);
    expect(first.retryTimeout).toBeLessThanOrEqual(1000);
    expect(second.retryTimeout).toBeGreaterThanOrEqual(1000);
    expect(second.retryTimeout).toBeLessThanOrEqual(2000);
    const last = await executeTask(h, { count: 1 }, ctx, 1, policy);
    expect(last).toMatchObject({ kind: 'incident', message: 'test-topic: database down' });
  });

  it('never lets an ID number through in a failure message', async () => {
    const h = handlerThat(async () => {
      throw new Error('lookup of 220102198001011234 failed');
    });
    const r = await executeTask(h, { count: 1 }, ctx, null, policy);
    expect(JSON.stringify(r)).not.toContain('220102198001011234');
    expect(r.kind === 'retry' && r.message).toContain('220102********1234');
  });

  it('catches a non-Error throw', async () => {
    const h = handlerThat(async () => {
      throw 'plain string';
    });
    await expect(executeTask(h, { count: 1 }, ctx, 1, policy)).resolves.toMatchObject({ kind: 'incident', message: 'test-topic: plain string' });
  });

  describe('a handler that runs past its limit', () => {
    const hanging = (maxMs?: number) => {
      let seen: AbortSignal | undefined;
      const h = defineHandler({
        topic: 'slow-topic',
        description: 'test',
        input: z.object({}),
        outputs: [],
        ...(maxMs === undefined ? {} : { maxMs }),
        handle: (_input, c) => {
          seen = c.signal;
          return new Promise(() => undefined);
        },
      });
      return { h, signal: () => seen };
    };

    it('fails with a retry naming the limit, and tells the handler to stop', async () => {
      const { h, signal } = hanging(50);
      const r = await executeTask(h, {}, ctx, null, policy);
      expect(r).toMatchObject({ kind: 'retry', retries: 2, message: expect.stringContaining('slow-topic: the handler of "slow-topic" ran past its limit of 50 ms (maxMs of the handler, default WORKER_HANDLER_MAX_MS)') });
      expect(signal()?.aborted).toBe(true);
    });

    it('becomes an incident on its last attempt', async () => {
      const { h } = hanging(50);
      await expect(executeTask(h, {}, ctx, 1, policy)).resolves.toMatchObject({ kind: 'incident', message: expect.stringContaining('ran past its limit of 50 ms') });
    });

    it('takes the runtime default when the handler sets no maxMs', async () => {
      const { h } = hanging();
      await expect(executeTask(h, {}, ctx, null, policy, 40)).resolves.toMatchObject({ kind: 'retry', message: expect.stringContaining('limit of 40 ms') });
    });
  });
});
