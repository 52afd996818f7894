// What the office page shows of the offices' lists and statistics: the same rows and counts, with
// the labels people read (中级, 审核中, 绿园区, 正常职称) and the times as 2024年2月8日24时. The page
// prints these texts as they are; it keeps the codes only to filter with.
import { formatInstantZh } from '../domain/dates-zh.js';
import { LEVELS, ROUTE_LEVEL_OFFICES } from '../domain/application.js';
import { APPLICATION_STATES } from '../domain/steps.js';
import { officeGroups } from '../adapters/camunda7/identity.js';
import { divisionByCode } from '../rules/index.js';
import type { Policy } from '../rules/policy.js';
import { LEVEL_LABELS, STATE_LABELS } from './labels.js';
import type { OfficeApplication, OfficeStatistics } from './queries.js';

/** The names of an office's codes under a policy: categories, divisions, offices. */
export interface OfficeNames {
  categoryName(id: string): string;
  divisionName(code: string | null): string;
  officeName(group: string): string;
}

export function officeNames(policy: Policy): OfficeNames {
  const offices = new Map(officeGroups(policy).map((g) => [g.id, g.name]));
  return {
    categoryName: (id) => (policy.categories as Record<string, { name: string } | undefined>)[id]?.name ?? id,
    divisionName: (code) => (code ? (divisionByCode(code, policy)?.name ?? code) : ''),
    officeName: (group) => offices.get(group) ?? group,
  };
}

const levelLabel = (level: string) => (LEVEL_LABELS as Record<string, string>)[level] ?? level;
const stateLabel = (state: string) => STATE_LABELS[state] ?? state;
/** Who reviews at a level, as reviewers read it (the route's levels and the committee). */
const REVIEW_LEVEL_LABELS: Record<string, string> = { ...ROUTE_LEVEL_OFFICES, committee: '评审委员会' };
const reviewLevelLabel = (level: string) => REVIEW_LEVEL_LABELS[level] ?? level;
/** A step's name without its English half ("单位审核 Unit review" reads 单位审核). */
const stepText = (name: string | null) => (name ? name.replace(/\s+[A-Za-z].*$/, '') : '');
const timeText = (at: Date | null) => (at ? formatInstantZh(at) : '');

/** One application as the office page lists it. */
export interface OfficeRowView {
  id: string;
  applicantName: string;
  unitName: string;
  category: string;
  categoryName: string;
  series: string;
  specialty: string;
  level: string;
  levelLabel: string;
  state: string;
  stateLabel: string;
  step: string;
  divisionCode: string | null;
  divisionName: string;
  deadline: string | null;
  deadlineText: string;
  submittedText: string;
  overdue: boolean;
}

export function officeRowView(a: OfficeApplication, names: OfficeNames, now: Date): OfficeRowView {
  return {
    id: a.id,
    applicantName: a.applicantName,
    unitName: a.unitName,
    category: a.category,
    categoryName: names.categoryName(a.category),
    series: a.series,
    specialty: a.specialty,
    level: a.level,
    levelLabel: levelLabel(a.level),
    state: a.state,
    stateLabel: stateLabel(a.state),
    step: stepText(a.currentStep),
    divisionCode: a.divisionCode,
    divisionName: names.divisionName(a.divisionCode),
    deadline: a.deadline?.toISOString() ?? null,
    deadlineText: timeText(a.deadline),
    submittedText: timeText(a.submittedAt),
    overdue: a.endedAt === null && a.deadline !== null && a.deadline.getTime() < now.getTime(),
  };
}

/** A count under its label, as a chart draws it. */
export interface Counted {
  key: string;
  label: string;
  n: number;
}

const counted = (record: Record<string, number>, label: (key: string) => string, order: readonly string[] = []): Counted[] =>
  Object.entries(record)
    .map(([key, n]) => ({ key, label: label(key), n }))
    .sort((a, b) => (order.indexOf(a.key) + 1 || Infinity) - (order.indexOf(b.key) + 1 || Infinity) || b.n - a.n || a.key.localeCompare(b.key));

/** The office's statistics with labels, in the order the page charts them. */
export function statisticsView(stats: OfficeStatistics, names: OfficeNames) {
  const levelOrder = Object.keys(REVIEW_LEVEL_LABELS);
  return {
    office: stats.office,
    waiting: stats.waiting,
    overdue: stats.overdue,
    handled: stats.handled,
    byState: counted(stats.byState, stateLabel, Object.keys(APPLICATION_STATES)),
    byLevel: counted(stats.byLevel, levelLabel, LEVELS),
    byDivision: counted(stats.byDivision, (code) => (code === 'none' ? '未定区划' : names.divisionName(code))),
    workingDaysPerLevel: [...stats.medianWorkingDaysPerLevel]
      .sort((a, b) => levelOrder.indexOf(a.level) - levelOrder.indexOf(b.level))
      .map((t) => ({ level: t.level, label: reviewLevelLabel(t.level), decisions: t.decisions, medianWorkingDays: t.medianWorkingDays })),
  };
}

/** What the page's filters offer: codes with their labels. */
export function filterOptions(policy: Policy) {
  const names = officeNames(policy);
  return {
    states: Object.entries(APPLICATION_STATES).map(([value, label]) => ({ value, label })),
    levels: LEVELS.map((value) => ({ value, label: LEVEL_LABELS[value] })),
    categories: Object.keys(policy.categories).map((value) => ({ value, label: names.categoryName(value) })),
  };
}
