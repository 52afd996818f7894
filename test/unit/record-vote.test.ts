// The vote step: counts checked, no-votes and abstentions kept, the meeting day dates the result
// and files the vote under that meeting's report; problems go back to the task naming the field.
import path from 'node:path';
import { ROOT } from '../../workers/config.js';
import { createPolicyProvider } from '../../workers/policy/provider.js';
import { BusinessError } from '../../workers/runtime/outcome.js';
import { createRecordVote } from '../../workers/topics/record-vote.js';
import { createHandlerContext } from '../support/handler-context.js';

const policies = createPolicyProvider({ dir: path.join(ROOT, 'policy'), activeId: '2024', demoBaseId: '2024', today: new Date('2024-06-18T00:00:00+08:00') });
// 2024-06-19 09:00 in Changchun.
const handler = createRecordVote({ policies, clock: () => new Date('2024-06-19T01:00:00Z') });
const counts = { policyId: '2024', committeeId: 'jl-engineering-intermediate', voteMembers: 15, voteRecused: 1, votePresent: 12, voteYes: 9 };
const vote = (over: Record<string, unknown> = {}) => handler.handle(handler.input.parse({ ...counts, ...over }), createHandlerContext());

describe('record-vote', () => {
  it('records a pass with its no-votes and abstentions under the meeting day', async () => {
    expect(await vote({ voteAgainst: 2, voteMeetingDate: '2024-06-18' })).toEqual({
      kind: 'complete',
      variables: {
        votePassed: true,
        voteProblem: null,
        vote: expect.objectContaining({ members: 15, present: 12, yes: 9, against: 2, abstain: 1, passed: true, committeeId: 'jl-engineering-intermediate', decidedOn: '2024-06-18' }),
      },
    });
  });

  it('dates a vote without a meeting day (and without no-votes) today', async () => {
    const outcome = await vote();
    expect(outcome).toMatchObject({ variables: { vote: { against: null, abstain: null, decidedOn: '2024-06-19' } } });
  });

  it.each([
    // SPEC 6: the form shows the problem with dates as people read them.
    [{ voteMeetingDate: '2024-06-20' }, /voteMeetingDate: the meeting on 2024年6月20日 has not taken place yet \(today is 2024年6月19日\)/],
    [{ voteMeetingDate: '2024-02-30' }, /voteMeetingDate: "2024-02-30" is not a date/],
    [{ voteAgainst: 4 }, /against: yes- and no-votes together exceed/],
    [{ voteYes: 13, voteMeetingDate: 'tomorrow' }, /yes: .*; voteMeetingDate: "tomorrow"/],
  ])('sends %j back to the task, naming the field', async (over, message) => {
    const error = await vote(over).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BusinessError);
    expect((error as BusinessError).code).toBe('VOTE_INVALID');
    expect((error as Error).message).toMatch(message);
  });
});
