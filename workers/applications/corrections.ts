// The applicant's correction of a returned application (退回补正): validated like a submission, it
// may change only the fields the return named, and goes back to the level that returned it.
// Claimed, delivered, recorded: a short transaction claims the correction under the application's
// row lock (registry/corrections.ts), the flow is sent it outside any transaction, and a second
// short transaction records it; a claim left pending by a process that died between is settled by
// the next correction of the application or by `resumeCorrections`.
import { stepName, waitingStep } from '../domain/steps.js';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { applicationSchema, fieldErrors, type Application, type FieldError } from '../domain/application.js';
import { applyCorrection, changedFields, isCorrectableField, valueAt } from '../domain/corrections.js';
import { formatInstantZh } from '../domain/dates-zh.js';
import { toShanghaiIso } from '../domain/time.js';
import { displayVariables } from '../domain/display.js';
import { EngineUnavailableError } from '../adapters/camunda7/rest-client.js';
import { NotWaitingError } from '../adapters/camunda7/workflow-engine.js';
import type { ApplicationRow, CorrectionClaim, StepOpened } from '../registry/registry.js';
import { checkEligibility, computeRoute, type Reason, decideFee } from '../rules/index.js';
import { submittedBy, type ApplicationServiceDeps } from './context.js';
import { correlate } from './correlate.js';
import { returnOf } from './returns.js';
import { correctionText } from './correction-text.js';
import { checkUploads, listedUploads, takenMeanwhile, type UploadRow } from './uploads.js';
import { MaterialsTakenError } from '../registry/registry.js';

/** What a correction answers. */
export type CorrectionResult =
  | { kind: 'not-found' }
  /** Not returned for correction, or its deadline passed: the message says which. */
  | { kind: 'conflict'; message: string }
  /** The body does not parse, or the corrected application does not validate like a submission. */
  | { kind: 'invalid'; errors: FieldError[] }
  /** Valid, but against the rules of a correction (a field the return did not name, a new route, no change). */
  | { kind: 'not-allowed'; errors: FieldError[] }
  | { kind: 'refused'; reasons: Reason[] }
  /** An upload it lists is attached to an application (409). */
  | { kind: 'materials-conflict'; errors: FieldError[] }
  | { kind: 'corrected'; fields: string[]; materials: CorrectedMaterial[]; returnsTo: { level: string | null; office: string | null; step: string } };

/** A new upload a correction attached, and the application's materials of its kind it replaced. */
export interface CorrectedMaterial {
  id: string;
  kind: string;
  fileName: string;
  replaces: Array<{ id: string; fileName: string }>;
}

export const correctionSchema = z.object({
  /** The corrected fields; none when the correction only brings the materials the return asked for. */
  application: z.record(z.string(), z.unknown(), { error: 'must be an object with the corrected fields of the application' }).default({}),
  comment: z.string().trim().max(2000, { error: 'must be at most 2000 characters' }).optional(),
});

/** How long a claim may stay pending before another process settles it. */
export const SETTLE_AFTER_MS = 60_000;

export class CorrectionDesk {
  constructor(private readonly deps: ApplicationServiceDeps) {}

  /**
   * The applicant's correction of a returned application (退回补正): the corrected fields, validated
   * like a submission, may change only what the return named; the flow goes back to the level that
   * returned it. After the correction's deadline the flow counts the application as given up (视为放弃),
   * so a late correction is refused even before the flow's timer has fired.
   */
  async correct(id: string, body: unknown, client?: string): Promise<CorrectionResult> {
    const row = await this.deps.registry.application(id);
    if (!row || !submittedBy(row, client)) return { kind: 'not-found' };
    const early = this.notReturned(row);
    if (early) return { kind: 'conflict', message: early };
    const parsedBody = correctionSchema.safeParse(body);
    if (!parsedBody.success) return { kind: 'invalid', errors: fieldErrors(parsedBody.error) };

    const listed = listedUploads(body);
    if (!listed.ok) return { kind: 'invalid', errors: listed.errors };

    const returned = returnOf(await this.deps.registry.events(id));
    const uploads = await this.uploadsFor(row, listed.ids, returned?.materials ?? [], client);
    if (uploads.kind !== 'ok') return uploads;
    const before = applicationSchema.parse(row.application);
    const checked = this.check(row, before, parsedBody.data.application, returned?.fields ?? [], returned?.level ?? 'unit', uploads.materials.length > 0);
    if (checked.kind !== 'ok') return checked;
    const { after, changed } = checked;

    const step: StepOpened = returned?.level === 'unit' || !returned
      ? { ...waitingStep('unit-review-task'), office: row.current_office, deadline: row.current_deadline }
      : { ...waitingStep('level-review-task'), name: returned.stepName ?? stepName('level-review-task'), level: returned.level, office: row.current_office, deadline: row.current_deadline };
    const now = this.deps.clock();
    const claim: CorrectionClaim = {
      id: randomUUID(),
      claimedAt: now.toISOString(),
      variables: {
        application: after,
        correctedFields: changed,
        correctedAt: toShanghaiIso(now),
        // What the reviewer who asked sees in the form: each field before and after, the files, the comment.
        correctionText: correctionText({ returnedBy: returned?.stepName ?? null, at: now, changed, before, after, materials: uploads.materials, comment: parsedBody.data.comment ?? null }),
        ...displayVariables(after),
      },
      // The fee is decided again from the corrected application (a correction may meet or lose an exemption's conditions); decide-fee reads it.
      change: { application: JSON.stringify(after), fee: JSON.stringify(decideFee(after, this.deps.policies.get(row.policy_id))), applicant_name: after.applicant.name, series: after.qualification.series, specialty: after.qualification.specialty, level: after.qualification.level, unit_name: after.unit.name },
      event: {
        kind: 'corrected',
        step: 'await-correction',
        name: '补正 Corrected by the applicant',
        level: step.level,
        office: step.office,
        comment: parsedBody.data.comment ?? null,
        // The history keeps which file replaced which (三（一）).
        data: { fields: changed, before: Object.fromEntries(changed.map((f) => [f, valueAt(before, f) ?? null])), ...(uploads.materials.length ? { materials: uploads.materials } : {}) },
      },
      step,
      ...(uploads.materials.length
        ? { materials: { caller: row.caller ?? '', attach: uploads.materials.map((m) => m.id), replace: uploads.materials.flatMap((m) => m.replaces.map((r) => ({ replaced: r.id, by: m.id }))) } }
        : {}),
    };

    // 1. Claim: a short transaction checks the row under its lock and records the correction about to be delivered.
    let claimed = await this.claim(id, claim);
    if (claimed.kind === 'materials-conflict') return claimed;
    if (claimed.kind === 'pending') {
      // An earlier correction was claimed and neither recorded nor released (its process died, or
      // the engine did not answer): settled first, then this one is checked against the outcome.
      if (Date.parse(claimed.claim.claimedAt) > now.getTime() - SETTLE_AFTER_MS) return { kind: 'conflict', message: 'another correction of this application is being recorded' };
      await this.settle(row, claimed.claim);
      claimed = await this.claim(id, claim);
      if (claimed.kind === 'materials-conflict') return claimed;
      if (claimed.kind === 'pending') return { kind: 'conflict', message: 'another correction of this application is being recorded' };
    }
    if (claimed.kind === 'conflict') return claimed;
    // 2. Deliver, outside any transaction. 3. Record, in a second short transaction.
    const outcome = await this.deliverAndRecord(row, claim, false);
    if (outcome === 'not-waiting') return { kind: 'conflict', message: 'the application no longer waits for a correction (its deadline passed or it ended)' };
    this.deps.log.info({ applicationId: id, fields: changed, materials: uploads.materials.map((m) => m.id), level: step.level }, 'application corrected');
    return { kind: 'corrected', fields: changed, materials: uploads.materials, returnsTo: { level: step.level ?? null, office: step.office ?? null, step: step.step } };
  }

  /** Claims the correction; uploads taken by another application meanwhile refuse it (nothing recorded). */
  private async claim(id: string, claim: CorrectionClaim) {
    try {
      return await this.deps.registry.claimCorrection(id, (r) => this.notReturned(r), claim);
    } catch (error) {
      if (error instanceof MaterialsTakenError) return { kind: 'materials-conflict', errors: takenMeanwhile(error, claim.materials?.attach ?? []) } as const;
      throw error;
    }
  }

  /**
   * The uploads a correction lists, checked: free uploads of the client, each of a kind the return
   * named (三（一）: the applicant brings what the reviewer asked for, nothing else), the
   * application's materials afterwards within the policy's weight. Each replaces the application's
   * current materials of its kind (the first upload of a kind takes over their history; another of
   * the same kind is added beside it).
   */
  private async uploadsFor(row: ApplicationRow, ids: readonly string[], named: readonly string[], client: string | undefined): Promise<{ kind: 'ok'; materials: CorrectedMaterial[] } | Extract<CorrectionResult, { kind: 'not-allowed' | 'materials-conflict' }>> {
    if (ids.length === 0) return { kind: 'ok', materials: [] };
    const { rows, invalid, taken } = await checkUploads(this.deps.registry, ids, client ?? row.caller ?? undefined, this.deps.clock());
    const wrongKind = ids.flatMap((id, i) => {
      const kind = rows.get(id)?.kind;
      return kind && !named.includes(kind) && !invalid.some((e) => e.field === `materials[${i}].id`)
        ? [{ field: `materials[${i}].id`, message: `is of kind ${kind}, which the return did not name; the return asked for: ${named.join(', ') || '(no materials)'}` }]
        : [];
    });
    if (invalid.length || wrongKind.length) return { kind: 'not-allowed', errors: [...invalid, ...wrongKind] };
    if (taken.length) return { kind: 'materials-conflict', errors: taken };
    const current = await this.deps.registry.materialsOf(row.id);
    const uploads = ids.map((id) => rows.get(id)!);
    const policy = this.deps.policies.get(row.policy_id).materials;
    const replacedKinds = new Set(uploads.map((u) => u.kind));
    const total = [...current.filter((m) => !replacedKinds.has(m.kind)), ...uploads].reduce((n, m) => n + m.bytes, 0);
    if (total > policy.maxApplicationBytes) {
      return { kind: 'not-allowed', errors: [{ field: 'materials', message: `the application's materials would weigh ${total} bytes together, more than the policy's materials.maxApplicationBytes (${policy.maxApplicationBytes})` }] };
    }
    const firstOfKind = (u: UploadRow) => uploads.find((x) => x.kind === u.kind) === u;
    return {
      kind: 'ok',
      materials: uploads.map((u) => ({
        id: u.id,
        kind: u.kind,
        fileName: u.file_name,
        replaces: firstOfKind(u) ? current.filter((m) => m.kind === u.kind).map((m) => ({ id: m.id, fileName: m.file_name })) : [],
      })),
    };
  }

  /**
   * Settles the corrections claimed more than `olderThanMs` ago and neither recorded nor released
   * (a process died between the claim and the record, or the engine did not answer); the number
   * recorded. Safe in every API process at once: a claim is recorded once, by its id.
   */
  async resumeCorrections(olderThanMs: number = SETTLE_AFTER_MS): Promise<number> {
    let recorded = 0;
    for (const { row, claim } of await this.deps.registry.pendingCorrections(new Date(this.deps.clock().getTime() - olderThanMs))) {
      try {
        if ((await this.settle(row, claim)) === 'recorded') recorded++;
      } catch (error) {
        if (error instanceof EngineUnavailableError) return recorded;
        this.deps.log.error({ err: error, applicationId: row.id }, 'could not settle a claimed correction');
      }
    }
    return recorded;
  }

  /**
   * Delivers a claimed correction to the flow, then records it. The flow not waiting releases the
   * claim, unless `delivered` may have happened (`settle`); any other failure (the engine not
   * answering) leaves it claimed, to be settled later.
   */
  private async deliverAndRecord(row: ApplicationRow, claim: CorrectionClaim, settling: boolean): Promise<'recorded' | 'not-waiting'> {
    try {
      await correlate(this.deps.engine, 'ApplicationCorrected', row, claim.variables);
    } catch (error) {
      if (!(error instanceof NotWaitingError)) throw error;
      // Settling: the flow may have left the wait because an earlier delivery of this very claim
      // reached it (the process died before recording). While the correction's deadline has not
      // passed, no timer can have taken it out of the wait, and an ended flow is recorded as ended:
      // so a flow that still counts as returned, before its deadline, took this correction.
      const current = settling ? await this.deps.registry.application(row.id) : null;
      const delivered = current !== null && current.state === 'returned' && !(current.current_deadline && this.deps.clock().getTime() > current.current_deadline.getTime());
      if (!delivered) {
        await this.deps.registry.releaseCorrection(row.id, claim.id);
        return 'not-waiting';
      }
    }
    await this.deps.registry.recordCorrection(row.id, claim.id);
    return 'recorded';
  }

  /** A claim found pending: delivered again (or found delivered) and recorded, or released. */
  private async settle(row: ApplicationRow, claim: CorrectionClaim): Promise<'recorded' | 'not-waiting'> {
    const outcome = await this.deliverAndRecord(row, claim, true);
    this.deps.log.warn({ applicationId: row.id, claim: claim.id, outcome }, 'a claimed correction was settled');
    return outcome;
  }

  /** Why the application cannot be corrected now (not returned, or its deadline passed), or null. */
  private notReturned(r: ApplicationRow): string | null {
    if (r.state !== 'returned') return `the application is not returned for correction (its status is ${r.state === 'starting' ? 'accepted' : r.state})`;
    if (r.current_deadline && this.deps.clock().getTime() > r.current_deadline.getTime()) {
      return `the deadline to correct was ${formatInstantZh(r.current_deadline)}; an application not corrected by then counts as given up (视为放弃)`;
    }
    return null;
  }

  /**
   * The corrected application, checked like a submission and against the rules of a correction:
   * only the fields the return named change, something changes, it stays eligible, and a return by a
   * level above the unit keeps the route it was sent on.
   */
  private check(row: ApplicationRow, before: Application, corrected: Record<string, unknown>, fields: readonly string[], level: string | null, bringsMaterials: boolean):
    | { kind: 'ok'; after: Application; changed: string[] }
    | Extract<CorrectionResult, { kind: 'invalid' | 'not-allowed' | 'refused' }> {
    const merged = applyCorrection(before, corrected);
    const parsed = applicationSchema.safeParse({ ...(merged as object), submittedAt: before.submittedAt });
    if (!parsed.success) return { kind: 'invalid', errors: fieldErrors(parsed.error).map((e) => ({ ...e, field: `application.${e.field}` })) };
    const after = parsed.data;
    const changed = changedFields(before, after);
    const named = new Set<string>(fields);
    const errors = changed
      .filter((f) => !named.has(f))
      .map((field) => ({
        field: `application.${field}`,
        message: isCorrectableField(field)
          ? `was not named by the return; the return asked to correct: ${[...named].join(', ') || '(nothing)'}`
          : 'cannot be changed by a correction (withdraw and apply again instead)',
      }));
    if (errors.length) return { kind: 'not-allowed', errors };
    if (!changed.length && !bringsMaterials) return { kind: 'not-allowed', errors: [{ field: 'application', message: `changes none of the fields the return named (${[...named].join(', ') || 'none'}) and brings no materials` }] };

    const policy = this.deps.policies.get(row.policy_id);
    const eligibility = checkEligibility(after, policy, row.submitted_at);
    if (!eligibility.eligible) return { kind: 'refused', reasons: eligibility.reasons };
    // A level above the unit reviews the route it was sent on; a correction that would send the
    // application another way goes back through the unit (which only the unit's return does).
    if (level !== 'unit') {
      const routing = computeRoute(after, policy);
      const path = (steps: unknown) => (Array.isArray(steps) ? steps.map((s: { level?: string; divisionCode?: string }) => `${s.level}:${s.divisionCode ?? ''}`).join('>') : '');
      if (routing.ok && path(routing.route) !== path(row.route)) {
        return { kind: 'not-allowed', errors: changed.map((field) => ({ field: `application.${field}`, message: 'changes the route upward, which a correction returned by a level above the unit may not do' })) };
      }
    }
    return { kind: 'ok', after, changed };
  }
}
