// The end of a wait for payment that has no deadline (notice 三（四）: 其他申报人员缴费方式另行通知).
// While the payment notice sets no deadline, nothing ends the wait by itself: the committee's office
// or the provincial HR department may, in the task 缴费 (payment-outstanding), with a reason (the
// payment notice's deadline passed unpaid, the applicant gave up in writing, ...). The application
// then counts as withdrawn (视为放弃) for want of payment. An incomplete form goes back to the task.
import { z } from 'zod';
import type { Registry } from '../registry/registry.js';
import { defineHandler } from '../runtime/handler.js';
import { BusinessError, complete, PermanentError } from '../runtime/outcome.js';

export const topic = 'record-payment-wait';

/** The step of the flow whose decision this records: the user task of the office. */
export const PAYMENT_WAIT_STEP = 'payment-outstanding-task';

/** Lenient on purpose: an incomplete form goes back to the task, it is not an incident. */
export const input = z.object({
  paymentWaitDecision: z.string().nullish(),
  paymentWaitReason: z.string().nullish(),
  /** Who completed the task (the user task's output `reviewedBy = ${currentUser()}`). */
  reviewedBy: z.string().nullish(),
  /** The offices that may end the wait (the task's candidate groups). */
  paymentWaitGroups: z.string().nullish(),
});

export const createRecordPaymentWait = (deps: { registry: Pick<Registry, 'record'> }) =>
  defineHandler({
    topic,
    description: 'Validates and records the end of a wait for payment without a deadline, by the committee office or the provincial HR department, with its reason (the application counts as withdrawn)',
    input,
    outputs: ['paymentWaitEnded', 'paymentWaitProblem'],
    errors: ['PAYMENT_WAIT_INVALID'],
    async handle({ paymentWaitDecision, paymentWaitReason, reviewedBy, paymentWaitGroups }, ctx) {
      if (paymentWaitDecision !== 'withdraw') throw new BusinessError('PAYMENT_WAIT_INVALID', 'paymentWaitDecision: choose withdraw to end the wait (the application counts as withdrawn)');
      const reason = paymentWaitReason?.trim();
      if (!reason) throw new BusinessError('PAYMENT_WAIT_INVALID', 'paymentWaitReason: say why the wait ends (the payment notice and its deadline, or the applicant giving up)');
      if (!ctx.businessKey) throw new PermanentError('the instance has no business key (the application id)');
      await deps.registry.record(
        ctx.businessKey,
        {
          kind: 'decision',
          step: PAYMENT_WAIT_STEP,
          name: '缴费 Payment wait ended by the office (notice 三（四）: 缴费方式另行通知)',
          level: 'committee',
          actor: reviewedBy ?? null,
          decision: 'withdraw',
          reasons: [reason],
          comment: reason,
          data: { offices: paymentWaitGroups ? paymentWaitGroups.split(',') : [] },
        },
        `${ctx.taskId}:decision`,
      );
      return complete({ paymentWaitEnded: true, paymentWaitProblem: null });
    },
  });
