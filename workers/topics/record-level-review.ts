// Records one level's review decision (approve and submit upward, return for correction, reject).
import { z } from 'zod';
import type { PolicyProvider } from '../policy/provider.js';
import { materialKindsOf, returnFieldsOf, returnMaterialsOf, returnProblem, wrongOffice, type MaterialKinds } from './record-unit-review.js';
import { defineHandler } from '../runtime/handler.js';
import { waitingStep } from '../domain/steps.js';
import { defineRecordStep, reviewedBy, str } from './recording.js';
import { BusinessError, complete } from '../runtime/outcome.js';

export const topic = 'record-level-review';

/** Lenient on purpose: an incomplete form goes back to the task, it is not an incident. */
export const input = z.object({
  levelReviewDecision: z.string().nullish(),
  levelReviewReason: z.string().nullish(),
  reviewLevel: z.string(),
  reviewOffice: z.string(),
  /** The fields to correct when the level returns the application (domain/corrections.ts). */
  returnFields: z.array(z.unknown()).nullish(),
  /** The kinds of electronic materials to replace or add when it returns it (policy materials.kinds). */
  returnMaterials: z.array(z.unknown()).nullish(),
  /** From the registry: the application's policy, whose material kinds a return may name. */
  policyId: z.string().nullish(),
  /** The group the task went to (its candidate group). */
  reviewGroup: z.string().nullish(),
  /** From the registry: the office its route names for the level under review. */
  levelOffice: z.string().nullish(),
});

/** What is wrong with a level review record, or null. */
export function levelReviewProblem(record: z.output<typeof input>, kinds: MaterialKinds = {}): string | null {
  const decision = record.levelReviewDecision;
  if (decision !== 'approve' && decision !== 'return' && decision !== 'reject') return 'levelReviewDecision: choose approve, return or reject';
  if (decision !== 'approve' && !record.levelReviewReason?.trim()) return `levelReviewReason: a reason is required to ${decision}`;
  if (decision === 'return') return returnProblem(record, kinds);
  return null;
}

export const createRecordLevelReview = (deps: { policies: Pick<PolicyProvider, 'get'> }) =>
  defineHandler({
    topic,
    description: "Validates and records a level's review decision; a task that went to another group than the registry's route names for the level goes back to that office, unrecorded",
    input,
    outputs: ['levelReviewOutcome', 'levelReviewProblem', 'levelReviewDecision', 'levelReviewReason', 'lastLevelReview', 'returnFields', 'returnMaterials', 'reviewGroup'],
    errors: ['LEVEL_REVIEW_INVALID'],
    async handle(record) {
      const problem = levelReviewProblem(record, materialKindsOf(deps.policies, record.policyId));
      if (problem) throw new BusinessError('LEVEL_REVIEW_INVALID', problem);
      // A complete record made by a group the registry's route does not name for this review.
      const misrouted = wrongOffice(record.reviewGroup, record.levelOffice, 'level');
      if (misrouted) throw misrouted;
      return complete({
        levelReviewOutcome: record.levelReviewDecision,
        levelReviewProblem: null,
        // Cleared so that the next level's form starts empty instead of showing this decision.
        levelReviewDecision: null,
        levelReviewReason: null,
        returnFields: null,
        returnMaterials: null,
        lastLevelReview: {
          level: record.reviewLevel,
          office: record.reviewOffice,
          decision: record.levelReviewDecision,
          reason: record.levelReviewReason?.trim() || null,
          fields: record.levelReviewDecision === 'return' ? returnFieldsOf(record.returnFields) : [],
          materials: record.levelReviewDecision === 'return' ? returnMaterialsOf(record.returnMaterials) : [],
        },
      });
    },
  });

/**
 * The level's decision; a return opens the applicant's correction within the returning level's
 * deadline (the flow's timer on await-level-correction); a committee's intake return has no
 * deadline of the notice.
 */
export const recordLevelReview = defineRecordStep<ReturnType<typeof createRecordLevelReview>>()({
  reads: { ...reviewedBy, reviewLevelName: z.string().nullish(), reviewDeadline: z.string().nullish() },
  async record(input, out, { registry, applicationId, key, openWhenReached }) {
    const review = out.lastLevelReview;
    const returned = review.decision === 'return';
    await registry.record(
      applicationId,
      { kind: 'decision', step: 'level-review-task', name: str(input.reviewLevelName) ?? review.office, level: review.level, office: str(input.reviewGroup), actor: str(input.reviewedBy), decision: review.decision, reasons: review.reason ? [review.reason] : null, comment: review.reason, data: { officeName: review.office, ...(returned ? { fields: review.fields, materials: review.materials } : {}) } },
      key('decision'),
    );
    if (returned) await openWhenReached({ ...waitingStep('await-correction'), level: review.level, office: str(input.reviewGroup), deadline: str(input.reviewDeadline) }, 'returned');
  },
});
