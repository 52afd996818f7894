// Windows and deadlines per category and level (SPEC section 6), as +08:00 instants where 24:00
// of a day is the next day's 00:00.
import type { CategoryId } from '../domain/application.js';
import type { Policy } from './policy.js';
import { addDays, endOfDayIso } from '../domain/time.js';

/** Levels that have a deadline (the province has none). */
export type DeadlineLevel = keyof Policy['levelDeadlines'];

/** An applicant window: opens at `opens`, closes at `closes` (exclusive). */
export interface Window {
  opens: string;
  closes: string;
}

const iso = (date: string) => `${date}T00:00:00+08:00`;
const monthEnd = (month: string) => addDays(`${addDays(`${month}-28`, 4).slice(0, 7)}-01`, -1);

/** The monthly windows of a `monthly` category, in order. */
function monthlyWindows(w: { firstDay: number; lastDay: number; from: string; to: string }): Array<{ first: string; last: string }> {
  const out: Array<{ first: string; last: string }> = [];
  for (let m = w.from; m <= w.to; m = addDays(monthEnd(m), 1).slice(0, 7)) {
    out.push({ first: `${m}-${String(w.firstDay).padStart(2, '0')}`, last: `${m}-${String(w.lastDay).padStart(2, '0')}` });
  }
  return out;
}

/**
 * The applicant window that governs a submission at `at`: the one open at `at`, else the next one
 * to open, else the last one (closed). For standard and fixed windows there is only one.
 */
export function applicantWindow(policy: Policy, category: CategoryId, at: Date): Window {
  const w = policy.categories[category].window;
  if (w.kind === 'standard') return { opens: iso(policy.applicantWindow.start), closes: endOfDayIso(policy.applicantWindow.end) };
  if (w.kind === 'fixed') return { opens: iso(w.start), closes: endOfDayIso(w.end) };
  const windows = monthlyWindows(w).map((m) => ({ opens: iso(m.first), closes: endOfDayIso(m.last) }));
  const t = at.getTime();
  return windows.find((x) => t < new Date(x.closes).getTime()) ?? windows.at(-1)!;
}

/** Whether `at` falls inside the window. */
export function isOpen(window: Window, at: Date): boolean {
  return at.getTime() >= new Date(window.opens).getTime() && at.getTime() < new Date(window.closes).getTime();
}

/**
 * The deadline of a review level for an application submitted at `submittedAt`. Monthly (3010)
 * applications are due by the 25th of their submission window; fixed windows close for all levels
 * at once; standard ones have a deadline per level.
 */
export function levelDeadline(policy: Policy, category: CategoryId, level: DeadlineLevel, submittedAt: Date): string {
  const w = policy.categories[category].window;
  if (w.kind === 'fixed') return endOfDayIso(w.end);
  if (w.kind === 'monthly') return applicantWindow(policy, category, submittedAt).closes;
  return endOfDayIso(policy.levelDeadlines[level]);
}

/**
 * For monthly windows: the deadline a review task that missed the 25th moves on to (the 25th of
 * the next window), or null when no window of the year is left.
 */
export function nextMonthlyDeadline(policy: Policy, category: CategoryId, current: string): string | null {
  const w = policy.categories[category].window;
  if (w.kind !== 'monthly') return null;
  const next = monthlyWindows(w).find((m) => new Date(endOfDayIso(m.last)).getTime() > new Date(current).getTime());
  return next ? endOfDayIso(next.last) : null;
}

/** When the next applicant window opens after `at`, or null when none is left. */
export function nextWindowOpening(policy: Policy, category: CategoryId, at: Date): string | null {
  const w = applicantWindow(policy, category, at);
  return at.getTime() < new Date(w.opens).getTime() ? w.opens : null;
}
