// Runs one task through its handler and decides what the engine must be told. Engine-neutral:
// an engine's external-task worker (adapters/camunda7) only carries out the resolution, so error
// mapping does not depend on the engine.
import { z } from 'zod';
import { redactText } from '../domain/identifiers.js';
import type { AnyHandler, HandlerContext } from './handler.js';
import { BusinessError, type Variables } from './outcome.js';
import { backoffDelay } from './backoff.js';

/** What the adapter must do with a task. */
export type Resolution =
  | { kind: 'complete'; variables: Variables; whenCompleted?: () => Promise<void> }
  | { kind: 'bpmn-error'; code: string; message: string; variables: Variables }
  /** A failure that retrying cannot fix (invalid input): an incident at once. */
  | { kind: 'incident'; message: string; details: string }
  /** A technical failure: retry after `retryTimeout`, with `retries` attempts left. */
  | { kind: 'retry'; message: string; details: string; retries: number; retryTimeout: number };

export interface RetryPolicy {
  retries: number;
  baseMs: number;
  maxMs: number;
}

/** Names the field and the rule of every problem, never the value (it may be personal data). */
export function describeInputError(topic: string, error: z.ZodError): string {
  const problems = error.issues.map((i) => `${i.path.map(String).join('.') || '(input)'}: ${i.message}`);
  return `invalid input for topic "${topic}": ${problems.join('; ')}`;
}

/**
 * Parses the variables with the handler's schema, runs it, and maps whatever happens.
 * `retriesLeft` is the engine's remaining retries (null before the first failure).
 */
export async function executeTask(
  handler: AnyHandler,
  variables: Variables,
  ctx: HandlerContext,
  retriesLeft: number | null,
  policy: RetryPolicy,
  /** The longest a handler may run (its own maxMs, else the runtime's default); unset: no limit. */
  maxMs?: number,
): Promise<Resolution> {
  const parsed = handler.input.safeParse(variables);
  if (!parsed.success) {
    const message = describeInputError(handler.topic, parsed.error);
    return { kind: 'incident', message: truncate(message, 600), details: message };
  }
  const limit = handler.maxMs ?? maxMs;
  const overrun = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  try {
    const handling = handler.handle(parsed.data, limit === undefined ? ctx : { ...ctx, signal: AbortSignal.any([ctx.signal, overrun.signal]) });
    const outcome =
      limit === undefined
        ? await handling
        : await Promise.race([
            handling,
            new Promise<never>((_, reject) => {
              timer = setTimeout(() => {
                // The handler is told to stop; the task is failed now instead of its lock being extended on.
                const error = new HandlerOverrunError(handler.topic, limit);
                overrun.abort(error);
                reject(error);
              }, limit);
            }),
          ]);
    if (outcome.kind === 'complete') return { kind: 'complete', variables: outcome.variables, ...(outcome.whenCompleted ? { whenCompleted: outcome.whenCompleted } : {}) };
    return { kind: 'bpmn-error', code: outcome.code, message: outcome.message, variables: outcome.variables };
  } catch (error) {
    if (error instanceof BusinessError) {
      return { kind: 'bpmn-error', code: error.code, message: error.message, variables: error.variables };
    }
    const remaining = retriesLeft ?? policy.retries;
    const retries = Math.max(0, remaining - 1);
    const attempt = policy.retries - remaining;
    const err = error instanceof Error ? error : new Error(String(error));
    const message = truncate(redactText(`${handler.topic}: ${err.message}`), 600);
    const details = redactText(err.stack ?? err.message);
    // Retrying cannot help a permanent failure (PermanentError, DocumentError): an incident now.
    if (retries === 0 || (error as { permanent?: unknown }).permanent === true) return { kind: 'incident', message, details };
    return { kind: 'retry', message, details, retries, retryTimeout: backoffDelay(attempt, policy.baseMs, policy.maxMs) };
  } finally {
    clearTimeout(timer);
  }
}

/** A handler ran past its limit (its maxMs, or WORKER_HANDLER_MAX_MS): retried, then an incident. */
export class HandlerOverrunError extends Error {
  constructor(topic: string, limitMs: number) {
    super(`the handler of "${topic}" ran past its limit of ${limitMs} ms (maxMs of the handler, default WORKER_HANDLER_MAX_MS) and was stopped`);
    this.name = 'HandlerOverrunError';
  }
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
