// Competent departments (主管部门, notice 五（三）绑定规则): every 评聘结合 institution is bound to one,
// which reviews and submits its applications. The policy's registry is the one list of them: the
// name an applicant types (or a known spelling of it) resolves to the registered department, its
// division and level, and the Tasklist group its reviewers are in.
import type { Application } from '../domain/application.js';
import { divisionByCode } from './divisions.js';
import type { Policy } from './policy.js';
import { reason, type Reason } from './reasons.js';

export type CompetentDepartment = Policy['competentDepartments']['entries'][number];

export type DepartmentResult = { ok: true; department: CompetentDepartment } | { ok: false; reasons: Reason[] };

const FIELD = 'unit.competentDepartment';

/** Blanks and bracket widths vary in typed names; they never tell two departments apart. */
function normalize(name: string): string {
  return name.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');
}

/** Every spelling of a department: its name, its aliases, and 省… for 吉林省… (the province's own departments). */
function spellings(d: CompetentDepartment, policy: Policy): string[] {
  const names = [d.name, ...d.aliases].map(normalize);
  const province = policy.province.name;
  return [...new Set([...names, ...names.filter((n) => n.startsWith(province)).map((n) => `省${n.slice(province.length)}`)])];
}

const indexes = new WeakMap<Policy, Map<string, CompetentDepartment[]>>();

/** Spelling -> departments (more than one only in a registry that fails validation). */
function indexOf(policy: Policy): Map<string, CompetentDepartment[]> {
  const cached = indexes.get(policy);
  if (cached) return cached;
  const index = new Map<string, CompetentDepartment[]>();
  for (const d of policy.competentDepartments.entries) {
    for (const s of spellings(d, policy)) index.set(s, [...(index.get(s) ?? []), d]);
  }
  indexes.set(policy, index);
  return index;
}

/** The registered department of a typed name or known spelling, or null. */
export function findDepartment(name: string, policy: Policy): CompetentDepartment | null {
  return indexOf(policy).get(normalize(name))?.[0] ?? null;
}

/**
 * The registered department an institution names, checked against the level and division the
 * application gives; every refusal names the field at fault.
 */
export function resolveCompetentDepartment(dept: NonNullable<Application['unit']['competentDepartment']>, policy: Policy): DepartmentResult {
  const found = findDepartment(dept.name, policy);
  if (!found) {
    const here = policy.competentDepartments.entries.filter((d) => d.divisionCode === dept.divisionCode).map((d) => d.name);
    const hint = here.length ? `; registered in ${dept.divisionCode}: ${here.slice(0, 8).join('、')}` : '';
    return {
      ok: false,
      reasons: [reason('route.unknown-competent-department', `${FIELD}.name`, `"${dept.name}" is not a registered competent department (主管部门)${hint}; the unit binds to a registered one`)],
    };
  }
  if (found.divisionCode !== dept.divisionCode) {
    return {
      ok: false,
      reasons: [reason('route.competent-department-division', `${FIELD}.divisionCode`, `${found.name} is registered in division ${found.divisionCode}, not ${dept.divisionCode}`)],
    };
  }
  if (found.level !== dept.level) {
    return { ok: false, reasons: [reason('route.department-level', `${FIELD}.level`, `${found.name} is registered at ${found.level} level, not ${dept.level}`)] };
  }
  return { ok: true, department: found };
}

/** Problems of the registry against the division data: unknown divisions, wrong levels, one spelling for two departments. */
export function departmentProblems(policy: Policy): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = [];
  const owner = new Map<string, string>();
  policy.competentDepartments.entries.forEach((d, i) => {
    const at = `competentDepartments.entries.${i}`;
    const division = divisionByCode(d.divisionCode, policy);
    if (!division) problems.push({ path: `${at}.divisionCode`, message: `no division ${d.divisionCode} in ${policy.province.name}` });
    else if (division.level !== d.level) problems.push({ path: `${at}.level`, message: `division ${d.divisionCode} (${division.name}) is at ${division.level} level, not ${d.level}` });
    for (const s of spellings(d, policy)) {
      const other = owner.get(s);
      if (other && other !== d.code) problems.push({ path: `${at}.aliases`, message: `"${s}" also names ${other}` });
      owner.set(s, d.code);
    }
  });
  return problems;
}
