// Windows and deadlines per category and level (SPEC section 6), as +08:00 instants where 24:00
// of a day is the next day's 00:00.
import type { CategoryId } from '../domain/application.js';
import { addDays, endOfDayIso } from '../domain/time.js';
import { endOfWorkingDays } from './calendar.js';
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

/** When the next applicant window opens after `at`, or null when none is left. */
export function nextWindowOpening(policy: Policy, category: CategoryId, at: Date): string | null {
  return windowsOf(policy, category).find((x) => at.getTime() < ms(x.opens))?.opens ?? null;
}

/**
 * The deadline of the provincial HR department's verification of a category's documents, started
 * on `startDate`: the end of the policy's working days, or null where the policy gives it none
 * (the notice sets no deadline for the provincial level).
 */
export function verificationDeadline(policy: Policy, startDate: string): string | null {
  const days = policy.documentVerification.workingDays;
  return days === null ? null : endOfWorkingDays(startDate, days);
}
