// The payments of the registry: the fee's confirmations, each transaction id recorded once and for
// one application.
import { RegistryPart, uniqueViolation } from './shared.js';

export interface PaymentRecord {
  transactionId: string;
  amount: number;
  currency: string;
  paidAt: string;
}

export type PaymentResult = { kind: 'recorded' } | { kind: 'replay'; applicationId: string } | { kind: 'transaction-reused'; applicationId: string };

export class Payments extends RegistryPart {
  /** A payment confirmation; a transaction id is recorded once, for one application. */
  async recordPayment(id: string, p: PaymentRecord): Promise<PaymentResult> {
    return this.run('payment', async () => {
      const earlier = await this.db.selectFrom('payments').select('application_id').where('transaction_id', '=', p.transactionId).executeTakeFirst();
      if (earlier) return earlier.application_id === id ? { kind: 'replay', applicationId: id } : { kind: 'transaction-reused', applicationId: earlier.application_id };
      try {
        await this.db.transaction().execute(async (tx) => {
          await tx.insertInto('payments').values({ transaction_id: p.transactionId, application_id: id, amount: String(p.amount), currency: p.currency, paid_at: p.paidAt, received_at: this.clock() }).execute();
          await this.insertEvent(tx, id, { kind: 'paid', step: 'payment', name: '缴费 Paid', data: { amount: p.amount, currency: p.currency, transactionId: p.transactionId } }, `payment:${p.transactionId}`);
          await tx.updateTable('applications').set({ fee_state: 'paid', updated_at: this.clock() }).where('id', '=', id).execute();
        });
        return { kind: 'recorded' };
      } catch (error) {
        if (!uniqueViolation(error)) throw error;
        return this.recordPayment(id, p);
      }
    });
  }

  /** Undoes a payment the engine would not take (the application was not waiting for one). */
  async forgetPayment(id: string, transactionId: string): Promise<void> {
    await this.run('payment', () =>
      this.db.transaction().execute(async (tx) => {
        await tx.deleteFrom('application_events').where('dedupe_key', '=', `payment:${transactionId}`).execute();
        await tx.deleteFrom('payments').where('transaction_id', '=', transactionId).where('application_id', '=', id).execute();
      }),
    );
  }
}
