// The fee decision (SPEC section 7, notice 三(四)): 二三级岗位评聘（考核）, 评聘结合单位已评未聘人员,
// 乡村振兴人才 and 初级认定人员 do not pay; everyone else pays the schedule's amount. An exemption
// holds only with its conditions met, from the application's facts: the unit's kind and binding
// (已评未聘), the level and procedure (初级认定). 乡村振兴人才 is exempt by being that category:
// the notice asks no document. A policy may still ask one (proofs) of an exemption; then a missing
// document charges the fee (the reason names it), and never refuses the application: the applicant
// may still apply, and pays, or adds the document in a correction before the committee's intake.
// The API (submission, preview) and the flow's fee step call these same functions.
import type { Application } from '../domain/application.js';
import { addDays, dateOf, endOfDayIso } from '../domain/time.js';
import { missingProofs } from './eligibility.js';
import type { Policy } from './policy.js';

export interface FeeDecision {
  exempt: boolean;
  /** Why it is exempt; for a payable fee, why a claimed exemption does not hold (null when none was claimed). */
  reason: string | null;
  amount: number | null;
  currency: 'CNY';
  /** The fee schedule in force (`example` for the shipped example). */
  schedule: string;
}

/** What the subtype's conditions on the unit and series leave unmet, as field: problem. */
function subtypeUnmet(app: Application, policy: Policy): string[] {
  const subtype = app.subtype ? policy.categories[app.category].subtypes[app.subtype] : undefined;
  if (!subtype) return [];
  const r = subtype.requires;
  const unmet: string[] = [];
  if (r.unitKinds && !r.unitKinds.includes(app.unit.kind)) unmet.push(`unit.kind: must be ${r.unitKinds.join(' or ')}`);
  if (r.appointmentLinked !== undefined && app.unit.appointmentLinked !== r.appointmentLinked) unmet.push(`unit.appointmentLinked: must be ${r.appointmentLinked}`);
  if (r.series && !r.series.includes(app.qualification.series)) unmet.push(`qualification.series: must be ${r.series.join(' or ')}`);
  return unmet;
}

/** What the category's own conditions on the unit leave unmet (二三级岗位: institutions only). */
function categoryUnmet(app: Application, policy: Policy): string[] {
  const kinds = policy.categories[app.category].unitKinds;
  return kinds && !kinds.includes(app.unit.kind) && !app.applicant.freelanceArtist ? [`unit.kind: must be ${kinds.join(' or ')}`] : [];
}

/** The documents the exemption `of` (a category or subtype, as missingProofs names it) asks for and the application lacks. */
const proofsUnmet = (app: Application, policy: Policy, of: string) =>
  missingProofs(app, policy)
    .filter((p) => p.of === of)
    .map((p) => `applicant.proofs: ${p.name} (${p.kind})`);

/** Exempt, or the schedule's amount for the applicant's level. */
export function decideFee(app: Application, policy: Policy): FeeDecision {
  const category = policy.categories[app.category];
  const subtype = app.subtype ? category.subtypes[app.subtype] : undefined;
  const base = { currency: policy.feeSchedule.currency, schedule: policy.feeSchedule.id } as const;
  const payable = (reason: string | null): FeeDecision => ({ exempt: false, reason, amount: policy.feeSchedule.amounts[app.qualification.level] ?? null, ...base });
  const exempt = (reason: string): FeeDecision => ({ exempt: true, reason, amount: null, ...base });

  if (policy.juniorCertificationFeeExempt && app.qualification.level === 'junior' && app.qualification.procedure === 'certification') {
    return exempt('junior-level certification (初级认定) is fee-exempt');
  }
  const ofCategory = `category ${app.category} (${category.name})`;
  const ofSubtype = `subtype ${app.subtype} (${subtype?.name})`;
  const claims = [
    ...(category.feeExempt ? [{ what: ofCategory, unmet: [...categoryUnmet(app, policy), ...proofsUnmet(app, policy, ofCategory)] }] : []),
    ...(subtype?.feeExempt ? [{ what: ofSubtype, unmet: [...subtypeUnmet(app, policy), ...proofsUnmet(app, policy, ofSubtype)] }] : []),
  ];
  const held = claims.find((c) => c.unmet.length === 0);
  if (held) return exempt(`${held.what} is fee-exempt`);
  if (claims.length) return payable(`${claims.map((c) => c.what).join(' and ')} is fee-exempt only with its conditions met: ${[...new Set(claims.flatMap((c) => c.unmet))].join('; ')}`);
  return payable(null);
}

/**
 * When a payable fee must be paid: `paymentDays` after the committee accepted the application
 * (`acceptedAt`), at 24:00. Null for an exempt fee, and while the policy sets no days: the notice
 * leaves the payment to a separate notice (三（四）: 其他申报人员缴费方式另行通知), so until one sets a
 * deadline there is none, and the flow waits for the payment or for the office without a timer.
 */
export function paymentDeadline(fee: Pick<FeeDecision, 'exempt'>, policy: Policy, acceptedAt: Date): string | null {
  if (fee.exempt || policy.paymentDays === null) return null;
  return endOfDayIso(addDays(dateOf(acceptedAt), policy.paymentDays));
}
