// Records the unit's review (SPEC 2.3): a panel of at least three people, a supervising
// discipline-inspection officer, and a decision. An incomplete record goes back to the task.
import { z } from 'zod';
import { isCorrectableField, type CorrectableField } from '../domain/corrections.js';
import type { PolicyProvider } from '../policy/provider.js';
import { defineHandler } from '../runtime/handler.js';
import { stepName, waitingStep } from '../domain/steps.js';
import { defineRecordStep, reviewedBy, str } from './recording.js';
import { BusinessError, complete } from '../runtime/outcome.js';

export const topic = 'record-unit-review';

/** Lenient on purpose: an incomplete form is a business outcome (back to the task), not an incident. */
export const input = z.object({
  unitReviewDecision: z.string().nullish(),
  panelMembers: z.array(z.unknown()).nullish(),
  supervisor: z.string().nullish(),
  unitReviewReason: z.string().nullish(),
  /** The fields to correct when the unit returns the application (domain/corrections.ts). */
  returnFields: z.array(z.unknown()).nullish(),
  /** The kinds of electronic materials to replace or add when it returns it (policy materials.kinds). */
  returnMaterials: z.array(z.unknown()).nullish(),
  /** From the registry: the application's policy, whose material kinds a return may name. */
  policyId: z.string().nullish(),
  /** The group the task went to (its candidate group). */
  unitGroup: z.string().nullish(),
  /** From the registry: the unit's office the unit review was opened for. */
  unitOffice: z.string().nullish(),
});

/**
 * A review task (the unit's or a level's) went to another group than the registry's route names for it: the
 * decision is not recorded, and the task goes back to the route's office.
 */
export function wrongOffice(taskGroup: string | null | undefined, registryOffice: string | null | undefined, what: string): BusinessError | null {
  if (!registryOffice || taskGroup === registryOffice) return null;
  return new BusinessError(
    what === 'unit' ? 'UNIT_REVIEW_INVALID' : 'LEVEL_REVIEW_INVALID',
    `${what === 'unit' ? 'unitGroup' : 'reviewGroup'}: this review belongs to ${registryOffice}, the office the application's route names (the task went to ${taskGroup ?? 'no group'}); the decision is not recorded and the task goes back to ${registryOffice}`,
    { [what === 'unit' ? 'unitGroup' : 'reviewGroup']: registryOffice },
  );
}

export const MIN_PANEL = 3;

/** The material kinds of the policy a return may name (a record step's view of the policy). */
export type MaterialKinds = Readonly<Record<string, unknown>>;

/** The policy's material kinds, for a record step: those of the application's policy. */
export function materialKindsOf(policies: Pick<PolicyProvider, 'get'>, policyId: string | null | undefined): MaterialKinds {
  return policyId ? policies.get(policyId).materials.kinds : {};
}

/** What is wrong with a unit review record, or null when it is complete. */
export function unitReviewProblem(record: z.output<typeof input>, kinds: MaterialKinds = {}): string | null {
  const names = panelNames(record.panelMembers);
  const problems: string[] = [];
  if (new Set(names).size < MIN_PANEL) {
    problems.push(`panelMembers: the review panel needs at least ${MIN_PANEL} different members (审核小组三人以上), got ${new Set(names).size}`);
  }
  const supervisor = record.supervisor?.trim() ?? '';
  if (!supervisor) problems.push('supervisor: the discipline-inspection supervisor (纪检监督人员) is required');
  else if (names.includes(supervisor)) problems.push('supervisor: the supervisor cannot also sit on the panel');
  const decision = record.unitReviewDecision;
  if (decision !== 'approve' && decision !== 'return' && decision !== 'reject') {
    problems.push('unitReviewDecision: choose approve, return or reject');
  } else if (decision !== 'approve' && !record.unitReviewReason?.trim()) {
    problems.push(`unitReviewReason: a reason is required to ${decision}`);
  }
  if (decision === 'return') {
    const fieldsProblem = returnProblem(record, kinds);
    if (fieldsProblem) problems.push(fieldsProblem);
  }
  return problems.length ? problems.join('; ') : null;
}

/**
 * What is wrong with what a return names, or null: at least one field to correct or material kind
 * to replace or add; each field one an applicant can correct, each kind one of the policy's.
 */
export function returnProblem(record: { returnFields?: unknown[] | null; returnMaterials?: unknown[] | null }, kinds: MaterialKinds): string | null {
  const fields = record.returnFields ?? [];
  const materials = record.returnMaterials ?? [];
  if (!fields.length && !materials.length) return 'returnFields: name at least one field to correct (需补正的项目) or material to replace or add (需补交的电子材料)';
  const unknown = fields.filter((f) => !isCorrectableField(f));
  if (unknown.length) return `returnFields: ${unknown.map((f) => JSON.stringify(f)).join(', ')} is not a field an applicant can correct`;
  const strange = materials.filter((k) => typeof k !== 'string' || !Object.hasOwn(kinds, k));
  if (strange.length) return `returnMaterials: ${strange.map((k) => JSON.stringify(k)).join(', ')} is not a kind of material of the application's policy (${Object.keys(kinds).join(', ')})`;
  return null;
}

/** The distinct fields a valid return names, in the order given. */
export const returnFieldsOf = (fields: unknown[] | null | undefined): CorrectableField[] => [...new Set((fields ?? []).filter(isCorrectableField))];

/** The distinct material kinds a valid return names, in the order given. */
export const returnMaterialsOf = (kinds: unknown[] | null | undefined): string[] => [...new Set((kinds ?? []).filter((k): k is string => typeof k === 'string'))];

function panelNames(members: unknown[] | null | undefined): string[] {
  return (members ?? [])
    .map((m) => (typeof m === 'string' ? m : typeof m === 'object' && m !== null ? (m as { name?: unknown }).name : null))
    .filter((n): n is string => typeof n === 'string')
    .map((n) => n.trim())
    .filter(Boolean);
}

export const createRecordUnitReview = (deps: { policies: Pick<PolicyProvider, 'get'> }) =>
  defineHandler({
    topic,
    description: "Validates and records the unit review: panel of at least three, supervisor, decision; a task that went to another group than the registry's unit office goes back to it, unrecorded",
    input,
    outputs: ['unitReviewOutcome', 'unitReview', 'unitReviewProblem', 'returnFields', 'returnMaterials', 'unitGroup'],
    errors: ['UNIT_REVIEW_INVALID'],
    async handle(record) {
      const problem = unitReviewProblem(record, materialKindsOf(deps.policies, record.policyId));
      if (problem) throw new BusinessError('UNIT_REVIEW_INVALID', problem);
      // A complete record made by a group the registry's route does not name for this review.
      const misrouted = wrongOffice(record.unitGroup, record.unitOffice, 'unit');
      if (misrouted) throw misrouted;
      return complete({
        unitReviewOutcome: record.unitReviewDecision,
        unitReviewProblem: null,
        unitReview: {
          decision: record.unitReviewDecision,
          panel: panelNames(record.panelMembers),
          supervisor: record.supervisor?.trim(),
          reason: record.unitReviewReason?.trim() || null,
          fields: record.unitReviewDecision === 'return' ? returnFieldsOf(record.returnFields) : [],
          materials: record.unitReviewDecision === 'return' ? returnMaterialsOf(record.returnMaterials) : [],
        },
        // Cleared so that a later review's form starts without this return's fields.
        returnFields: null,
        returnMaterials: null,
      });
    },
  });

/** The unit's decision; a return opens the applicant's correction within the unit's part of the timetable. */
export const recordUnitReview = defineRecordStep<ReturnType<typeof createRecordUnitReview>>()({
  reads: { ...reviewedBy, unitDeadline: z.string().nullish(), unitNoticeDeadline: z.string().nullish() },
  async record(input, out, { registry, applicationId, key, openWhenReached }) {
    const review = out.unitReview;
    const returned = review.decision === 'return';
    await registry.record(
      applicationId,
      { kind: 'decision', step: 'unit-review-task', name: stepName('unit-review-task'), level: 'unit', office: str(input.unitGroup), actor: str(input.reviewedBy), decision: review.decision, reasons: review.reason ? [review.reason] : null, comment: review.reason, data: { panel: review.panel, supervisor: review.supervisor, ...(returned ? { fields: review.fields, materials: review.materials } : {}) } },
      key('decision'),
    );
    // The applicant corrects within the unit's part of the timetable (the flow's timer on await-correction).
    if (returned) await openWhenReached({ ...waitingStep('await-correction'), level: 'unit', office: str(input.unitGroup), deadline: str(input.unitNoticeDeadline) ?? str(input.unitDeadline) }, 'returned');
  },
});
