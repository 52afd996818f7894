// The committee vote (SPEC 2.7): counts checked for consistency, quorum and two-thirds from the policy.
import { z } from 'zod';
import { formatDateZh } from '../domain/dates-zh.js';
import { dateOf, isIsoDate } from '../domain/time.js';
import type { PolicyProvider } from '../policy/provider.js';
import { defineHandler } from '../runtime/handler.js';
import { defineRecordStep, reviewedBy, str } from './recording.js';
import { BusinessError, complete } from '../runtime/outcome.js';
import { committeeGroup, decideVote } from '../rules/index.js';

export const topic = 'record-vote';

const count = z.coerce.number().int().nullish();
/** Lenient: inconsistent counts go back to the task with the problem shown. */
export const input = z.object({
  policyId: z.string().min(1),
  committeeId: z.string().min(1),
  voteMembers: count,
  voteRecused: count,
  votePresent: count,
  voteYes: count,
  voteAgainst: count,
  /** The meeting day (YYYY-MM-DD, from the form's date field); today when the form has none. */
  voteMeetingDate: z.string().nullish(),
});

export const createRecordVote = (deps: { policies: PolicyProvider; clock: () => Date }) =>
  defineHandler({
    topic,
    description: 'Checks the vote counts and decides pass or fail',
    input,
    outputs: ['votePassed', 'voteProblem', 'vote'],
    errors: ['VOTE_INVALID'],
    async handle({ policyId, committeeId, voteMembers, voteRecused, votePresent, voteYes, voteAgainst, voteMeetingDate }) {
      const counts = { members: voteMembers ?? -1, recused: voteRecused ?? 0, present: votePresent ?? -1, yes: voteYes ?? -1, against: voteAgainst ?? null };
      const decision = decideVote(counts, deps.policies.get(policyId));
      const today = dateOf(deps.clock());
      const problems = decision.valid ? [] : decision.reasons.map((r) => `${r.field}: ${r.message}`);
      if (voteMeetingDate !== null && voteMeetingDate !== undefined) {
        if (!isIsoDate(voteMeetingDate)) problems.push(`voteMeetingDate: ${JSON.stringify(voteMeetingDate)} is not a date YYYY-MM-DD`);
        else if (voteMeetingDate > today) problems.push(`voteMeetingDate: the meeting on ${formatDateZh(voteMeetingDate)} has not taken place yet (today is ${formatDateZh(today)})`);
      }
      if (problems.length > 0) throw new BusinessError('VOTE_INVALID', problems.join('; '));
      // The meeting day dates the result (评审通过时间) and files the vote under that meeting's report.
      const decidedOn = voteMeetingDate ?? today;
      const abstain = counts.against === null ? null : counts.present - counts.yes - counts.against;
      return complete({
        votePassed: decision.passed,
        voteProblem: null,
        vote: { ...counts, abstain, passed: decision.passed, reasons: decision.reasons, committeeId, decidedOn },
      });
    },
  });

/** The vote under its meeting day, and the decision in the history. */
export const recordVote = defineRecordStep<ReturnType<typeof createRecordVote>>()({
  reads: reviewedBy,
  async record(input, out, { registry, applicationId, key }) {
    const vote = out.vote;
    await registry.recordVote(applicationId, { committeeId: vote.committeeId, meetingDate: vote.decidedOn, members: vote.members, present: vote.present, yes: vote.yes, against: vote.against, abstain: vote.abstain, passed: vote.passed }, key('vote'));
    await registry.record(
      applicationId,
      { kind: 'vote', step: 'committee-vote', name: '组织评审 Committee vote', level: 'committee', office: committeeGroup({ id: vote.committeeId }), actor: str(input.reviewedBy), decision: vote.passed ? 'passed' : 'failed', data: { members: vote.members, present: vote.present, yes: vote.yes, against: vote.against, meetingDate: vote.decidedOn } },
      key('decision'),
    );
  },
});
