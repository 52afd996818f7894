// The route upward (SPEC section 4): unit -> [competent department] -> [county HR] -> [city HR]
// -> provincial HR, keeping only the levels at or below the unit's (or its department's) level.
// Enterprises go by the authority of their business licence, institutions through the competent
// department they are bound to; freelance artists are verified by 省文联 or 省作协 instead of a unit.
import type { Application } from '../domain/application.js';
import { levelDeadline, needsTime } from './deadlines.js';
import { findDepartment, resolveCompetentDepartment } from './departments.js';
import { divisionByCode, resolveDivision, type Division } from './divisions.js';
import type { Policy, RouteLevel } from './policy.js';
import { reason, type Reason } from './reasons.js';

/** One level of the route, as the preview answers it. */
export interface RouteStep {
  level: RouteLevel;
  name: string;
  divisionCode?: string;
  /** The Tasklist group of the office, where the policy names it (competent departments). */
  group?: string;
  deadline: string | null;
}

export type RouteResult = { ok: true; division: Division; route: RouteStep[] } | { ok: false; division: Division | null; reasons: Reason[] };

type Found = { ok: true; division: Division } | { ok: false; reasons: Reason[] };

/** The HR office name of a division. */
export function officeName(division: Division, policy: Policy): string {
  if (division.level === 'province') return policy.province.hrOffice;
  return policy.offices.overrides[division.code] ?? policy.offices.pattern.replace('{name}', division.name);
}

/** The federation that verifies a freelance artist: the writers' association for literature, else 省文联. */
export function federationOf(app: Application, policy: Policy): string {
  const literature = new RegExp(policy.federations.literaturePattern).test(`${app.qualification.series}${app.qualification.specialty}`);
  return literature ? policy.federations.literature : policy.federations.default;
}

/** The division of the competent department an institution is bound to, from the policy's registry. */
function departmentDivision(dept: NonNullable<Application['unit']['competentDepartment']>, policy: Policy): Found {
  const division = divisionByCode(dept.divisionCode, policy);
  if (!division) {
    return { ok: false, reasons: [reason('route.unknown-division', 'unit.competentDepartment.divisionCode', `no division ${dept.divisionCode} in ${policy.province.name}`)] };
  }
  const registered = resolveCompetentDepartment(dept, policy);
  if (!registered.ok) return registered;
  return { ok: true, division };
}

/** The division that decides the route, or why there is none. */
export function routeDivision(app: Application, policy: Policy): Found {
  if (app.applicant.freelanceArtist) return { ok: true, division: divisionByCode(policy.province.code, policy)! };
  const dept = app.unit.competentDepartment;
  // The notice binds institutions to competent departments; enterprises go by their licence alone.
  if (app.unit.kind === 'institution' && dept) return departmentDivision(dept, policy);
  if (app.unit.kind === 'institution' && app.unit.appointmentLinked) {
    return {
      ok: false,
      reasons: [
        reason('route.competent-department-required', 'unit.competentDepartment', 'institutions that combine review and appointment (评聘结合) must be bound to a competent department, which reviews and submits'),
      ],
    };
  }
  if (!app.unit.registrationAuthority) {
    const what = app.unit.kind === 'enterprise' ? 'the authority that issued the business licence' : 'the registration authority (or a competent department)';
    return { ok: false, reasons: [reason('route.division-unknown', 'unit.registrationAuthority', `${what} is required to find the route`)] };
  }
  return resolveDivision(app.unit.registrationAuthority, policy);
}

/**
 * Computes the route with each level's deadline. `at` (default: the application's submittedAt)
 * matters only for monthly categories, whose deadlines follow the month of submission.
 */
export function computeRoute(app: Application, policy: Policy, at?: Date): RouteResult {
  const when = at ?? (app.submittedAt ? new Date(app.submittedAt) : undefined);
  if (!when && needsTime(policy, app.category)) {
    return { ok: false, division: null, reasons: [reason('route.submitted-at-required', 'submittedAt', `the deadlines of ${app.category} follow the month of submission`)] };
  }
  const deadline = (level: RouteLevel) => levelDeadline(policy, app.category, level, when);
  const found = routeDivision(app, policy);
  if (!found.ok) return { ok: false, division: null, reasons: found.reasons };
  const division = found.division;
  const province: RouteStep = { level: 'province-hr', divisionCode: policy.province.code, name: policy.province.hrOffice, deadline: null };

  if (app.applicant.freelanceArtist) {
    return { ok: true, division, route: [{ level: 'federation', name: federationOf(app, policy), deadline: deadline('federation') }, province] };
  }
  const route: RouteStep[] = [{ level: 'unit', name: app.unit.name, deadline: deadline('unit') }];
  const dept = app.unit.competentDepartment;
  const registered = app.unit.kind === 'institution' && dept ? findDepartment(dept.name, policy) : null;
  if (registered) {
    route.push({ level: 'competent-department', name: registered.name, divisionCode: registered.divisionCode, group: registered.group, deadline: deadline('competent-department') });
  }
  // Up the reporting chain: a county reports to its city, a city (or a unit acting as one) to the province.
  const seen = new Set<string>();
  let current: Division | null = division;
  while (current && current.level !== 'province' && !seen.has(current.code)) {
    seen.add(current.code);
    const level = current.level === 'county' ? 'county-hr' : 'city-hr';
    route.push({ level, divisionCode: current.code, name: officeName(current, policy), deadline: deadline(level) });
    current = current.reportsTo ? divisionByCode(current.reportsTo, policy) : null;
  }
  route.push(province);
  return { ok: true, division, route };
}
