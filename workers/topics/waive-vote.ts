// No committee vote for what the policy recognises without review (初级认定, notice 三（四）names
// 初级认定人员 apart from those reviewed; 三（五）组织评审 is the committee's review): the committee
// phase goes around the vote and the application passes as recognised. The step refuses to waive a
// vote the policy requires, so a wrongly wired diagram becomes an incident, not a title without a vote.
import { z } from 'zod';
import { applicationSchema } from '../domain/application.js';
import { dateOf } from '../domain/time.js';
import type { PolicyProvider } from '../policy/provider.js';
import { defineHandler } from '../runtime/handler.js';
import { defineRecordStep } from './recording.js';
import { complete, PermanentError } from '../runtime/outcome.js';
import { needsCommitteeVote } from '../rules/index.js';

export const topic = 'waive-vote';

export const input = z.object({ application: applicationSchema, policyId: z.string().min(1), committeeId: z.string().min(1) });

export const createWaiveVote = (deps: { policies: PolicyProvider; clock: () => Date }) =>
  defineHandler({
    topic,
    description: 'Passes an application the policy recognises without a committee vote (初级认定), naming the policy entry and the notice clause',
    input,
    outputs: ['votePassed', 'vote', 'voteWaived'],
    async handle({ application, policyId, committeeId }) {
      const policy = deps.policies.get(policyId);
      const need = needsCommitteeVote(application, policy);
      if (need.needed) throw new PermanentError(`application ${application.qualification.level} / ${application.qualification.procedure} needs a committee vote under policy ${policyId}: the diagram must not waive it`);
      const clause = policy.provenance.withoutVote?.clause ?? null;
      const decidedOn = dateOf(deps.clock());
      return complete({
        votePassed: true,
        // The same shape as a held vote's, so the certificate and the 公示表 date the result; `held: false` says none took place.
        vote: { passed: true, held: false, committeeId, decidedOn, reason: need.reason },
        voteWaived: { reason: need.reason, clause },
      });
    },
  });

/** Why no vote took place: the policy entry and the notice's clause. */
export const recordWaiveVote = defineRecordStep<ReturnType<typeof createWaiveVote>>()({
  reads: { committeeGroup: z.string().nullish() },
  async record(input, out, { registry, applicationId, key }) {
    const { reason, clause } = out.voteWaived;
    await registry.record(
      applicationId,
      { kind: 'decision', step: topic, name: `组织评审 No committee vote: 初级认定${clause ? ` (notice ${clause})` : ''}`, level: 'committee', office: input.committeeGroup ?? null, decision: 'no-vote-needed', reasons: reason ? [reason] : null, comment: reason, data: { clause } },
      key('decision'),
    );
  },
});
