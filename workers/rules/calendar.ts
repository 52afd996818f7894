// Working days on the State Council's holiday schedule, make-up working days (调休) included,
// from the chinese-days package. A year the data does not cover is an error, never a guess.
// The package's own date functions read the machine's time zone, so only its tables are used.
import { createRequire } from 'node:module';
import { addDays, endOfDayIso, weekday } from '../domain/time.js';
import { policyDates, type Policy } from './policy.js';

const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
};

/** The years the holiday data covers. */
export const CALENDAR_YEARS: ReadonlySet<number> = new Set(Object.keys(data.holidays).map((d) => Number(d.slice(0, 4))));

const sortedYears = () => [...CALENDAR_YEARS].sort((a, b) => a - b);

/** A date in a year without holiday data. */
export class CalendarDataError extends Error {
  override readonly name = 'CalendarDataError';
  constructor(readonly date: string) {
    const years = sortedYears();
    super(`no official holiday schedule for ${date.slice(0, 4)} (data covers ${years[0]}-${years.at(-1)}); update chinese-days`);
  }
}

function guard(date: string): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || addDays(date, 0) !== date) throw new RangeError(`not a date YYYY-MM-DD: ${date}`);
  if (!CALENDAR_YEARS.has(Number(date.slice(0, 4)))) throw new CalendarDataError(date);
}

/** Whether `date` (YYYY-MM-DD) is an official working day. */
export function isWorkingDay(date: string): boolean {
  guard(date);
  if (date in data.workdays) return true;
  if (date in data.holidays) return false;
  const d = weekday(date);
  return d !== 0 && d !== 6;
}

/**
 * The end of a period of `days` working days starting on `start`: `start` counts as the first day
 * when it is a working day; the period ends at 24:00 of the last one (as the next day's 00:00).
 */
export function endOfWorkingDays(start: string, days: number): string {
  if (!Number.isInteger(days) || days < 1) throw new RangeError('days must be a whole number of at least 1');
  let date = start;
  let counted = 0;
  for (;;) {
    if (isWorkingDay(date)) counted += 1;
    if (counted === days) return endOfDayIso(date);
    date = addDays(date, 1);
  }
}

/** Years a policy's dates reach (its last year plus one, where publicity periods may end) that the holiday data lacks. */
export function calendarGaps(policy: Policy): number[] {
  const dates = policyDates(policy);
  const first = Number(dates[0]!.slice(0, 4));
  const last = Number(dates.at(-1)!.slice(0, 4)) + 1;
  const gaps: number[] = [];
  for (let y = first; y <= last; y++) if (!CALENDAR_YEARS.has(y)) gaps.push(y);
  return gaps;
}
