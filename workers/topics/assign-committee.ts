// Committee intake (SPEC 2.5, notice 三（三）): the provincial HR department assigns the application
// to a review committee's office by series, specialty and authorised level; the committee's office
// group reviews the qualification. When no committee of the policy matches (or two match equally),
// the application is not refused: the provincial HR department assigns it by hand (指定评审委员会).
// The step also says whether the committee votes at all (初级认定 goes without a vote).
import { z } from 'zod';
import { applicationSchema } from '../domain/application.js';
import type { PolicyProvider } from '../policy/provider.js';
import { defineHandler } from '../runtime/handler.js';
import { waitingStep } from '../domain/steps.js';
import { defineRecordStep, type RecordContext } from './recording.js';
import { complete, type Outcome } from '../runtime/outcome.js';
import { assignCommittee, committeeGroup, needsCommitteeVote, provinceGroup, type Committee, type Policy } from '../rules/index.js';

export const topic = 'assign-committee';

export const input = z.object({ application: applicationSchema, policyId: z.string().min(1) });

/** The flow's variables of an assigned committee: the same for the automatic and the manual assignment. */
export function committeeVariables(c: Committee) {
  return { committeeId: c.id, committeeName: c.name, committeeGroup: committeeGroup(c), committeeMembers: c.members };
}

/** The committees the province may pick from, as the options of the assignment form's select. */
export const committeeChoices = (policy: Policy) => policy.committees.map((c) => ({ label: `${c.name}（${c.id}）`, value: c.id }));

/** A committee's variables, or nulls where none is assigned yet. */
export type CommitteeVariables = { [K in keyof ReturnType<typeof committeeVariables>]: ReturnType<typeof committeeVariables>[K] | null };

export type AssignCommitteeOutput = CommitteeVariables & {
  committeeAssigned: boolean;
  assignmentGroup: string | null;
  assignmentReason: string | null;
  committeeChoices: ReturnType<typeof committeeChoices> | null;
  needsVote: boolean;
  voteWaiver: ReturnType<typeof needsCommitteeVote>['reason'];
};

export const createAssignCommittee = (deps: { policies: PolicyProvider }) =>
  defineHandler({
    topic,
    description: 'Assigns the review committee by series, specialty and level; without a match the provincial HR department assigns one by hand. Says whether the committee votes (初级认定 does not)',
    input,
    outputs: [
      'committeeAssigned',
      'committeeId',
      'committeeName',
      'committeeGroup',
      'committeeMembers',
      'assignmentGroup',
      'assignmentReason',
      'committeeChoices',
      'needsVote',
      'voteWaiver',
    ],
    async handle({ application, policyId }): Promise<Outcome<AssignCommitteeOutput>> {
      const policy = deps.policies.get(policyId);
      const vote = needsCommitteeVote(application, policy);
      const voteVars = { needsVote: vote.needed, voteWaiver: vote.reason };
      const result = assignCommittee(application, policy);
      if (result.ok) {
        return complete({ committeeAssigned: true, ...committeeVariables(result.committee), assignmentGroup: null, assignmentReason: null, committeeChoices: null, ...voteVars });
      }
      return complete({
        committeeAssigned: false,
        committeeId: null,
        committeeName: null,
        committeeGroup: null,
        committeeMembers: null,
        assignmentGroup: provinceGroup(policy),
        // Why the registry found none: shown on the province's task.
        assignmentReason: result.reasons.map((r) => `${r.field}: ${r.message}`).join('; '),
        committeeChoices: committeeChoices(policy),
        ...voteVars,
      });
    },
  });

/** Committee intake opens at the assigned committee's office (automatic or by the province). */
export function openIntake(ctx: RecordContext, out: Pick<CommitteeVariables, 'committeeId' | 'committeeName' | 'committeeGroup'>): Promise<boolean> {
  return ctx.registry.openStep(
    ctx.applicationId,
    { ...waitingStep('level-review-task'), name: `评委会审核 Committee intake: ${out.committeeName ?? ''}`.trim(), level: 'committee', office: out.committeeGroup },
    ctx.key('opened'),
    { committee_id: out.committeeId, committee_group: out.committeeGroup },
  );
}

/** The committee's intake, or without a match the province's assignment by hand (notice 三（三）). */
export const recordAssignCommittee = defineRecordStep<ReturnType<typeof createAssignCommittee>>()({
  async record(_input, out, ctx) {
    if (out.committeeAssigned) await openIntake(ctx, out);
    else await ctx.registry.openStep(ctx.applicationId, { ...waitingStep('assign-committee-task'), office: out.assignmentGroup }, ctx.key('opened'));
  },
});
