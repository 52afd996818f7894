// Eligibility (SPEC section 5, notice section 一): who may apply, in which category and window.
// Every refusal names its rule and the field that caused it.
import { formatDateZh, formatInstantZh } from '../domain/dates-zh.js';
import type { Application, CategoryId } from '../domain/application.js';
import { applicantWindow, isOpen, nextWindowOpening, windowsOf } from './deadlines.js';
import { divisionRank } from './divisions.js';
import type { Policy } from './policy.js';
import { reason, type Reason } from './reasons.js';
import { computeRoute } from './route.js';

export interface Eligibility {
  eligible: boolean;
  reasons: Reason[];
}

/** A dated fact of an application (a degree, a title, an achievement) and the field it came from. */
export interface DatedFact {
  field: string;
  date: string;
}

/** Refusals for facts dated after the cut-off: they do not count (notice 一.1). */
export function cutOffReasons(facts: DatedFact[], policy: Policy): Reason[] {
  return facts
    .filter((f) => f.date > policy.cutoffDate)
    .map((f) => reason('eligibility.cut-off', f.field, `dated ${formatDateZh(f.date)}, after the cut-off ${formatDateZh(policy.cutoffDate)}: qualification and appointment years, education and achievements count up to that day`));
}

/** The dated facts of an application the cut-off applies to: 资格 (the current title), 聘任, 学历. */
export function datedFacts(app: Application): DatedFact[] {
  const a = app.applicant;
  const facts: DatedFact[] = [];
  if (a.workStartedOn) facts.push({ field: 'applicant.workStartedOn', date: a.workStartedOn });
  if (a.currentTitle) facts.push({ field: 'applicant.currentTitle.obtainedOn', date: a.currentTitle.obtainedOn });
  if (a.currentTitle?.appointedOn) facts.push({ field: 'applicant.currentTitle.appointedOn', date: a.currentTitle.appointedOn });
  if (a.education) facts.push({ field: 'applicant.education.graduatedOn', date: a.education.graduatedOn });
  return facts;
}

/** Whole years from `from` to `to` (dates YYYY-MM-DD). */
function fullYears(from: string, to: string): number {
  const years = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  return to.slice(5) < from.slice(5) ? years - 1 : years;
}

/**
 * The cut-off (notice 一.1): dated facts after it do not count, and years of professional work
 * count up to it, so they cannot exceed the years from the start of work to the cut-off.
 */
function cutOffApplicationReasons(app: Application, policy: Policy): Reason[] {
  const reasons = cutOffReasons(datedFacts(app), policy);
  const { professionalYears, workStartedOn } = app.applicant;
  if (professionalYears !== undefined && workStartedOn && workStartedOn <= policy.cutoffDate) {
    const most = fullYears(workStartedOn, policy.cutoffDate);
    if (professionalYears > most) {
      reasons.push(
        reason('eligibility.cut-off', 'applicant.professionalYears', `${professionalYears} years: from ${formatDateZh(workStartedOn)} to the cut-off ${formatDateZh(policy.cutoffDate)} there are at most ${most} (years count up to the cut-off)`),
      );
    }
  }
  return reasons;
}

/** The category an application of this series and level belongs in instead of the one it names, if any. */
export function divertedCategory(app: Application, policy: Policy): CategoryId | null {
  const { series, level } = app.qualification;
  const entry = Object.entries(policy.categories).find(
    ([id, c]) => id !== app.category && c.divertsFrom.includes(app.category) && c.series?.includes(series) && c.levels?.includes(level),
  );
  return entry ? (entry[0] as CategoryId) : null;
}

/** Refuses an application filed in a category its series and level do not belong in, naming the right one and its window. */
function misfiledReasons(target: CategoryId, app: Application, policy: Policy): Reason[] {
  const c = policy.categories[target];
  const windows = windowsOf(policy, target);
  const first = windows[0]!;
  const last = windows.at(-1)!;
  const when = windows.length === 1 ? `its window runs from ${formatDateZh(first.opens)}0时 to ${formatInstantZh(first.closes)}` : `its windows run from ${formatDateZh(first.opens)}0时 to ${formatInstantZh(last.closes)}`;
  return [
    reason(
      'eligibility.category-misfiled',
      'category',
      `${app.qualification.series} at level ${app.qualification.level} is applied for in category ${target} (${c.name}), not ${app.category}; ${when}`,
    ),
  ];
}

/**
 * The documents (`applicant.proofs`) the category's and the subtype's fee exemptions ask for that the
 * application lacks. A condition of the exemption only (rules/fees.ts): never a refusal here.
 */
export function missingProofs(app: Application, policy: Policy): Array<{ kind: string; name: string; of: string }> {
  const category = policy.categories[app.category];
  const subtype = app.subtype ? category.subtypes[app.subtype] : undefined;
  const required = [
    ...category.proofs.map((p) => ({ ...p, of: `category ${app.category} (${category.name})` })),
    ...(subtype ? subtype.requires.proofs.map((p) => ({ ...p, of: `subtype ${app.subtype} (${subtype.name})` })) : []),
  ];
  const held = new Set((app.applicant.proofs ?? []).map((p) => p.kind));
  return required.filter((p) => !held.has(p.kind)).map(({ kind, name, of }) => ({ kind, name, of }));
}

/** The staff-type rule: the notice's exclusions, then professional staff plus what the category admits. */
function staffReasons(app: Application, policy: Policy): Reason[] {
  const type = app.applicant.staffType;
  const excluded = policy.excludedStaffTypes[type];
  if (excluded && (!excluded.unitKinds || excluded.unitKinds.includes(app.unit.kind))) {
    return [reason('eligibility.staff-type', 'applicant.staffType', `${type}: ${excluded.text} may not apply (不得申报)`)];
  }
  if (type === 'professional' || policy.categories[app.category].admitsStaffTypes.includes(type)) return [];
  return [reason('eligibility.staff-type', 'applicant.staffType', `${type}: only professional and technical staff (专业技术人员) may apply in ${app.category}`)];
}

/** 以考代评 and 考评结合, by the policy's list of series where it has one, else as the application declares. */
function evaluationReasons(app: Application, policy: Policy): Reason[] {
  const q = app.qualification;
  const listed = policy.evaluationModes.find((m) => m.series === q.series && m.levels.includes(q.level));
  const mode = listed?.mode ?? q.evaluationMode;
  const field = listed ? 'qualification.series' : 'qualification.evaluationMode';
  if (mode === 'exam-replaces-review') {
    return [reason('eligibility.exam-replaces-review', field, `${q.series} at level ${q.level} is evaluated by the national exam instead of review (以考代评); it cannot be applied for here`)];
  }
  if (mode === 'exam-and-review' && !q.examCertificateNo) {
    return [reason('eligibility.exam-certificate-required', 'qualification.examCertificateNo', `${q.series} at level ${q.level} combines exam and review (考评结合): the national exam certificate comes first`)];
  }
  return [];
}

/** What the category and its subtype require of the unit and the qualification. */
function categoryReasons(app: Application, policy: Policy): Reason[] {
  const reasons: Reason[] = [];
  const category = policy.categories[app.category];
  const label = `category ${app.category} (${category.name})`;
  const diverted = divertedCategory(app, policy);
  if (diverted) reasons.push(...misfiledReasons(diverted, app, policy));
  if (category.unitKinds && !category.unitKinds.includes(app.unit.kind) && !app.applicant.freelanceArtist) {
    reasons.push(reason('eligibility.unit-kind', 'unit.kind', `${label} is open to ${category.unitKinds.join(', ')} units only`));
  }
  if (!diverted && category.series && !category.series.includes(app.qualification.series)) {
    reasons.push(reason('eligibility.category-series', 'qualification.series', `${label} is for the series ${category.series.join(', ')}`));
  }
  // Post-appointment categories decide a post (二级 or 三级岗位), not a title: the post is named.
  if (category.outcome === 'post-appointment-notice' && app.qualification.postGrade === null) {
    reasons.push(reason('eligibility.post-grade', 'qualification.postGrade', `${label} names the post applied for: 2 (专业技术二级岗位) or 3 (三级岗位)`));
  }
  if (category.outcome !== 'post-appointment-notice' && app.qualification.postGrade !== null) {
    reasons.push(reason('eligibility.post-grade', 'qualification.postGrade', `${label} awards a title; only post-appointment categories name a post grade`));
  }
  if (!diverted && category.levels && !category.levels.includes(app.qualification.level)) {
    reasons.push(reason('eligibility.category-level', 'qualification.level', `${label} is for the levels ${category.levels.join(', ')}`));
  }
  if (app.subtype !== null) {
    const subtype = category.subtypes[app.subtype];
    if (!subtype) {
      const known = Object.keys(category.subtypes);
      reasons.push(reason('eligibility.subtype', 'subtype', known.length ? `subtype must be one of ${known.join(', ')} for ${app.category}` : `category ${app.category} has no subtypes`));
    } else {
      const r = subtype.requires;
      const sub = `subtype ${app.subtype} (${subtype.name})`;
      if (r.unitKinds && !r.unitKinds.includes(app.unit.kind)) reasons.push(reason('eligibility.subtype-unit', 'unit.kind', `${sub} is for ${r.unitKinds.join(', ')} units`));
      if (r.appointmentLinked !== undefined && app.unit.appointmentLinked !== r.appointmentLinked) {
        reasons.push(reason('eligibility.subtype-unit', 'unit.appointmentLinked', `${sub} is for units that ${r.appointmentLinked ? '' : 'do not '}combine review and appointment (评聘结合)`));
      }
      if (r.series && !r.series.includes(app.qualification.series)) {
        reasons.push(reason('eligibility.subtype-series', 'qualification.series', `${sub} is for the series ${r.series.join(', ')}`));
      }
    }
  }
  if (app.applicant.freelanceArtist && !policy.federations.series.includes(app.qualification.series)) {
    reasons.push(
      reason('eligibility.freelance-series', 'qualification.series', `freelance artists (自由职业者) apply in the series ${policy.federations.series.join(', ')}, verified by 省文联 or 省作协`),
    );
  }
  return reasons;
}

/** The window check: outside it, when it opens (or opens next) or that it has closed. */
function windowReasons(app: Application, policy: Policy, at: Date): Reason[] {
  const window = applicantWindow(policy, app.category, at);
  if (isOpen(window, at)) return [];
  const next = nextWindowOpening(policy, app.category, at);
  if (next) return [reason('window.not-open', 'submittedAt', `submissions for ${app.category} are accepted from ${formatDateZh(next)}0时`)];
  return [reason('window.closed', 'submittedAt', `submissions for ${app.category} closed at ${formatInstantZh(window.closes)}; late applications count as withdrawn (视为放弃)`)];
}

/**
 * Decides eligibility of an application submitted at `at` (the server's clock, or the preview's
 * hypothetical time); the route's refusals (division outside the province, unbound institution) count.
 */
export function checkEligibility(app: Application, policy: Policy, at: Date): Eligibility {
  const reasons: Reason[] = [...staffReasons(app, policy)];
  if (app.applicant.inPostSince > policy.inPostDate) {
    reasons.push(
      reason('eligibility.in-post', 'applicant.inPostSince', `the applicant must be in post (在编、在职、在岗) on ${formatDateZh(policy.inPostDate)}; in post only since ${formatDateZh(app.applicant.inPostSince)}`),
    );
  }
  reasons.push(
    ...cutOffApplicationReasons(app, policy),
    ...evaluationReasons(app, policy),
    ...categoryReasons(app, policy),
    ...windowReasons(app, policy, at),
  );
  const route = computeRoute(app, policy, at);
  if (!route.ok) reasons.push(...route.reasons);
  else {
    const levels = policy.categories[app.category].divisionLevels;
    const rank = divisionRank(route.division, policy);
    if (levels && !levels.includes(rank)) {
      const field = app.unit.kind === 'institution' && app.unit.competentDepartment ? 'unit.competentDepartment.level' : 'unit.registrationAuthority';
      reasons.push(
        reason('eligibility.division-level', field, `category ${app.category} is for units at ${levels.join(', ')} level; ${route.division.name} is at ${rank} level`),
      );
    }
  }
  return { eligible: reasons.length === 0, reasons };
}
