// Portal messages into a running application's flow: a payment (payments.ts) or an objection during
// a publicity, which opens its investigation by the unit or the committee office.
import { waitingStep } from '../domain/steps.js';
import { NotWaitingError } from '../adapters/camunda7/workflow-engine.js';
import { submittedBy, type ApplicationServiceDeps } from './context.js';
import { correlate, type ApplicationMessage } from './correlate.js';
import { Payments, type MessageResult } from './payments.js';

export class Messages {
  private readonly payments: Payments;

  constructor(private readonly deps: ApplicationServiceDeps) {
    this.payments = new Payments(deps);
  }

  /**
   * Delivers a portal message to the application's flow and records it. A payment is recorded
   * first (its transaction id once), and forgotten again when the flow does not wait for one.
   * With `client`, only an application that client submitted (another's is not found).
   */
  async deliver(id: string, message: ApplicationMessage, variables: Record<string, unknown>, client?: string): Promise<MessageResult> {
    const row = await this.deps.registry.application(id);
    if (!row || !submittedBy(row, client)) return { kind: 'not-found' };
    if (message === 'PaymentConfirmed') return this.payments.pay(row, variables);
    try {
      await correlate(this.deps.engine, message, row, variables);
    } catch (error) {
      if (error instanceof NotWaitingError) return { kind: 'wrong-phase' };
      throw error;
    }
    const objection = variables.objection as { reason?: string; lodgedBy?: string } | undefined;
    const inUnitPublicity = row.state === 'in-unit-publicity';
    await this.deps.registry.record(id, { kind: 'objection', step: 'objection', name: '异议 Objection lodged', comment: objection?.reason ?? null, data: { lodgedBy: objection?.lodgedBy ?? null } }, null);
    await this.deps.registry.openStep(
      id,
      { ...waitingStep(inUnitPublicity ? 'investigate-unit-objection' : 'investigate-objection'), office: inUnitPublicity ? row.current_office : row.committee_group },
      `objection:${id}:${this.deps.clock().getTime()}`,
    );
    return { kind: 'delivered' };
  }
}
