// Records the unit's review (SPEC 2.3): a panel of at least three people, a supervising
// discipline-inspection officer, and a decision. An incomplete record goes back to the task.
import { z } from 'zod';
import { defineHandler } from '../runtime/handler.js';
import { BusinessError, complete } from '../runtime/outcome.js';

export const topic = 'record-unit-review';

/** Lenient on purpose: an incomplete form is a business outcome (back to the task), not an incident. */
export const input = z.object({
  unitReviewDecision: z.string().nullish(),
  panelMembers: z.array(z.unknown()).nullish(),
  supervisor: z.string().nullish(),
  unitReviewReason: z.string().nullish(),
});

export const MIN_PANEL = 3;

/** What is wrong with a unit review record, or null when it is complete. */
export function unitReviewProblem(record: z.output<typeof input>): string | null {
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
  return problems.length ? problems.join('; ') : null;
}

function panelNames(members: unknown[] | null | undefined): string[] {
  return (members ?? [])
    .map((m) => (typeof m === 'string' ? m : typeof m === 'object' && m !== null ? (m as { name?: unknown }).name : null))
    .filter((n): n is string => typeof n === 'string')
    .map((n) => n.trim())
    .filter(Boolean);
}

export const createRecordUnitReview = () =>
  defineHandler({
    topic,
    description: 'Validates and records the unit review: panel of at least three, supervisor, decision',
    input,
    outputs: ['unitReviewOutcome', 'unitReview', 'unitReviewProblem'],
    errors: ['UNIT_REVIEW_INVALID'],
    async handle(record) {
      const problem = unitReviewProblem(record);
      if (problem) throw new BusinessError('UNIT_REVIEW_INVALID', problem);
      return complete({
        unitReviewOutcome: record.unitReviewDecision,
        unitReviewProblem: null,
        unitReview: {
          decision: record.unitReviewDecision,
          panel: panelNames(record.panelMembers),
          supervisor: record.supervisor?.trim(),
          reason: record.unitReviewReason?.trim() || null,
        },
      });
    },
  });
