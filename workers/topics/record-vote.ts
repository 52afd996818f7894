// The committee vote (SPEC 2.7): counts checked for consistency, quorum and two-thirds from the policy.
import { z } from 'zod';
import { dateOf } from '../domain/time.js';
import type { PolicyProvider } from '../policies.js';
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
});

export const createRecordVote = (deps: { policies: PolicyProvider; clock: () => Date }) =>
  defineHandler({
    topic,
    description: 'Checks the vote counts and decides pass or fail',
    input,
    outputs: ['votePassed', 'voteProblem', 'vote', 'voteSession'],
    errors: ['VOTE_INVALID'],
    async handle({ policyId, committeeId, voteMembers, voteRecused, votePresent, voteYes, voteAgainst }) {
      const counts = { members: voteMembers ?? -1, recused: voteRecused ?? 0, present: votePresent ?? -1, yes: voteYes ?? -1, against: voteAgainst ?? null };
      const decision = decideVote(counts, deps.policies.get(policyId));
      if (!decision.valid) throw new BusinessError('VOTE_INVALID', decision.reasons.map((r) => `${r.field}: ${r.message}`).join('; '));
      const decidedOn = dateOf(deps.clock());
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
