// The fee step (SPEC 2.6 and 7): exempt, or payable by a deadline counted from committee acceptance.
import { z } from 'zod';
import { applicationSchema } from '../domain/application.js';
import { addDays, dateOf, endOfDayIso } from '../domain/time.js';
import type { PolicyProvider } from '../policies.js';
import { defineHandler } from '../runtime/handler.js';
import { complete } from '../runtime/outcome.js';
import { decideFee } from '../rules/index.js';

export const topic = 'decide-fee';

export const input = z.object({ application: applicationSchema, policyId: z.string().min(1) });

export const createDecideFee = (deps: { policies: PolicyProvider; clock: () => Date }) =>
  defineHandler({
    topic,
    description: 'Decides whether the applicant pays, how much, and by when',
    input,
    outputs: ['fee', 'feeExempt', 'paymentDeadline'],
    async handle({ application, policyId }) {
      const policy = deps.policies.get(policyId);
      const fee = decideFee(application, policy);
      const deadline = fee.exempt ? null : endOfDayIso(addDays(dateOf(deps.clock()), policy.paymentDays));
      return complete({ fee, feeExempt: fee.exempt, paymentDeadline: deadline });
    },
  });
