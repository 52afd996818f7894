// Eligibility (SPEC section 5, notice section 一): who may apply, in which window. Every refusal
// names its rule and the field that caused it.
import type { Application } from '../domain/application.js';
import { applicantWindow, isOpen } from './deadlines.js';
import type { Policy } from './policy.js';
import { reason, type Reason } from './reasons.js';
import { computeRoute } from './route.js';

export interface Eligibility {
  eligible: boolean;
  reasons: Reason[];
}

const EXCLUDED_STAFF: Record<string, string> = {
  management: 'management-post staff of public institutions (事业单位管理岗人员) may not apply',
  'civil-servant-managed': 'staff of institutions managed like civil servants (参照公务员管理事业单位人员) may not apply',
  'civil-servant': 'civil servants (公务员) may not apply',
  retired: 'retirees (离退休人员) may not apply',
};

/** Decides eligibility of an application submitted at `at` (the server's clock, or the preview's time). */
export function checkEligibility(app: Application, policy: Policy, at: Date): Eligibility {
  const reasons: Reason[] = [];
  const category = policy.categories[app.category];

  const staff = EXCLUDED_STAFF[app.applicant.staffType];
  if (staff) reasons.push(reason('eligibility.staff-type', 'applicant.staffType', staff));
  if (app.applicant.inPostSince > policy.inPostDate) {
    reasons.push(
      reason('eligibility.in-post', 'applicant.inPostSince', `the applicant must be in post (在编、在职、在岗) on ${policy.inPostDate}; in post only since ${app.applicant.inPostSince}`),
    );
  }
  if (app.qualification.evaluationMode === 'exam-replaces-review') {
    reasons.push(reason('eligibility.exam-replaces-review', 'qualification.evaluationMode', 'series evaluated by exam instead of review (以考代评) cannot apply for review'));
  }
  if (app.qualification.evaluationMode === 'exam-and-review' && !app.qualification.examCertificateNo) {
    reasons.push(reason('eligibility.exam-certificate-required', 'qualification.examCertificateNo', 'series combining exam and review (考评结合) need the national exam certificate first'));
  }
  if (category.unitKinds && !category.unitKinds.includes(app.unit.kind)) {
    reasons.push(reason('eligibility.unit-kind', 'unit.kind', `category ${app.category} (${category.name}) is open to ${category.unitKinds.join(', ')} units only`));
  }
  if (app.subtype !== null && !(app.subtype in category.subtypes)) {
    const known = Object.keys(category.subtypes);
    reasons.push(reason('eligibility.subtype', 'subtype', known.length ? `subtype must be one of ${known.join(', ')} for ${app.category}` : `category ${app.category} has no subtypes`));
  }

  const window = applicantWindow(policy, app.category, at);
  if (!isOpen(window, at)) {
    const notYet = at.getTime() < new Date(window.opens).getTime();
    reasons.push(
      notYet
        ? reason('window.not-open', 'submittedAt', `submissions for ${app.category} open at ${window.opens}`)
        : reason('window.closed', 'submittedAt', `submissions for ${app.category} closed at ${window.closes}; late applications count as withdrawn (视为放弃)`),
    );
  }

  const route = computeRoute({ ...app, submittedAt: app.submittedAt }, policy);
  if (!route.ok) reasons.push(...route.reasons);
  return { eligible: reasons.length === 0, reasons };
}
