// How many working days a step took, as offices count their own speed: the working days after the
// day it opened, up to and including the day it was decided (Asia/Shanghai days). Decided the day
// it opened is 0; opened on Friday and decided on Monday is 1. Holidays and make-up working days
// (调休) count as the calendar says.
import { addDays, dateOf } from '../domain/time.js';
import type { WorkingDayCalendar } from './calendar.js';

/** Working days from `opened` to `decided` (0 when decided on the day it opened, or before it). */
export function workingDaysSpent(calendar: WorkingDayCalendar, opened: Date, decided: Date): number {
  const last = dateOf(decided);
  let n = 0;
  for (let day = addDays(dateOf(opened), 1); day <= last; day = addDays(day, 1)) if (calendar.isWorkingDay(day)) n++;
  return n;
}

/** The median of whole numbers (the mean of the middle two for an even count, to one decimal); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const m = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return Math.round(m * 10) / 10;
}
