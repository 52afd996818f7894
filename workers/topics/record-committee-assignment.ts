// The provincial HR department's assignment by hand (notice 三（三）: 省人社厅 assigns by series,
// specialty and authorised level): when no committee of the policy matched, its task 指定评审委员会
// picks a committee of the policy's registry, or refuses the application with a reason. An unknown
// committee, no decision or a refusal without a reason goes back to the task with the problem.
import { z } from 'zod';
import type { PolicyProvider } from '../policy/provider.js';
import { defineHandler } from '../runtime/handler.js';
import { stepName } from '../domain/steps.js';
import { defineRecordStep, reviewedBy, str } from './recording.js';
import { BusinessError, complete, type Outcome } from '../runtime/outcome.js';
import { committeeVariables, openIntake, type CommitteeVariables } from './assign-committee.js';

export const topic = 'record-committee-assignment';

/** Lenient on purpose: an incomplete form goes back to the task, it is not an incident. */
export const input = z.object({
  policyId: z.string().min(1),
  committeeAssignmentDecision: z.string().nullish(),
  assignedCommitteeId: z.string().nullish(),
  committeeAssignmentReason: z.string().nullish(),
});

export type RecordCommitteeAssignmentOutput = Partial<CommitteeVariables> & {
  committeeAssigned: boolean;
  committeeAssignment: { decision: 'assign' | 'refuse'; committeeId: string | null; reason: string | null };
  committeeAssignmentProblem: null;
  refusal: string | null;
};

export const createRecordCommitteeAssignment = (deps: { policies: PolicyProvider }) =>
  defineHandler({
    topic,
    description: "Validates and records the provincial HR department's committee assignment by hand (assign a committee of the policy, or refuse with a reason)",
    input,
    outputs: ['committeeAssigned', 'committeeId', 'committeeName', 'committeeGroup', 'committeeMembers', 'committeeAssignment', 'committeeAssignmentProblem', 'refusal'],
    errors: ['COMMITTEE_ASSIGNMENT_INVALID'],
    async handle({ policyId, committeeAssignmentDecision: decision, assignedCommitteeId, committeeAssignmentReason }): Promise<Outcome<RecordCommitteeAssignmentOutput>> {
      const policy = deps.policies.get(policyId);
      const reason = committeeAssignmentReason?.trim() || null;
      if (decision === 'refuse') {
        if (!reason) throw new BusinessError('COMMITTEE_ASSIGNMENT_INVALID', 'committeeAssignmentReason: a reason is required to refuse');
        return complete({ committeeAssigned: false, committeeAssignment: { decision, committeeId: null, reason }, committeeAssignmentProblem: null, refusal: reason });
      }
      if (decision !== 'assign') throw new BusinessError('COMMITTEE_ASSIGNMENT_INVALID', 'committeeAssignmentDecision: choose assign or refuse');
      const id = assignedCommitteeId?.trim();
      if (!id) throw new BusinessError('COMMITTEE_ASSIGNMENT_INVALID', 'assignedCommitteeId: choose the committee');
      const committee = policy.committees.find((c) => c.id === id);
      if (!committee) {
        throw new BusinessError('COMMITTEE_ASSIGNMENT_INVALID', `assignedCommitteeId: "${id}" is not a committee of policy ${policyId} (${policy.committees.map((c) => c.id).join(', ')})`);
      }
      return complete({
        committeeAssigned: true,
        ...committeeVariables(committee),
        committeeAssignment: { decision, committeeId: committee.id, reason },
        committeeAssignmentProblem: null,
        refusal: null,
      });
    },
  });

/** The province's assignment or refusal; an assignment opens the committee's intake. */
export const recordCommitteeAssignment = defineRecordStep<ReturnType<typeof createRecordCommitteeAssignment>>()({
  reads: { ...reviewedBy, assignmentGroup: z.string().nullish() },
  async record(input, out, ctx) {
    const assignment = out.committeeAssignment;
    await ctx.registry.record(
      ctx.applicationId,
      {
        kind: 'decision',
        step: 'assign-committee-task',
        name: `${stepName('assign-committee-task')} (notice 三（三）)`,
        level: 'province-hr',
        office: str(input.assignmentGroup),
        actor: str(input.reviewedBy),
        decision: assignment.decision === 'assign' ? 'assigned' : 'refused',
        reasons: assignment.reason ? [assignment.reason] : null,
        comment: assignment.reason,
        data: { committeeId: assignment.committeeId, committeeName: out.committeeName ?? null },
      },
      ctx.key('decision'),
    );
    if (out.committeeAssigned) await openIntake(ctx, { committeeId: out.committeeId ?? null, committeeName: out.committeeName ?? null, committeeGroup: out.committeeGroup ?? null });
  },
});
