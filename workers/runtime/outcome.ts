// What a handler returns. The types force every handler to end in an outcome; the runtime turns
// outcomes into engine calls through an adapter, so handlers never see an engine client.

/** Process variables as plain JSON-able values. */
export type Variables = Record<string, unknown>;

/** A handler's decision: complete the task, or raise a BPMN error that the diagram catches. */
export type Outcome =
  | { kind: 'complete'; variables: Variables }
  | { kind: 'bpmn-error'; code: string; message: string; variables: Variables };

/** Completes the task with these variables. */
export function complete(variables: Variables = {}): Outcome {
  return { kind: 'complete', variables };
}

/** Raises BPMN error `code`; the diagram must catch it (checked by the consistency tests). */
export function bpmnError(code: string, message: string, variables: Variables = {}): Outcome {
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
