// A reviewer's decision made in Tasklist on a task without a validator of its own (an objection
// investigation, a document verification) reaches the registry here: one topic, a service task
// after each such review task, recorded once per task. The step's input parameter `reviewKind`
// says which variables hold the decision and the comment, and in which state the application goes on.
import { z } from 'zod';
import type { Registry } from '../registry/registry.js';
import { defineHandler } from '../runtime/handler.js';
import { waitingStep, type WaitingStepId } from '../domain/steps.js';
import { complete, PermanentError } from '../runtime/outcome.js';

export const topic = 'record-review';

interface Review {
  decision: string;
  comment: string;
  name: string;
  /** The variable naming the office that decided. */
  office: string | null;
  /** Where the application goes on after a decision, when it waits again: the step, and the variable of its deadline. */
  resume: Record<string, { step: WaitingStepId; deadline: string }>;
}

const REVIEWS: Record<string, Review> = {
  'result-objection': { decision: 'objectionOutcome', comment: 'objectionFinding', name: '异议调查 Objection investigated', office: 'committeeGroup', resume: { dismissed: { step: 'result-publicity', deadline: 'publicityEnd' } } },
  'unit-objection': { decision: 'objectionOutcome', comment: 'objectionFinding', name: '单位公示异议调查 Objection investigated', office: 'unitGroup', resume: { dismissed: { step: 'unit-publicity', deadline: 'unitPublicityEnd' } } },
  'certificate-objection': { decision: 'objectionOutcome', comment: 'objectionFinding', name: '证书异议核查 Objection to the certificate investigated', office: 'committeeGroup', resume: {} },
  'document-verification': { decision: 'documentsVerified', comment: 'verificationNote', name: '材料核验 Documents verified', office: null, resume: {} },
};
const KINDS = Object.keys(REVIEWS) as [string, ...string[]];

export const input = z.object({
  /** Which review this step records: the step's input parameter. */
  reviewKind: z.enum(KINDS, { error: `must be one of ${KINDS.join(', ')}` }),
  /** Who completed the task (the user task's output `reviewedBy = ${currentUser()}`). */
  reviewedBy: z.string().nullish(),
  /** The application; a certificate's objection case is keyed by the certificate number instead. */
  applicationId: z.string().nullish(),
  objectedCertificateCode: z.string().nullish(),
  objectionOutcome: z.string().nullish(),
  objectionFinding: z.string().nullish(),
  documentsVerified: z.union([z.boolean(), z.string()]).nullish(),
  verificationNote: z.string().nullish(),
  committeeGroup: z.string().nullish(),
  unitGroup: z.string().nullish(),
  publicityEnd: z.string().nullish(),
  unitPublicityEnd: z.string().nullish(),
});

type Input = z.output<typeof input>;

/** A decision as the registry keeps it: a string (a checkbox's true is `verified`). */
function decisionOf(vars: Input, name: string): string | null {
  const value = (vars as Record<string, unknown>)[name];
  if (typeof value === 'boolean') return value ? 'verified' : 'not-verified';
  return typeof value === 'string' && value ? value : null;
}

export const createRecordReview = (deps: { registry: Pick<Registry, 'record' | 'pendStep' | 'setObjectionCase'> }) =>
  defineHandler({
    topic,
    description: "Records a reviewer's decision made in Tasklist (objection investigations, document verifications)",
    input,
    outputs: [],
    parameters: [{ name: 'reviewKind', label: 'Review', description: `Which review the step records: ${KINDS.join(', ')}`, choices: KINDS }],
    async handle(vars, ctx) {
      const review = REVIEWS[vars.reviewKind]!;
      const applicationId = vars.reviewKind === 'certificate-objection' ? vars.applicationId : ctx.businessKey;
      if (!applicationId) throw new PermanentError('no application id: the instance has no business key and no applicationId');
      const text = (name: string | null): string | null => {
        const value = name ? (vars as Record<string, unknown>)[name] : null;
        return typeof value === 'string' && value ? value : null;
      };
      const decision = decisionOf(vars, review.decision);
      await deps.registry.record(applicationId, { kind: 'decision', step: ctx.activityId ?? vars.reviewKind, name: review.name, office: text(review.office), actor: vars.reviewedBy ?? null, decision, comment: text(review.comment) }, `${ctx.taskId}:decision`);
      const resume = decision ? review.resume[decision] : undefined;
      // The publicity goes on (its wait for objections) once the engine took this completion (withReachedWaits).
      if (resume) await deps.registry.pendStep(applicationId, { ...waitingStep(resume.step), deadline: text(resume.deadline) }, `${ctx.taskId}:resumed`);
      // A dismissed objection to a certificate closes its case: the next objection may be lodged.
      if (vars.reviewKind === 'certificate-objection' && decision !== 'upheld' && vars.objectedCertificateCode) await deps.registry.setObjectionCase(vars.objectedCertificateCode, null);
      return complete();
    },
  });
