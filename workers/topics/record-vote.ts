// The committee vote (SPEC 2.7) in a meeting the committee recorded once (评审会议: day, members,
// those present): each applicant's vote names the meeting and counts its recusals, yes- and
// no-votes; quorum and two-thirds from the policy. The meeting is read from the registry, never
// from a variable: a vote naming another committee's meeting, or one not yet held, goes back.
import { z } from 'zod';
import { formatDateZh } from '../domain/dates-zh.js';
import { dateOf } from '../domain/time.js';
import type { PolicyProvider } from '../policy/provider.js';
import type { Registry } from '../registry/registry.js';
import { defineHandler } from '../runtime/handler.js';
import { defineRecordStep, reviewedBy, str } from './recording.js';
import { BusinessError, complete } from '../runtime/outcome.js';
import { committeeGroup, decideVote, meetingVote } from '../rules/index.js';

export const topic = 'record-vote';

const count = z.coerce.number().int().nullish();
/** Lenient: a missing meeting or inconsistent counts go back to the task with the problem shown. */
export const input = z.object({
  policyId: z.string().min(1),
  committeeId: z.string().min(1),
  /** The recorded meeting the vote was taken in (the form's choice of committeeMeetings). */
  voteMeeting: z.coerce.string().nullish(),
  voteRecused: count,
  voteYes: count,
  voteAgainst: count,
});

export const createRecordVote = (deps: { policies: PolicyProvider; clock: () => Date; registry: Pick<Registry, 'meeting'> }) =>
  defineHandler({
    topic,
    description: 'Checks the vote counts in the recorded meeting and decides pass or fail',
    input,
    outputs: ['votePassed', 'voteProblem', 'vote'],
    errors: ['VOTE_INVALID'],
    async handle({ policyId, committeeId, voteMeeting, voteRecused, voteYes, voteAgainst }) {
      const meeting = voteMeeting ? await deps.registry.meeting(voteMeeting) : null;
      const today = dateOf(deps.clock());
      if (!meeting || meeting.committeeId !== committeeId) {
        const what = voteMeeting ? `${JSON.stringify(voteMeeting)} is not a meeting recorded by this committee` : 'choose the meeting the vote was taken in';
        throw new BusinessError('VOTE_INVALID', `voteMeeting: ${what} (评审会议 are recorded once on the committee's office page)`);
      }
      if (meeting.date > today) throw new BusinessError('VOTE_INVALID', `voteMeeting: the meeting on ${formatDateZh(meeting.date)} has not taken place yet (today is ${formatDateZh(today)})`);
      const counts = meetingVote(meeting, { recused: voteRecused ?? 0, yes: voteYes ?? -1, against: voteAgainst ?? null });
      if ('rule' in counts) throw new BusinessError('VOTE_INVALID', `voteRecused: ${counts.message}`);
      const decision = decideVote(counts, deps.policies.get(policyId));
      if (!decision.valid) throw new BusinessError('VOTE_INVALID', decision.reasons.map((r) => `${fieldOf(r.field)}: ${r.message}`).join('; '));
      const abstain = counts.against === null || counts.against === undefined ? null : counts.present - counts.yes - counts.against;
      return complete({
        votePassed: decision.passed,
        voteProblem: null,
        vote: { members: counts.members, recused: counts.recused, present: counts.present, yes: counts.yes, against: counts.against ?? null, abstain, passed: decision.passed, reasons: decision.reasons, committeeId, meetingId: meeting.id, decidedOn: meeting.date },
      });
    },
  });

/** The form's field a count's reason names. */
const fieldOf = (field: string) => ({ recused: 'voteRecused', yes: 'voteYes', against: 'voteAgainst', present: 'voteRecused', members: 'voteMeeting' })[field] ?? field;

/** The vote in its meeting, and the decision in the history. */
export const recordVote = defineRecordStep<ReturnType<typeof createRecordVote>>()({
  reads: reviewedBy,
  async record(input, out, { registry, applicationId, key }) {
    const vote = out.vote;
    await registry.recordVote(applicationId, { committeeId: vote.committeeId, meetingId: vote.meetingId, meetingDate: vote.decidedOn, recused: vote.recused, members: vote.members, present: vote.present, yes: vote.yes, against: vote.against, abstain: vote.abstain, passed: vote.passed }, key('vote'));
    await registry.record(
      applicationId,
      { kind: 'vote', step: 'committee-vote', name: '组织评审 Committee vote', level: 'committee', office: committeeGroup({ id: vote.committeeId }), actor: str(input.reviewedBy), decision: vote.passed ? 'passed' : 'failed', data: { meetingId: vote.meetingId, meetingDate: vote.decidedOn, members: vote.members, recused: vote.recused, present: vote.present, yes: vote.yes, against: vote.against } },
      key('decision'),
    );
  },
});
