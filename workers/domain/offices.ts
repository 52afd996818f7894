// The engine groups of the offices, spelled in one place: a unit by its credit code, the
// federation, the HR department of a division (the province's included) by its code, a competent
// department by the group the policy registers, a committee by its id. Tasklist accounts belong to
// these groups; tasks are addressed to them.
import { createHash } from 'node:crypto';

export const unitGroup = (creditCode: string): string => `unit-${creditCode}`;
export const isUnitGroup = (group: string): boolean => group.startsWith(unitGroup(''));
/** 省文联、省作协: the first level of freelance applicants. */
export const FEDERATION_GROUP = 'federation';
/** The HR department of a division: `hr-220106` (绿园区), `hr-220000` (the province). */
export const hrGroup = (divisionCode: string): string => `hr-${divisionCode}`;
export const committeeGroup = (committeeId: string): string => `committee-${committeeId}`;

/** A step of an application's route, as far as its office goes. */
export interface RouteOffice {
  level: 'unit' | 'federation' | 'competent-department' | 'county-hr' | 'city-hr' | 'province-hr';
  name: string;
  divisionCode?: string;
  /** A competent department's group from the policy's registry. */
  group?: string;
}

/** The group of the office reviewing a route step; the unit's needs the applicant's unit. */
export function routeOfficeGroup(step: RouteOffice, unitCreditCode?: string): string {
  if (step.group) return step.group;
  if (step.level === 'unit') {
    if (!unitCreditCode) throw new Error('routeOfficeGroup: the unit level needs the unit\'s credit code');
    return unitGroup(unitCreditCode);
  }
  if (step.level === 'federation') return FEDERATION_GROUP;
  // Routes computed before the policy registered departments carry no group.
  if (step.level === 'competent-department') {
    const id = createHash('sha256').update(`${step.divisionCode ?? ''}|${step.name}`).digest('hex').slice(0, 12);
    return `dept-${step.divisionCode ?? 'unknown'}-${id}`;
  }
  return hrGroup(step.divisionCode ?? 'unknown');
}
