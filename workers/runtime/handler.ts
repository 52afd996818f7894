// The contract of a topic handler: a zod input schema, and a function from parsed input to outcome.
import type { z } from 'zod';
import type { Logger } from '../log.js';
import type { Outcome, Variables } from './outcome.js';

/** What the runtime hands a running handler besides its input. */
export interface HandlerContext {
  /** The engine's id of the task (stable across retries of the same task). */
  taskId: string;
  /** The application id (business key of every instance of a title-review flow). */
  businessKey: string | null;
  processInstanceId: string;
  /** The BPMN element of the task (a service task, or a message end event recording an outcome). */
  activityId?: string;
  /** 1 for the first attempt, 2 for the first retry, ... */
  attempt: number;
  log: Logger;
  /** Aborted when the worker shuts down before the handler finished. */
  signal: AbortSignal;
}

/** One handler per topic: its input is parsed by `S`, and it completes with outputs `O`. */
export interface TopicHandler<S extends z.ZodObject = z.ZodObject, O extends Variables = Variables> {
  topic: string;
  /** One line for operators and element templates. */
  description: string;
  /** Parses the process variables the handler reads; only these variables are fetched. */
  input: S;
  /** Names of the variables the handler may set, for element templates and checks. */
  outputs: readonly string[];
  /**
   * Inputs that each step sets for itself (camunda:inputParameter), not read from the process:
   * Modeler's element templates ask for them, with their choices.
   */
  parameters?: readonly { name: string; label: string; description: string; choices?: readonly string[]; multiple?: boolean }[];
  /** Facts the handler reads from the application registry, whatever the process variables hold (withRegistryFacts). */
  registryFacts?: readonly string[];
  /** BPMN error codes the handler may raise. */
  errors?: readonly string[];
  /** Lock duration; the runtime keeps extending it while the handler runs, up to maxMs. */
  lockMs?: number;
  /**
   * The longest the handler may run; past it the task fails with a retry (then an incident) and
   * its lock is no longer extended. Default: WORKER_HANDLER_MAX_MS.
   */
  maxMs?: number;
  handle(input: z.output<S>, ctx: HandlerContext): Promise<Outcome<O>>;
}

/** Declares a handler with its input type inferred from the schema, and its outputs from what it completes with. */
export function defineHandler<S extends z.ZodObject, O extends Variables>(handler: TopicHandler<S, O>): TopicHandler<S, O> {
  return handler;
}

/** The parsed input of a handler. */
export type InputOf<H> = H extends TopicHandler<infer S, Variables> ? z.output<S> : never;
/** The outputs a handler completes with. */
export type OutputOf<H> = H extends TopicHandler<z.ZodObject, infer O> ? O : never;

/** A handler of any input type, as the registry stores it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyHandler = TopicHandler<any, any>;
