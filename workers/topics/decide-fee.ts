// The fee step (SPEC 2.6 and 7, notice 三（四）): exempt, or payable. A payable fee is due by the
// payment deadline the policy sets (days from committee acceptance), or, while the payment notice
// has set none (缴费方式另行通知), by no deadline at all: the flow then waits for the payment, or for
// the committee's office or the provincial HR department (paymentWaitGroups) to end the wait.
import { z } from 'zod';
import { applicationSchema } from '../domain/application.js';
import type { PolicyProvider } from '../policy/provider.js';
import { defineHandler } from '../runtime/handler.js';
import { complete } from '../runtime/outcome.js';
import { decideFee, paymentDeadline, provinceGroup } from '../rules/index.js';

export const topic = 'decide-fee';

export const input = z.object({ application: applicationSchema, policyId: z.string().min(1), committeeGroup: z.string().nullish() });

export const createDecideFee = (deps: { policies: PolicyProvider; clock: () => Date }) =>
  defineHandler({
    topic,
    description: 'Decides whether the applicant pays, how much, and by when (no deadline while the payment notice has set none)',
    input,
    outputs: ['fee', 'feeExempt', 'paymentDeadline', 'paymentWaitGroups'],
    async handle({ application, policyId, committeeGroup }) {
      const policy = deps.policies.get(policyId);
      const fee = decideFee(application, policy);
      const deadline = paymentDeadline(fee, policy, deps.clock());
      // Without a deadline nothing ends the wait by itself: the committee's office and 省人社厅 may.
      const waitGroups = fee.exempt || deadline ? null : [...new Set([committeeGroup, provinceGroup(policy)].filter((g): g is string => !!g))].join(',');
      return complete({ fee, feeExempt: fee.exempt, paymentDeadline: deadline, paymentWaitGroups: waitGroups });
    },
  });
