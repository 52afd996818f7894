// The follow-up date of a review task: the start of the last working days before its deadline, so
// that Tasklist marks the task (and the "due within 3 working days" filter lists it) in time.
import { addDays, dateOf } from '../domain/time.js';
import type { WorkingDayCalendar } from './calendar.js';

/** Working days before a deadline from which a review task counts as due soon. */
export const FOLLOW_UP_WORKING_DAYS = 3;

/**
 * 00:00 (+08:00) of the first of the last `days` working days before `deadline` (an instant such
 * as `…-02-09T00:00:00+08:00`, the end of February 8th), or null without a deadline.
 *
 * A follow-up date is a reminder, not a rule of the notice: in a year without the official
 * schedule it counts on the statutory holidays like every provisional period.
 */
export function followUpDate(calendar: WorkingDayCalendar, deadline: string | null | undefined, days = FOLLOW_UP_WORKING_DAYS): string | null {
  if (!deadline) return null;
  const end = Date.parse(deadline);
  if (Number.isNaN(end)) throw new RangeError(`deadline: "${deadline}" is not an ISO-8601 instant`);
  // The last day of the period is the day the deadline's instant closes.
  let date = dateOf(new Date(end - 1));
  let counted = 0;
  for (let guard = 0; guard < 400; guard++) {
    if (calendar.isWorkingDay(date)) counted += 1;
    if (counted === days) return `${date}T00:00:00+08:00`;
    date = addDays(date, -1);
  }
  return null;
}
