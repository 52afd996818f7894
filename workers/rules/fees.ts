// The fee decision (SPEC section 7, notice 三(四)).
import type { Application } from '../domain/application.js';
import type { Policy } from './policy.js';

export interface FeeDecision {
  exempt: boolean;
  reason: string | null;
  amount: number | null;
  currency: 'CNY';
  /** The fee schedule in force (`example` for the shipped example). */
  schedule: string;
}

/** Exempt, or the schedule's amount for the applicant's level. */
export function decideFee(app: Application, policy: Policy): FeeDecision {
  const category = policy.categories[app.category];
  const subtype = app.subtype ? category.subtypes[app.subtype] : undefined;
  const base = { currency: policy.feeSchedule.currency, schedule: policy.feeSchedule.id } as const;
  let why: string | null = null;
  if (category.feeExempt) why = `category ${app.category} (${category.name}) is fee-exempt`;
  else if (subtype?.feeExempt) why = `subtype ${app.subtype} (${subtype.name}) is fee-exempt`;
  else if (policy.juniorCertificationFeeExempt && app.qualification.level === 'junior' && app.qualification.procedure === 'certification') {
    why = 'junior-level certification (初级认定) is fee-exempt';
  }
  if (why) return { exempt: true, reason: why, amount: null, ...base };
  return { exempt: false, reason: null, amount: policy.feeSchedule.amounts[app.qualification.level] ?? null, ...base };
}
