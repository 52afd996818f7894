// Windows and deadlines per category and level (SPEC section 6), as +08:00 instants where 24:00
// of a day is the next day's 00:00.
import type { CategoryId } from '../domain/application.js';
import { formatDateZh, formatInstantZh } from '../domain/dates-zh.js';
import { addDays, endOfDayIso } from '../domain/time.js';
import { provisionalNote, type WorkingDayCalendar } from './calendar.js';
import type { Policy, RouteLevel } from './policy.js';

/** An applicant window: opens at `opens`, closes at `closes` (exclusive). */
export interface Window {
  opens: string;
  closes: string;
}

type Monthly = Extract<Policy['categories'][CategoryId]['window'], { kind: 'monthly' }>;

const startIso = (date: string) => `${date}T00:00:00+08:00`;
const ms = (instant: string) => Date.parse(instant);
const nextMonth = (month: string) => addDays(`${month}-28`, 4).slice(0, 7);

/** The monthly windows of a `monthly` category, in order. */
function monthlyWindows(w: Monthly): Window[] {
  const out: Window[] = [];
  const day = (n: number) => String(n).padStart(2, '0');
  for (let m = w.from; m <= w.to; m = nextMonth(m)) {
    out.push({ opens: startIso(`${m}-${day(w.firstDay)}`), closes: endOfDayIso(`${m}-${day(w.lastDay)}`) });
  }
  return out;
}

/** Every applicant window of a category, in order (one, except for monthly categories). */
export function windowsOf(policy: Policy, category: CategoryId): Window[] {
  const w = policy.categories[category].window;
  if (w.kind === 'standard') return [{ opens: startIso(policy.applicantWindow.start), closes: endOfDayIso(policy.applicantWindow.end) }];
  if (w.kind === 'fixed') return [{ opens: startIso(w.start), closes: endOfDayIso(w.end) }];
  return monthlyWindows(w);
}

/**
 * The applicant window that governs a submission at `at`: the one open at `at`, else the next one
 * to open, else the last one (closed).
 */
export function applicantWindow(policy: Policy, category: CategoryId, at: Date): Window {
  const windows = windowsOf(policy, category);
  return windows.find((x) => at.getTime() < ms(x.closes)) ?? windows.at(-1)!;
}

/** When applications submitted at `at` must be in: the close of the window that governs `at`. */
export function applicantDeadline(policy: Policy, category: CategoryId, at: Date): string {
  return applicantWindow(policy, category, at).closes;
}

/** Whether `at` falls inside the window. */
export function isOpen(window: Window, at: Date): boolean {
  return at.getTime() >= ms(window.opens) && at.getTime() < ms(window.closes);
}

/** Whether the category's deadlines depend on the time of submission (monthly windows). */
export function needsTime(policy: Policy, category: CategoryId): boolean {
  return policy.categories[category].window.kind === 'monthly';
}

/**
 * The deadline of a review level for an application submitted at `at`; null for the provincial
 * HR department, which the notice gives none. Fixed windows close for all levels at once; monthly
 * (3010) applications are due by the last day of the window governing `at`; the standard window
 * has a deadline per level. `at` may be left out except for monthly categories.
 */
export function levelDeadline(policy: Policy, category: CategoryId, level: RouteLevel, at?: Date): string | null {
  if (level === 'province-hr') return null;
  const w = policy.categories[category].window;
  if (w.kind === 'fixed') return endOfDayIso(w.end);
  if (w.kind === 'monthly') {
    if (!at) throw new TypeError(`the deadlines of ${category} depend on the time of submission`);
    return applicantWindow(policy, category, at).closes;
  }
  return endOfDayIso(policy.levelDeadlines[level]);
}

/**
 * For monthly windows: the deadline a review task that missed `current` moves on to (the last day
 * of the next window), or null when no window of the policy is left or the policy does not carry
 * reviews over (`carryOver: false`: a missed 25th is a missed deadline like any other).
 */
export function nextMonthlyDeadline(policy: Policy, category: CategoryId, current: string): string | null {
  const w = policy.categories[category].window;
  if (w.kind !== 'monthly' || !w.carryOver) return null;
  return monthlyWindows(w).find((x) => ms(x.closes) > ms(current))?.closes ?? null;
}

/** The monthly review window a step of a monthly (3010) category works in. */
export interface ReviewWindow {
  opens: string;
  /** The step's deadline: 24:00 of the window's last day. */
  closes: string;
  /** Set when `now` falls between two windows: the step waits until the window opens (四（六）). */
  waitUntil: string | null;
  /** What the form and the status say of it, in Chinese. */
  note: string;
}

/**
 * 四（六）: 县（乡）基层"3010"申报审核时间为每月1-25日. The window a review step of a monthly category
 * works in at `now`: the one open at `now`, or, after a month's last review day, the next one, which
 * the step waits for; with `closes`, the window that closes then. Null for other categories, and
 * when no such window of the policy is left.
 */
export function reviewWindow(policy: Policy, category: CategoryId, now: Date, closes?: string): ReviewWindow | null {
  const w = policy.categories[category].window;
  if (w.kind !== 'monthly') return null;
  const window = windowsOf(policy, category).find((x) => (closes === undefined ? now.getTime() < ms(x.closes) : ms(x.closes) === ms(closes)));
  if (!window) return null;
  const waitUntil = now.getTime() < ms(window.opens) ? window.opens : null;
  const days = `每月${w.firstDay}-${w.lastDay}日`;
  const note = waitUntil
    ? `审核时间为${days}（四（六））：本环节自${formatDateZh(window.opens)}起办理，${formatInstantZh(window.closes)}前完成`
    : `审核时间为${days}（四（六））：本环节须在${formatInstantZh(window.closes)}前完成，逾期未完成的顺延至下月审核期`;
  return { opens: window.opens, closes: window.closes, waitUntil, note };
}

/** When the next applicant window opens after `at`, or null when none is left. */
export function nextWindowOpening(policy: Policy, category: CategoryId, at: Date): string | null {
  return windowsOf(policy, category).find((x) => at.getTime() < ms(x.opens))?.opens ?? null;
}

/**
 * The deadline of the provincial HR department's verification of a category's documents, started
 * on `startDate`: the end of the policy's working days, or null where the policy gives it none
 * (the notice sets no deadline for the provincial level).
 */
export function verificationDeadline(policy: Policy, startDate: string, calendar: WorkingDayCalendar): string | null {
  const days = policy.documentVerification.workingDays;
  return days === null ? null : calendar.endOfWorkingDays(startDate, days);
}

/** The unit's part of the timetable: when its review is due, and why it may not fit. */
export interface UnitTimetable {
  /**
   * When the unit's review is due: the notice's unit deadline less the publicity and the next
   * levels' reserve. A due date, not a withdrawal: the application is withdrawn only at the
   * notice's own deadline (unitDeadline, 四（二）/四（五）).
   */
  reviewDeadline: string;
  /** When the unit's publicity must have ended. */
  publicityEndsBy: string;
  /** The notice's deadline of the unit (route[0]): the only one at which the application is withdrawn. */
  unitDeadline: string;
  /** Set when the review deadline had passed when the step opened: the notice's deadline applies, and this says so. */
  warning: string | null;
  /** Set when the due date was counted on a year without the official holiday schedule: why, in Chinese. */
  provisional: string | null;
}

/** What the unit's task says of its due date: the timetable's warning and, while it lasts, the provisional note. */
export function timetableWarning(t: UnitTimetable | null): string | null {
  return [t?.warning, t?.provisional ? `截止时间为暂定：${t.provisional}` : null].filter(Boolean).join('；') || null;
}

const dayBefore = (instant: string) => addDays(instant.slice(0, 10), -1);

/**
 * The unit's publicity (单位公示, 三（二）: 履行公示程序无异议后，逐级报送) runs inside the unit's part of
 * the timetable: it must end by the unit's deadline (四（二）), less `publicity.nextLevelReserveWorkingDays`
 * working days for each later level whose deadline is the same (the 主管部门 shares the unit's 2月8日;
 * in the 中小学正高级 window every level shares 3月31日), so that an application submitted on the
 * last allowed day still reaches the next level in time. The unit's review is due by the end of the
 * last day on which a publicity of `publicity.unitWorkingDays` working days can start and still
 * end by then. When that day has passed at `now` (the step opens too late), the due date is the
 * notice's own unit deadline and a warning says that the publicity cannot end in time.
 *
 * Monthly (3010) windows are left as they are: their reviews carry over to the next month.
 * `route` is computeRoute's, whose first step is the unit's (or the federation's) with its deadline.
 */
export function unitTimetable(policy: Policy, category: CategoryId, route: ReadonlyArray<{ deadline: string | null }>, now: Date, calendar: WorkingDayCalendar): UnitTimetable | null {
  const unitDeadline = route[0]?.deadline;
  if (!unitDeadline || policy.categories[category].window.kind === 'monthly') return null;
  const days = policy.publicity.unitWorkingDays;
  const sharing = route.slice(1).filter((s) => s.deadline === unitDeadline).length;
  // Step back over the reserved working days: each ends the unit's part one working day earlier.
  let publicityEndsBy = unitDeadline;
  for (let reserved = 0; reserved < sharing * policy.publicity.nextLevelReserveWorkingDays; ) {
    const last = dayBefore(publicityEndsBy);
    if (calendar.isWorkingDay(last)) reserved += 1;
    publicityEndsBy = endOfDayIso(addDays(last, -1));
  }
  // The last day a publicity can start on and still end by publicityEndsBy.
  let start = dayBefore(publicityEndsBy);
  while (ms(calendar.endOfWorkingDays(start, days)) > ms(publicityEndsBy)) start = addDays(start, -1);
  const reviewDeadline = endOfDayIso(start);
  const years = calendar.provisionalYears(start, dayBefore(unitDeadline));
  const provisional = years.length ? provisionalNote(years) : null;
  if (now.getTime() < ms(reviewDeadline)) return { reviewDeadline, publicityEndsBy, unitDeadline, warning: null, provisional };
  return {
    reviewDeadline: unitDeadline,
    publicityEndsBy,
    unitDeadline,
    warning: `单位公示（${days}个工作日）已无法在${formatInstantZh(publicityEndsBy)}前结束，单位审核截止时间按通知为${formatInstantZh(unitDeadline)} · the unit publicity (${days} working days) can no longer end by ${formatInstantZh(publicityEndsBy)}; the notice's unit deadline applies`,
    provisional,
  };
}
