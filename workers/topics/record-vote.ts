// The committee vote (SPEC 2.7): counts checked for consistency, quorum and two-thirds from the policy.
import { z } from 'zod';
import { formatDateZh } from '../domain/dates-zh.js';
import { dateOf, isIsoDate } from '../domain/time.js';
import type { PolicyProvider } from '../policy/provider.js';
import { defineHandler } from '../runtime/handler.js';
import { BusinessError, complete } from '../runtime/outcome.js';
import { decideVote } from '../rules/index.js';

export const topic = 'record-vote';

/** The key of a committee's meeting day, as the `voteSession` variable holds it. */
export const sessionKey = (committeeId: string, date: string): string => `${committeeId}@${date}`;

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
    outputs: ['votePassed', 'voteProblem', 'vote', 'voteSession'],
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
        // A plain string, so that the committee's report of a meeting day finds its votes by value.
        voteSession: sessionKey(committeeId, decidedOn),
      });
    },
  });
