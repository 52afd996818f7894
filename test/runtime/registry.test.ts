import { z } from 'zod';
import { backoffDelay } from '../../workers/runtime/backoff.js';
import { defineHandler } from '../../workers/runtime/handler.js';
import { complete } from '../../workers/runtime/outcome.js';
import { HandlerRegistry } from '../../workers/runtime/registry.js';

const handler = (topic: string) =>
  defineHandler({ topic, description: '', input: z.object({ a: z.string(), b: z.number() }), outputs: [], handle: async () => complete() });

describe('HandlerRegistry', () => {
  it('refuses a duplicate topic at construction', () => {
    expect(() => new HandlerRegistry([handler('x'), handler('x')])).toThrow('duplicate handler for topic "x"');
  });

  it('lists topics and the variables each one reads', () => {
    const r = new HandlerRegistry([handler('b-topic'), handler('a-topic')]);
    expect(r.topics()).toEqual(['a-topic', 'b-topic']);
    expect(r.variablesOf('a-topic')).toEqual(['a', 'b']);
    expect(r.get('missing')).toBeUndefined();
  });
});

describe('backoffDelay', () => {
  it('doubles per attempt within [ceiling/2, ceiling] and stops at the cap', () => {
    expect(backoffDelay(0, 100, 10_000, () => 0)).toBe(50);
    expect(backoffDelay(0, 100, 10_000, () => 1)).toBe(100);
    expect(backoffDelay(3, 100, 10_000, () => 1)).toBe(800);
    expect(backoffDelay(20, 100, 10_000, () => 1)).toBe(10_000);
    expect(backoffDelay(1000, 100, 10_000, () => 0)).toBe(5_000);
  });
});
