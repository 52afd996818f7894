// The preview (SPEC section 9): every decision for an application, without starting anything.
// The workers call the same functions, so the preview and the running flow cannot disagree.
import { requiredMaterials, type MaterialKind } from './materials.js';
import type { Application } from '../domain/application.js';
import { toShanghaiIso } from '../domain/time.js';
import { applicantDeadline } from './deadlines.js';
import type { Division } from './divisions.js';
import { checkEligibility } from './eligibility.js';
import { decideFee, type FeeDecision } from './fees.js';
import type { Policy } from './policy.js';
import type { Reason } from './reasons.js';
import { computeRoute, type RouteStep } from './route.js';

export interface Preview {
  eligible: boolean;
  reasons: Reason[];
  division: Pick<Division, 'code' | 'name' | 'level'> | null;
  applicantDeadline: string;
  route: RouteStep[];
  fee: FeeDecision;
  /** The kinds of electronic materials the application carries (三（一）), each with its label. */
  requiredMaterials: MaterialKind[];
}

/** Decides eligibility, division, route with deadlines and fee for a submission at `at`. */
export function preview(app: Application, policy: Policy, at: Date): Preview {
  const dated = { ...app, submittedAt: toShanghaiIso(at) };
  const eligibility = checkEligibility(dated, policy, at);
  const route = computeRoute(dated, policy, at);
  return {
    eligible: eligibility.eligible,
    reasons: eligibility.reasons,
    division: route.ok ? { code: route.division.code, name: route.division.name, level: route.division.level } : null,
    applicantDeadline: applicantDeadline(policy, app.category, at),
    route: route.ok ? route.route : [],
    fee: decideFee(dated, policy),
    requiredMaterials: requiredMaterials(app, policy.materials),
  };
}
