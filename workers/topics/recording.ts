// What each worker step tells the registry. A topic's record step (in its own file, next to its
// handler) runs after the handler decided and before the task completes, with the handler's
// parsed input and typed outputs: the facts reach the registry through our own code, in the same
// step that makes them, and a retried task records nothing twice (each record is keyed by the
// task's id). A record step that fails fails the task, which is retried.
import { z } from 'zod';
import type { ApplicationChange, Registry, StepOpened } from '../registry/registry.js';
import type { AnyHandler, HandlerContext, InputOf, OutputOf } from '../runtime/handler.js';
import { PermanentError, type Outcome, type Variables } from '../runtime/outcome.js';

/** What a record step is given besides input and outputs. */
export interface RecordContext extends HandlerContext {
  applicationId: string;
  registry: Registry;
  /** The dedupe key of one record of this task (`<taskId>:<what>`). */
  key(what: string): string;
  /**
   * Opens a step the flow waits in for a message (a correction, a payment, a publicity) once the
   * engine took this task's completion, so that the registry never says the flow waits before it does.
   */
  openWhenReached(step: StepOpened, what: string, extra?: ApplicationChange, options?: { afterNextStep?: boolean }): Promise<void>;
}

/** A topic's record step: variables it reads besides the handler's input, and what it records. */
export interface RecordStep<H extends AnyHandler, R extends z.ZodRawShape = Record<never, never>> {
  reads?: R;
  record(input: InputOf<H> & z.output<z.ZodObject<R>>, output: OutputOf<H>, ctx: RecordContext): Promise<void>;
}

/** Declares the record step of handler type `H`; its extra reads are inferred. */
export const defineRecordStep =
  <H extends AnyHandler>() =>
  <R extends z.ZodRawShape = Record<never, never>>(step: RecordStep<H, R>): RecordStep<H, R> =>
    step;

/** The handler with its record step: the step's reads join the input, and it runs after a decision to complete. */
export function withRecordStep<H extends AnyHandler, R extends z.ZodRawShape>(handler: H, step: RecordStep<H, R>, registry: Registry): AnyHandler {
  const input = step.reads ? handler.input.extend(step.reads) : handler.input;
  return {
    ...handler,
    input,
    async handle(vars: Variables, ctx: HandlerContext): Promise<Outcome> {
      const outcome = await handler.handle(vars, ctx);
      if (outcome.kind !== 'complete') return outcome;
      if (!ctx.businessKey) throw new PermanentError('the instance has no business key (the application id): nothing can be recorded');
      const applicationId = ctx.businessKey;
      const key = (what: string) => `${ctx.taskId}:${what}`;
      // Left pending, keyed by this task: withReachedWaits opens it once the engine took the completion.
      const openWhenReached = (s: StepOpened, what: string, extra?: ApplicationChange, options?: { afterNextStep?: boolean }) =>
        registry.pendStep(applicationId, s, key(what), extra, options?.afterNextStep === true);
      await step.record(vars as InputOf<H> & z.output<z.ZodObject<R>>, outcome.variables as OutputOf<H>, { ...ctx, applicationId, registry, key, openWhenReached });
      return outcome;
    },
  };
}

/**
 * Any handler: once the engine took its completion, the waits its task left pending (keys
 * `<taskId>:…`) open, and so do those an earlier task of the application left for after the next
 * one (registry/pending-steps.ts).
 */
export function withReachedWaits(handler: AnyHandler, registry: Pick<Registry, 'stepsReachedBy'>): AnyHandler {
  return {
    ...handler,
    async handle(vars: Variables, ctx: HandlerContext): Promise<Outcome> {
      const outcome = await handler.handle(vars, ctx);
      if (outcome.kind !== 'complete') return outcome;
      return {
        ...outcome,
        whenCompleted: async () => {
          await outcome.whenCompleted?.();
          await registry.stepsReachedBy(ctx.taskId, ctx.businessKey);
        },
      };
    },
  };
}

/** A non-empty string, or null. */
export const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/** Who completed the user task before the step (`reviewedBy = ${currentUser()}`). */
export const reviewedBy = { reviewedBy: z.string().nullish() };

/** A publicity's working-day period (its first day and length), so that it can be counted again. */
export const periodOf = (start: string | null | undefined, days: number | null | undefined) => (typeof start === 'string' && typeof days === 'number' ? { start, days } : null);
