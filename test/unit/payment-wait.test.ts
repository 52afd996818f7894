// The fee step without a deadline (notice 三（四）: 其他申报人员缴费方式另行通知): the shipped policy
// sets none, so a payable application waits for its payment or for the office; a policy that sets
// payment days keeps the deadline and its timer. The office ends a wait only with a reason.
import { decideFee, paymentDeadline, type Policy } from '../../workers/rules/index.js';
import type { PolicyProvider } from '../../workers/policy/provider.js';
import { BusinessError } from '../../workers/runtime/outcome.js';
import { createDecideFee } from '../../workers/topics/decide-fee.js';
import { createRecordPaymentWait, PAYMENT_WAIT_STEP } from '../../workers/topics/record-payment-wait.js';
import type { EventInput } from '../../workers/registry/registry.js';
import { app, policy2024 } from '../rules/support.js';
import { createHandlerContext } from '../support/handler-context.js';
import { parsePolicy } from '../../workers/policy/load.js';

const withDays = parsePolicy({ ...policy2024, id: 'days', paymentDays: 15 }, 'test');
const provider = (...list: Policy[]): PolicyProvider => ({
  activeId: list[0]!.id,
  active: () => list[0]!,
  get: (id) => list.find((p) => p.id === id)!,
  ids: () => list.map((p) => p.id),
  calendar: null as never,
});
// Accepted by the committee on 2024-06-18 09:00 in Shanghai.
const clock = () => new Date('2024-06-18T01:00:00Z');
const decide = createDecideFee({ policies: provider(policy2024, withDays), clock });
const ctx = createHandlerContext();
// The fee is the registry's (decided at submission); the step reads it and sets the deadline and the wait.
const decided = (policyId: string, application = app()) => decide.handle(decide.input.parse({ fee: decideFee(application, policyId === 'days' ? withDays : policy2024), policyId, committeeGroup: 'committee-jl-engineering-intermediate' }), ctx);

describe('缴费 三（四）其他申报人员缴费方式另行通知: no payment deadline until the payment notice sets one', () => {
  it('三（四）: the rule gives no deadline while the policy sets no days, and none to an exempt fee', () => {
    const payable = decideFee(app(), policy2024);
    expect(payable.exempt).toBe(false);
    expect(paymentDeadline(payable, policy2024, clock())).toBeNull();
    expect(paymentDeadline({ exempt: true }, withDays, clock())).toBeNull();
  });

  it('三（四）: with payment days in the policy, the deadline is 24:00 of the last day counted from acceptance', () => {
    expect(paymentDeadline({ exempt: false }, withDays, clock())).toBe('2024-07-04T00:00:00+08:00');
    // Late in the Shanghai day: the day is Shanghai's, not UTC's.
    expect(paymentDeadline({ exempt: false }, withDays, new Date('2024-06-18T15:59:00Z'))).toBe('2024-07-04T00:00:00+08:00');
  });

  it('三（四）: the fee step under the shipped policy: payable, no deadline, and the committee office and 省人社厅 may end the wait', async () => {
    expect(await decided('2024')).toEqual({
      kind: 'complete',
      variables: { fee: expect.objectContaining({ exempt: false, amount: 180 }), feeExempt: false, paymentDeadline: null, paymentWaitGroups: 'committee-jl-engineering-intermediate,hr-220000' },
    });
  });

  it('三（四）: the fee step under a policy that sets payment days keeps the deadline (the flow\'s timer), with no office wait', async () => {
    expect(await decided('days')).toEqual({
      kind: 'complete',
      variables: { fee: expect.objectContaining({ exempt: false }), feeExempt: false, paymentDeadline: '2024-07-04T00:00:00+08:00', paymentWaitGroups: null },
    });
  });

  it('三（四）: an exempt fee has neither a deadline nor a wait', async () => {
    expect(await decided('2024', app({ category: 'rural-revitalization' }))).toMatchObject({ variables: { feeExempt: true, paymentDeadline: null, paymentWaitGroups: null } });
  });

  it('三（四）: a policy\'s payment days must be a positive whole number, or null', () => {
    expect(() => parsePolicy({ ...policy2024, paymentDays: 0 }, 'policy/x.json')).toThrow(/paymentDays/);
    expect(parsePolicy({ ...policy2024, paymentDays: null }, 'policy/x.json').paymentDays).toBeNull();
  });
});

describe('缴费 三（四）: the office ends a wait for payment without a deadline', () => {
  const recorded: Array<{ id: string; event: EventInput; key: string | null }> = [];
  const record = createRecordPaymentWait({ registry: { record: async (id, event, key) => (recorded.push({ id, event, key }), true) } });
  const ended = (form: Record<string, unknown>) => record.handle(record.input.parse({ paymentWaitGroups: 'committee-jl-engineering-intermediate,hr-220000', reviewedBy: 'committee-c02', ...form }), ctx);

  it('三（四）: ends it with a reason, recorded as the office\'s decision (the application counts as withdrawn)', async () => {
    recorded.length = 0;
    expect(await ended({ paymentWaitDecision: 'withdraw', paymentWaitReason: ' 缴费通知规定的期限已过，未缴费 ' })).toEqual({ kind: 'complete', variables: { paymentWaitEnded: true, paymentWaitProblem: null } });
    expect(recorded).toEqual([
      {
        id: 'JL2024-ABCDEFGHJK',
        key: 'task-1:decision',
        event: expect.objectContaining({ kind: 'decision', step: PAYMENT_WAIT_STEP, actor: 'committee-c02', decision: 'withdraw', reasons: ['缴费通知规定的期限已过，未缴费'], data: { offices: ['committee-jl-engineering-intermediate', 'hr-220000'] } }),
      },
    ]);
  });

  it('三（四）: without a decision or a reason the task comes back with the problem, naming the field; nothing is recorded', async () => {
    recorded.length = 0;
    await expect(ended({ paymentWaitDecision: null, paymentWaitReason: 'x' })).rejects.toThrow(new BusinessError('PAYMENT_WAIT_INVALID', 'paymentWaitDecision: choose withdraw to end the wait (the application counts as withdrawn)'));
    await expect(ended({ paymentWaitDecision: 'withdraw', paymentWaitReason: '  ' })).rejects.toMatchObject({ code: 'PAYMENT_WAIT_INVALID', message: expect.stringMatching(/^paymentWaitReason: /) });
    expect(recorded).toEqual([]);
  });
});
