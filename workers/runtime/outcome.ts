// What a handler returns. The types force every handler to end in an outcome; the runtime turns
// outcomes into engine calls through an adapter, so handlers never see an engine client.

/** Process variables as plain JSON-able values. */
export type Variables = Record<string, unknown>;

/**
 * A handler's decision: complete the task with its outputs `O` (the type the topic's recorder
 * reads), or raise a BPMN error that the diagram catches.
 */
export type Outcome<O extends Variables = Variables> =
  | {
      kind: 'complete';
      variables: O;
      /**
       * What to do once the engine took the completion (the flow then stands where the task led
       * it): record a wait the flow reached. Not run when the completion fails.
       */
      whenCompleted?: () => Promise<void>;
    }
  | { kind: 'bpmn-error'; code: string; message: string; variables: Variables };

/** Completes the task with these variables. */
export function complete<O extends Variables = Record<never, never>>(variables: O = {} as O): Outcome<O> {
  return { kind: 'complete', variables };
}

/** Raises BPMN error `code`; the diagram must catch it (checked by the consistency tests). */
export function bpmnError(code: string, message: string, variables: Variables = {}): Outcome<never> {
  return { kind: 'bpmn-error', code, message, variables };
}

/** Thrown from a handler for a business outcome the diagram models: becomes a BPMN error. */
export class BusinessError extends Error {
  override readonly name = 'BusinessError';
  constructor(
    readonly code: string,
    message: string,
    readonly variables: Variables = {},
  ) {
    super(message);
  }
}

/**
 * Thrown from a handler for a failure no retry can fix (a modelling error, a document that can
 * never render): an incident at once, with the message. Any error with `permanent === true` counts.
 */
export class PermanentError extends Error {
  override readonly name = 'PermanentError';
  readonly permanent = true;
}
