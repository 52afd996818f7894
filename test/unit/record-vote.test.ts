// The vote step: each applicant's vote is taken in a meeting the committee recorded once (its day,
// members and those present, from the registry), with the applicant's recusals, yes- and no-votes;
// the meeting day dates the result and files the vote under that meeting's report; problems go
// back to the task naming the field; a meeting of another committee or one not yet held is refused.
import path from 'node:path';
import { ROOT } from '../../workers/config.js';
import { createPolicyProvider } from '../../workers/policy/provider.js';
import type { Meeting } from '../../workers/registry/registry.js';
import { checkMeeting } from '../../workers/rules/index.js';
import { BusinessError } from '../../workers/runtime/outcome.js';
import { createRecordVote } from '../../workers/topics/record-vote.js';
import { createHandlerContext } from '../support/handler-context.js';

const policies = createPolicyProvider({ dir: path.join(ROOT, 'policy'), activeId: '2024', demoBaseId: '2024', today: new Date('2024-06-18T00:00:00+08:00') });
const meeting = (over: Partial<Meeting>): Meeting => ({ id: '7', committeeId: 'jl-engineering-intermediate', date: '2024-06-18', members: 15, present: 13, recordedBy: 'engineering-committee', recordedAt: new Date(), votes: 0, ...over });
const meetings = [meeting({}), meeting({ id: '8', date: '2024-06-20' }), meeting({ id: '9', committeeId: 'jl-arts' })];
// 2024-06-19 09:00 in Changchun.
const handler = createRecordVote({ policies, clock: () => new Date('2024-06-19T01:00:00Z'), registry: { meeting: async (id) => meetings.find((m) => m.id === id) ?? null } });
const counts = { policyId: '2024', committeeId: 'jl-engineering-intermediate', voteMeeting: '7', voteRecused: 1, voteYes: 9 };
const vote = (over: Record<string, unknown> = {}) => handler.handle(handler.input.parse({ ...counts, ...over }), createHandlerContext());

describe('record-vote', () => {
  it('records a pass in its meeting: present are those at the meeting less the recused, with no-votes and abstentions, under the meeting day', async () => {
    expect(await vote({ voteAgainst: 2 })).toEqual({
      kind: 'complete',
      variables: {
        votePassed: true,
        voteProblem: null,
        vote: expect.objectContaining({ members: 15, recused: 1, present: 12, yes: 9, against: 2, abstain: 1, passed: true, committeeId: 'jl-engineering-intermediate', meetingId: '7', decidedOn: '2024-06-18' }),
      },
    });
  });

  it('fails a vote under two thirds of those present; recusals can take a meeting under its quorum', async () => {
    expect(await vote({ voteYes: 7 })).toMatchObject({ variables: { votePassed: false, vote: { present: 12, against: null, abstain: null } } });
    // 13 present, 4 recused: 9 of 15 is under two thirds (10).
    expect(await vote({ voteRecused: 4, voteYes: 9 })).toMatchObject({ variables: { votePassed: false, vote: { present: 9, reasons: [expect.objectContaining({ rule: 'vote.quorum' })] } } });
  });

  it.each([
    // SPEC 6: the form shows the problem with dates as people read them.
    [{ voteMeeting: '8' }, /voteMeeting: the meeting on 2024年6月20日 has not taken place yet \(today is 2024年6月19日\)/],
    [{ voteMeeting: '9' }, /voteMeeting: "9" is not a meeting recorded by this committee/],
    [{ voteMeeting: '404' }, /voteMeeting: "404" is not a meeting/],
    [{ voteMeeting: null }, /voteMeeting: choose the meeting/],
    [{ voteRecused: 14 }, /voteRecused: 14 recused but 13 members were present/],
    [{ voteAgainst: 4 }, /voteAgainst: yes- and no-votes together exceed/],
    [{ voteYes: 13 }, /voteYes: more yes-votes than experts present/],
  ])('sends %j back to the task, naming the field', async (over, message) => {
    const error = await vote(over).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BusinessError);
    expect((error as BusinessError).code).toBe('VOTE_INVALID');
    expect((error as Error).message).toMatch(message);
  });
});

describe('checkMeeting', () => {
  const policy = policies.get('2024');
  it('takes a held meeting with its quorum', () => {
    expect(checkMeeting({ date: '2024-06-19', members: 15, present: 10 }, '2024-06-19', policy)).toEqual([]);
  });
  it.each([
    [{ date: '2024-06-20', members: 15, present: 12 }, 'date', /会议日期2024年6月20日尚未到来（今天是2024年6月19日）/],
    [{ date: '2024-02-30', members: 15, present: 12 }, 'date', /YYYY-MM-DD/],
    [{ date: '2024-06-18', members: 15, present: 9 }, 'present', /出席委员9人，不足法定人数：须达到委员总数15人的2\/3（10人）/],
    [{ date: '2024-06-18', members: 15, present: 16 }, 'present', /出席委员16人，多于委员总数15人/],
    [{ date: '2024-06-18', members: 0, present: 0 }, 'members', /不小于 1 的整数/],
    [{ date: '2024-06-18', members: 15, present: 10.5 }, 'present', /整数/],
  ])('refuses %j naming %s', (m, field, message) => {
    const reasons = checkMeeting(m, '2024-06-19', policy);
    expect(reasons.map((r) => r.field)).toContain(field);
    expect(reasons.find((r) => r.field === field)!.message).toMatch(message);
  });
});
