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
 * Correlates a message. The registry records a waiting step as the step before it completes, so
 * for a moment the flow may not have reached it yet: while the registry says the application
 * waits for this message, a refusal is retried briefly instead of answered as the wrong phase.
 */
export async function correlate(engine: WorkflowEngine, message: ApplicationMessage, row: ApplicationRow, variables: Record<string, unknown>): Promise<void> {
  const expected = WAITS_FOR[message];
  for (let attempt = 0; ; attempt++) {
    try {
      await engine.correlate(message, row.id, variables);
      return;
    } catch (error) {
      if (!(error instanceof NotWaitingError) || !expected.includes(row.state) || attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
