// The route upward (SPEC section 4): unit -> [competent department] -> [county HR] -> [city HR]
// -> provincial HR, keeping only the levels at or below the unit's (or its department's) level.
// Freelance artists are verified by 省文联 or 省作协 and go straight to the province.
import type { Application } from '../domain/application.js';
import { levelDeadline } from './deadlines.js';
import { divisionByCode, resolveDivision, type Division } from './divisions.js';
import type { Policy } from './policy.js';
import { reason, type Reason } from './reasons.js';

/** One level of the route, as the preview answers it. */
export interface RouteStep {
  level: 'unit' | 'federation' | 'competent-department' | 'county-hr' | 'city-hr' | 'province-hr';
  name: string;
  divisionCode?: string;
  deadline: string | null;
}

export type RouteResult = { ok: true; division: Division; route: RouteStep[] } | { ok: false; division: Division | null; reasons: Reason[] };

/** The HR office name of a division. */
export function officeName(division: Division, policy: Policy): string {
  if (division.level === 'province') return policy.province.hrOffice;
  return policy.offices.overrides[division.code] ?? policy.offices.pattern.replace('{name}', division.name);
}

/** The division that decides the route: the competent department's, else the registration authority's. */
function routeDivision(app: Application, policy: Policy): { ok: true; division: Division } | { ok: false; reasons: Reason[] } {
  const dept = app.unit.competentDepartment;
  if (dept) {
    const division = divisionByCode(dept.divisionCode, policy);
    if (!division) return { ok: false, reasons: [reason('route.unknown-division', 'unit.competentDepartment.divisionCode', `no division ${dept.divisionCode} in ${policy.province.name}`)] };
    if (division.level !== dept.level) {
      return { ok: false, reasons: [reason('route.department-level', 'unit.competentDepartment.level', `division ${division.code} (${division.name}) is at ${division.level} level, not ${dept.level}`)] };
    }
    return { ok: true, division };
  }
  if (app.unit.kind === 'institution' && app.unit.appointmentLinked) {
    return {
      ok: false,
      reasons: [reason('route.competent-department-required', 'unit.competentDepartment', 'institutions that combine review and appointment (评聘结合) must be bound to a competent department, which reviews and submits')],
    };
  }
  if (!app.unit.registrationAuthority) {
    return { ok: false, reasons: [reason('route.division-unknown', 'unit.registrationAuthority', 'the registration authority (or a competent department) is required to find the route')] };
  }
  return resolveDivision(app.unit.registrationAuthority, policy);
}

/** Computes the route with each level's deadline. */
export function computeRoute(app: Application, policy: Policy): RouteResult {
  const submittedAt = new Date(app.submittedAt ?? Date.now());
  const deadline = (level: Parameters<typeof levelDeadline>[2]) => levelDeadline(policy, app.category, level, submittedAt);
  const province: RouteStep = { level: 'province-hr', divisionCode: policy.province.code, name: policy.province.hrOffice, deadline: null };
  const provinceDivision = divisionByCode(policy.province.code, policy)!;

  if (app.applicant.freelanceArtist) {
    const literature = new RegExp(policy.federations.literaturePattern).test(`${app.qualification.series}${app.qualification.specialty}`);
    const name = literature ? policy.federations.literature : policy.federations.default;
    return { ok: true, division: provinceDivision, route: [{ level: 'federation', name, deadline: deadline('federation') }, province] };
  }

  const found = routeDivision(app, policy);
  if (!found.ok) return { ok: false, division: null, reasons: found.reasons };
  const division = found.division;
  const route: RouteStep[] = [{ level: 'unit', name: app.unit.name, deadline: deadline('unit') }];
  const dept = app.unit.competentDepartment;
  if (dept) route.push({ level: 'competent-department', name: dept.name, divisionCode: dept.divisionCode, deadline: deadline('competent-department') });

  // Walk up the reporting chain: a county reports to its city (or the province), a city to the province.
  let current: Division | null = division;
  while (current && current.level !== 'province') {
    const level = current.level === 'county' ? 'county-hr' : 'city-hr';
    route.push({ level, divisionCode: current.code, name: officeName(current, policy), deadline: deadline(level) });
    current = current.reportsTo ? divisionByCode(current.reportsTo, policy) : null;
  }
  route.push(province);
  return { ok: true, division, route };
}
