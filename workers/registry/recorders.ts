// What each worker step tells the registry. A recorder runs after its handler decided and before
// the task completes, with the handler's input and output: the facts reach the registry through
// our own code, in the same step that makes them, and a retried task records nothing twice (each
// record is keyed by the task's id). A recorder that fails fails the task, which is retried.
import { z } from 'zod';
import { committeeGroup } from '../rules/committees.js';
import type { AnyHandler, HandlerContext } from '../runtime/handler.js';
import { PermanentError, type Outcome } from '../runtime/outcome.js';
import type { Registry } from './registry.js';

type Vars = Record<string, unknown>;

export interface Recorder {
  /** Variables the recorder reads besides the handler's input. */
  reads?: z.ZodRawShape;
  record(input: Vars, output: Vars, ctx: HandlerContext & { applicationId: string }): Promise<void>;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
const reviewedBy = { reviewedBy: z.string().nullish() };
/** A publicity's working-day period (its first day and length), so that it can be counted again. */
const periodOf = (start: unknown, days: unknown) => (typeof start === 'string' && typeof days === 'number' ? { start, days } : null);

/** The step after the fee: the committee's vote, or for what goes without one (初级认定) the step that records why. */
export function stepAfterFee(needsVote: boolean): { step: string; name: string } {
  return needsVote ? { step: 'committee-vote', name: '组织评审 Committee review' } : { step: 'waive-vote', name: '初级认定 No committee vote needed' };
}

/** The recorders of the registry, by topic. */
export function createRecorders(registry: Registry): Record<string, Recorder> {
  const key = (ctx: HandlerContext, what: string) => `${ctx.taskId}:${what}`;
  /** Committee intake opens at the assigned committee's office (automatic or by the province). */
  const openIntake = (ctx: HandlerContext & { applicationId: string }, out: Vars, dedupeKey: string) =>
    registry.openStep(
      ctx.applicationId,
      { state: 'in-review', step: 'level-review-task', name: `评委会审核 Committee intake: ${str(out.committeeName) ?? ''}`.trim(), level: 'committee', office: str(out.committeeGroup) },
      dedupeKey,
      { committee_id: str(out.committeeId), committee_group: str(out.committeeGroup) },
    );
  return {
    'check-eligibility': {
      async record(_input, out, ctx) {
        if (out.eligible !== true) {
          await registry.record(ctx.applicationId, { kind: 'refused', step: 'check-eligibility', name: '申报范围 Not eligible', reasons: out.eligibilityReasons }, key(ctx, 'checked'));
          return;
        }
        const division = out.division as { code?: string } | null;
        await registry.record(ctx.applicationId, { kind: 'routed', step: 'check-eligibility', name: '申报范围 Eligible, routed', data: { division } }, key(ctx, 'checked'), { route: JSON.stringify(out.route), division_code: division?.code ?? null });
        const route = out.route as Array<{ level: string }>;
        await registry.openStep(ctx.applicationId, { state: 'in-review', step: 'unit-review-task', name: '单位审核 Unit review', office: str(out.unitGroup), deadline: str(out.unitDeadline), level: route[0]?.level ?? 'unit', warning: str(out.unitDeadlineWarning), provisional: str(out.unitDeadlineProvisional) }, key(ctx, 'opened'));
      },
    },
    'record-unit-review': {
      reads: { ...reviewedBy, unitGroup: z.string().nullish(), unitDeadline: z.string().nullish(), unitNoticeDeadline: z.string().nullish() },
      async record(input, out, ctx) {
        const review = out.unitReview as { decision: string; reason: string | null; panel: string[]; supervisor: string; fields: string[] };
        const returned = review.decision === 'return';
        await registry.record(ctx.applicationId, { kind: 'decision', step: 'unit-review-task', name: '单位审核 Unit review', level: 'unit', office: str(input.unitGroup), actor: str(input.reviewedBy), decision: review.decision, reasons: review.reason ? [review.reason] : null, comment: review.reason, data: { panel: review.panel, supervisor: review.supervisor, ...(returned ? { fields: review.fields } : {}) } }, key(ctx, 'decision'));
        if (returned) {
          // The applicant corrects within the unit's part of the timetable (the flow's timer on await-correction).
          await registry.openStep(ctx.applicationId, { state: 'returned', step: 'await-correction', name: '退回补正 Returned for correction', level: 'unit', office: str(input.unitGroup), deadline: str(input.unitNoticeDeadline) ?? str(input.unitDeadline) }, key(ctx, 'returned'));
        }
      },
    },
    'start-unit-publicity': {
      reads: { unitGroup: z.string().nullish() },
      async record(input, out, ctx) {
        await registry.openStep(ctx.applicationId, { state: 'in-unit-publicity', step: 'unit-publicity', name: '单位公示 Unit publicity', office: str(input.unitGroup), deadline: str(out.unitPublicityEnd), provisional: str(out.unitPublicityProvisional), period: periodOf(out.unitPublicityStart, out.unitPublicityDays) }, key(ctx, 'opened'));
      },
    },
    'route-next-level': {
      async record(_input, out, ctx) {
        if (out.hasNextLevel !== true) return;
        await registry.openStep(ctx.applicationId, { state: 'in-review', step: 'level-review-task', name: str(out.reviewLevelName) ?? '逐级审核 Level review', level: str(out.reviewLevel), office: str(out.reviewGroup), deadline: str(out.reviewDeadline), warning: str(out.reviewDeadlineWarning) }, key(ctx, 'opened'));
      },
    },
    'record-level-review': {
      reads: { ...reviewedBy, reviewGroup: z.string().nullish(), reviewLevelName: z.string().nullish(), reviewDeadline: z.string().nullish() },
      async record(input, out, ctx) {
        const review = out.lastLevelReview as { level: string; office: string; decision: string; reason: string | null; fields: string[] };
        const returned = review.decision === 'return';
        await registry.record(ctx.applicationId, { kind: 'decision', step: 'level-review-task', name: str(input.reviewLevelName) ?? review.office, level: review.level, office: str(input.reviewGroup), actor: str(input.reviewedBy), decision: review.decision, reasons: review.reason ? [review.reason] : null, comment: review.reason, data: { officeName: review.office, ...(returned ? { fields: review.fields } : {}) } }, key(ctx, 'decision'));
        if (returned) {
          // The applicant corrects within the returning level's deadline (the flow's timer on
          // await-level-correction); a committee's intake return has no deadline of the notice.
          await registry.openStep(ctx.applicationId, { state: 'returned', step: 'await-correction', name: '退回补正 Returned for correction', level: review.level, office: str(input.reviewGroup), deadline: str(input.reviewDeadline) }, key(ctx, 'returned'));
        }
      },
    },
    'assign-committee': {
      async record(_input, out, ctx) {
        if (out.committeeAssigned !== true) {
          // No committee of the policy matched: the provincial HR department assigns one by hand (notice 三（三）).
          await registry.openStep(ctx.applicationId, { state: 'in-review', step: 'assign-committee-task', name: '指定评审委员会 Committee assignment by the provincial HR department', level: 'province-hr', office: str(out.assignmentGroup) }, key(ctx, 'opened'));
          return;
        }
        await openIntake(ctx, out, key(ctx, 'opened'));
      },
    },
    'record-committee-assignment': {
      reads: { ...reviewedBy, assignmentGroup: z.string().nullish() },
      async record(input, out, ctx) {
        const assignment = out.committeeAssignment as { decision: string; committeeId: string | null; reason: string | null };
        const decision = assignment.decision === 'assign' ? 'assigned' : 'refused';
        await registry.record(
          ctx.applicationId,
          { kind: 'decision', step: 'assign-committee-task', name: '指定评审委员会 Committee assignment by the provincial HR department (notice 三（三）)', level: 'province-hr', office: str(input.assignmentGroup), actor: str(input.reviewedBy), decision, reasons: assignment.reason ? [assignment.reason] : null, comment: assignment.reason, data: { committeeId: assignment.committeeId, committeeName: str(out.committeeName) } },
          key(ctx, 'decision'),
        );
        if (out.committeeAssigned === true) await openIntake(ctx, out, key(ctx, 'opened'));
      },
    },
    'decide-fee': {
      reads: { committeeGroup: z.string().nullish(), needsVote: z.boolean().nullish() },
      async record(input, out, ctx) {
        const fee = out.fee as { exempt: boolean } & Vars;
        if (fee.exempt) {
          await registry.openStep(ctx.applicationId, { state: 'in-review', ...stepAfterFee(input.needsVote !== false), level: 'committee', office: str(input.committeeGroup) }, key(ctx, 'opened'), { fee: JSON.stringify(fee), fee_state: 'exempt' });
        } else {
          // No deadline while the payment notice sets none (三（四）): the committee's office may end the wait.
          const office = out.paymentWaitGroups ? str(input.committeeGroup) : null;
          await registry.openStep(ctx.applicationId, { state: 'awaiting-payment', step: 'await-payment', name: '缴费 Payment', deadline: str(out.paymentDeadline), office }, key(ctx, 'opened'), { fee: JSON.stringify(fee), fee_state: 'due', payment_deadline: str(out.paymentDeadline) });
        }
      },
    },
    'waive-vote': {
      reads: { committeeGroup: z.string().nullish() },
      async record(input, out, ctx) {
        const waived = out.voteWaived as { reason: string | null; clause: string | null };
        await registry.record(
          ctx.applicationId,
          { kind: 'decision', step: 'waive-vote', name: `组织评审 No committee vote: 初级认定${waived.clause ? ` (notice ${waived.clause})` : ''}`, level: 'committee', office: str(input.committeeGroup), decision: 'no-vote-needed', reasons: waived.reason ? [waived.reason] : null, comment: waived.reason, data: { clause: waived.clause } },
          key(ctx, 'decision'),
        );
      },
    },
    'record-vote': {
      reads: reviewedBy,
      async record(input, out, ctx) {
        const vote = out.vote as { members: number; present: number; yes: number; against: number | null; abstain: number | null; passed: boolean; committeeId: string; decidedOn: string };
        await registry.recordVote(ctx.applicationId, { committeeId: vote.committeeId, meetingDate: vote.decidedOn, members: vote.members, present: vote.present, yes: vote.yes, against: vote.against, abstain: vote.abstain, passed: vote.passed }, key(ctx, 'vote'));
        await registry.record(ctx.applicationId, { kind: 'vote', step: 'committee-vote', name: '组织评审 Committee vote', level: 'committee', office: committeeGroup({ id: vote.committeeId }), actor: str(input.reviewedBy), decision: vote.passed ? 'passed' : 'failed', data: { members: vote.members, present: vote.present, yes: vote.yes, against: vote.against, meetingDate: vote.decidedOn } }, key(ctx, 'decision'));
      },
    },
    'start-result-publicity': {
      reads: { committeeGroup: z.string().nullish() },
      async record(input, out, ctx) {
        await registry.openStep(ctx.applicationId, { state: 'in-publicity', step: 'result-publicity', name: '结果公示 Result publicity', office: str(input.committeeGroup), deadline: str(out.publicityEnd), provisional: str(out.publicityProvisional), period: periodOf(out.publicityStart, out.publicityDays) }, key(ctx, 'opened'), { publicity_end: str(out.publicityEnd) });
      },
    },
    'render-documents': {
      async record(_input, out, ctx) {
        const documents = (out.documents ?? {}) as Record<string, { sha256?: string; size?: number; fileName?: string; renderedAt?: string }>;
        for (const [name, d] of Object.entries(documents)) {
          if (!d?.sha256 || typeof d.size !== 'number' || !d.fileName) continue;
          await registry.putDocument(ctx.applicationId, { name, sha256: d.sha256, size: d.size, fileName: d.fileName, store: 'documents', renderedAt: d.renderedAt ?? null });
        }
      },
    },
    'move-deadline': {
      async record(input, out, ctx) {
        if (out.deadlineMoved !== true) return;
        const deadline = str(out[String(input.deadlineVariable)]);
        await registry.record(ctx.applicationId, { kind: 'deadline-moved', step: String(input.deadlineVariable), name: '3010 顺延 Deadline moved to the next window', data: { deadline } }, key(ctx, 'moved'), { current_deadline: deadline });
      },
    },
  };
}

/** The handler with its recorder: the recorder's reads join the input, and it runs after a decision to complete. */
export function withRecorder(handler: AnyHandler, recorder: Recorder | undefined): AnyHandler {
  if (!recorder) return handler;
  const input = recorder.reads ? handler.input.extend(recorder.reads) : handler.input;
  return {
    ...handler,
    input,
    async handle(vars: Vars, ctx: HandlerContext): Promise<Outcome> {
      const outcome = await handler.handle(vars, ctx);
      if (outcome.kind !== 'complete') return outcome;
      if (!ctx.businessKey) throw new PermanentError('the instance has no business key (the application id): nothing can be recorded');
      await recorder.record(vars, outcome.variables, { ...ctx, applicationId: ctx.businessKey });
      return outcome;
    },
  };
}
