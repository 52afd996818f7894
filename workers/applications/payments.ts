// A payment confirmed by the portal (PaymentConfirmed): the fee the rules charge, recorded once per
// transaction id, delivered to the flow's wait for payment, and forgotten again when it does not wait.
import { applicationSchema } from '../domain/application.js';
import { NotWaitingError } from '../adapters/camunda7/workflow-engine.js';
import { stepAfterFee } from '../domain/steps.js';
import type { ApplicationRow } from '../registry/registry.js';
import { needsCommitteeVote } from '../rules/index.js';
import { policyOf, type ApplicationServiceDeps } from './context.js';
import { correlate } from './correlate.js';

export type MessageResult =
  | { kind: 'delivered' }
  | { kind: 'not-found' }
  | { kind: 'wrong-phase' }
  /** A payment of another amount than the fee rules charge. */
  | { kind: 'wrong-amount'; expected: number | null }
  /** A payment whose transaction id was recorded for another application. */
  | { kind: 'transaction-reused' };

export class Payments {
  constructor(private readonly deps: ApplicationServiceDeps) {}

  async pay(row: ApplicationRow, variables: Record<string, unknown>): Promise<MessageResult> {
    const payment = variables.payment as { amount: number; currency: string; transactionId: string; paidAt: string };
    const fee = row.fee as { exempt?: boolean; amount?: number | null } | null;
    // Only the amount the fee rules charge this application is taken; an exempt one pays nothing.
    if (fee?.exempt || typeof fee?.amount !== 'number') return { kind: 'wrong-phase' };
    if (Math.round(payment.amount * 100) !== Math.round(fee.amount * 100)) return { kind: 'wrong-amount', expected: fee.amount };
    const recorded = await this.deps.registry.recordPayment(row.id, payment);
    // The same confirmation again answers as the first time and records nothing new.
    if (recorded.kind === 'replay') return { kind: 'delivered' };
    if (recorded.kind === 'transaction-reused') return { kind: 'transaction-reused' };
    try {
      await correlate(this.deps.engine, 'PaymentConfirmed', row, variables);
    } catch (error) {
      await this.deps.registry.forgetPayment(row.id, payment.transactionId);
      if (error instanceof NotWaitingError) return { kind: 'wrong-phase' };
      throw error;
    }
    // A policy that charges 初级认定 still takes it past the vote (notice 三（四）: recognised, not reviewed).
    const application = applicationSchema.safeParse(row.application);
    const needsVote = !application.success || needsCommitteeVote(application.data, policyOf(this.deps.policies, row)).needed;
    await this.deps.registry.openStep(row.id, { ...stepAfterFee(needsVote), office: row.committee_group }, `paid:${payment.transactionId}`);
    return { kind: 'delivered' };
  }
}
