// Messages the portal sends into a running application's flow, and their delivery.
import { NotWaitingError, type WorkflowEngine } from '../adapters/camunda7/workflow-engine.js';
import type { ApplicationState } from '../domain/steps.js';
import type { ApplicationRow } from '../registry/registry.js';

/** Messages the portal may send into a running application. */
export type ApplicationMessage = 'PaymentConfirmed' | 'ObjectionLodged' | 'ApplicationCorrected';

/** The states in which the flow waits for a message. */
const WAITS_FOR: Record<ApplicationMessage, readonly ApplicationState[]> = {
  PaymentConfirmed: ['awaiting-payment'],
  ObjectionLodged: ['in-publicity', 'in-unit-publicity'],
  ApplicationCorrected: ['returned'],
};

/**
 * Correlates a message. The registry records a wait once the flow reached it (a worker records it
 * after the engine took the completion of the step before it): an application the registry does
 * not see waiting for this message is in no phase to take it, and the engine is not asked; one it
 * sees waiting is, and the engine's refusal means it no longer is. NotWaitingError either way.
 */
export async function correlate(engine: WorkflowEngine, message: ApplicationMessage, row: ApplicationRow, variables: Record<string, unknown>): Promise<void> {
  if (!WAITS_FOR[message].includes(row.state)) throw new NotWaitingError(`application ${row.id} is ${row.state}: its flow does not wait for ${message}`);
  await engine.correlate(message, row.id, variables);
}
