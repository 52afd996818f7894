// The fee decision (SPEC section 7, notice 三(四)): 二三级岗位评聘（考核）, 评聘结合单位已评未聘人员,
// 乡村振兴人才 and 初级认定人员 do not pay; everyone else pays the schedule's amount. An exemption
// holds only with its conditions met, from the application's facts: the unit's kind and binding
// (已评未聘), the documents the policy requires (applicant.proofs), the level and procedure (初级认定).
import type { Application } from '../domain/application.js';
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

const proofsUnmet = (app: Application, policy: Policy) => missingProofs(app, policy).map((p) => `applicant.proofs: ${p.name} (${p.kind})`);

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
  const claims = [
    ...(category.feeExempt ? [{ what: `category ${app.category} (${category.name})`, unmet: [...categoryUnmet(app, policy), ...proofsUnmet(app, policy)] }] : []),
    ...(subtype?.feeExempt ? [{ what: `subtype ${app.subtype} (${subtype.name})`, unmet: [...subtypeUnmet(app, policy), ...proofsUnmet(app, policy)] }] : []),
  ];
  const held = claims.find((c) => c.unmet.length === 0);
  if (held) return exempt(`${held.what} is fee-exempt`);
  if (claims.length) return payable(`${claims.map((c) => c.what).join(' and ')} is fee-exempt only with its conditions met: ${[...new Set(claims.flatMap((c) => c.unmet))].join('; ')}`);
  return payable(null);
}
