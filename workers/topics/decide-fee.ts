// The fee step (SPEC 2.6 and 7, notice 三（四）): the fee the registry holds (decided once, from the
// application as submitted or corrected, by the application service), exempt or payable. A payable fee is due by the
// payment deadline the policy sets (days from committee acceptance), or, while the payment notice
// has set none (缴费方式另行通知), by no deadline at all: the flow then waits for the payment, or for
// the committee's office or the provincial HR department (paymentWaitGroups) to end the wait.
import { z } from 'zod';
import type { PolicyProvider } from '../policy/provider.js';
import { defineHandler } from '../runtime/handler.js';
import { stepAfterFee, waitingStep } from '../domain/steps.js';
import { defineRecordStep } from './recording.js';
import { complete } from '../runtime/outcome.js';
import { paymentDeadline, provinceGroup } from '../rules/index.js';

export const topic = 'decide-fee';

/** A fee as the registry records it (rules/fees.ts FeeDecision). */
const feeDecision = z.object({ exempt: z.boolean(), reason: z.string().nullable(), amount: z.number().nullable(), currency: z.literal('CNY'), schedule: z.string() });

export const input = z.object({ fee: feeDecision, policyId: z.string().min(1), committeeGroup: z.string().nullish() });

export const createDecideFee = (deps: { policies: PolicyProvider; clock: () => Date }) =>
  defineHandler({
    topic,
    description: 'Takes the fee the registry holds (exempt or payable, decided from the application as submitted or corrected) and decides by when it is due (no deadline while the payment notice has set none)',
    input,
    outputs: ['fee', 'feeExempt', 'paymentDeadline', 'paymentWaitGroups'],
    async handle({ fee, policyId, committeeGroup }) {
      const policy = deps.policies.get(policyId);
      const deadline = paymentDeadline(fee, policy, deps.clock());
      // Without a deadline nothing ends the wait by itself: the committee's office and 省人社厅 may.
      const waitGroups = fee.exempt || deadline ? null : [...new Set([committeeGroup, provinceGroup(policy)].filter((g): g is string => !!g))].join(',');
      return complete({ fee, feeExempt: fee.exempt, paymentDeadline: deadline, paymentWaitGroups: waitGroups });
    },
  });

/** Exempt: the committee's step opens at once. Due: the payment wait opens, with no deadline while the payment notice sets none (三（四）). */
export const recordDecideFee = defineRecordStep<ReturnType<typeof createDecideFee>>()({
  reads: { needsVote: z.boolean().nullish() },
  async record(input, out, { registry, applicationId, key, openWhenReached }) {
    const fee = JSON.stringify(out.fee);
    const committeeGroup = input.committeeGroup ?? null;
    if (out.fee.exempt) {
      await registry.openStep(applicationId, { ...stepAfterFee(input.needsVote !== false), office: committeeGroup }, key('opened'), { fee, fee_state: 'exempt' });
      return;
    }
    // Without a deadline the committee's office may end the wait.
    const office = out.paymentWaitGroups ? committeeGroup : null;
    // The payment is awaited from the moment the flow waits for PaymentConfirmed.
    await openWhenReached({ ...waitingStep('await-payment'), deadline: out.paymentDeadline, office }, 'opened', { fee, fee_state: 'due', payment_deadline: out.paymentDeadline });
  },
});
