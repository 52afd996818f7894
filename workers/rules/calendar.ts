// Working days on the State Council's holiday schedule, make-up working days (调休) included,
// from the chinese-days package. A year the data does not cover is an error, never a guess.
// The package's own date functions read the machine's time zone, so only its tables are used.
// A year the package lacks can be supplied as policy/calendar/<year>.json (loadCalendarSupplements).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { z } from 'zod';
import { addDays, endOfDayIso, isIsoDate, weekday } from '../domain/time.js';
import { policyDates, type Policy } from './policy.js';

const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
};

/** Years the chinese-days package covers. */
const PACKAGE_YEARS: ReadonlySet<number> = new Set(Object.keys(data.holidays).map((d) => Number(d.slice(0, 4))));

/**
 * Days off and make-up working days: the package's, plus the years an operator adds in
 * `<policy dir>/calendar/<year>.json` once the State Council has published them and before a
 * chinese-days release carries them (the notice comes in November or December, the January peak
 * right after).
 */
const holidays = new Set(Object.keys(data.holidays));
const workdays = new Set(Object.keys(data.workdays));
const years = new Set(PACKAGE_YEARS);

/** One year's schedule from a supplement file. */
interface Supplement {
  year: number;
  source: string;
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
}

/** The years the holiday data covers: the package's, and supplements loaded. */
export const CALENDAR_YEARS: ReadonlySet<number> = years;

const sortedYears = () => [...CALENDAR_YEARS].sort((a, b) => a - b);

/** A date in a year without holiday data. */
export class CalendarDataError extends Error {
  override readonly name = 'CalendarDataError';
  constructor(readonly date: string) {
    const known = sortedYears();
    super(
      `no official holiday schedule for ${date.slice(0, 4)} (data covers ${known[0]}-${known.at(-1)}); update chinese-days, ` +
        `or add the State Council's schedule as policy/calendar/${date.slice(0, 4)}.json`,
    );
  }
}

/** A supplement file that breaks a rule; names the file, the field and the rule. */
export class CalendarSupplementError extends Error {
  override readonly name = 'CalendarSupplementError';
}

function guard(date: string): void {
  if (!isIsoDate(date)) throw new RangeError(`not a date YYYY-MM-DD: ${date}`);
  if (!CALENDAR_YEARS.has(Number(date.slice(0, 4)))) throw new CalendarDataError(date);
}

const dayOrRange = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(\/\d{4}-\d{2}-\d{2})?$/, { error: 'must be a date YYYY-MM-DD or a range YYYY-MM-DD/YYYY-MM-DD' });
const supplementSchema = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  /** The notice it copies, e.g. 国务院办公厅关于<year>年部分节假日安排的通知 (国办发明电〔...〕...号). */
  source: z.string().trim().min(1, { error: 'must name the notice the schedule comes from' }),
  /** Days off that would otherwise be working days, and the holiday periods' weekends. */
  holidays: z.array(dayOrRange).min(1, { error: 'must list the year\'s holidays' }),
  /** Make-up working days (调休) on weekends. */
  workdays: z.array(dayOrRange),
});

function expand(entry: string, where: string): string[] {
  const [from, to = from] = entry.split('/') as [string, string?];
  for (const d of [from, to]) if (!isIsoDate(d)) throw new CalendarSupplementError(`${where}: ${d} is not a calendar date`);
  if (to < from) throw new CalendarSupplementError(`${where}: the range ${entry} ends before it starts`);
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** Parses one supplement; `file` names it in errors. */
export function parseCalendarSupplement(value: unknown, file: string): Supplement {
  const parsed = supplementSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CalendarSupplementError(`${file}: ${issue.path.join('.') || '(file)'}: ${issue.message}`);
  }
  const { year, source } = parsed.data;
  const list = (field: 'holidays' | 'workdays') =>
    parsed.data[field].flatMap((entry, i) => {
      const days = expand(entry, `${file}: ${field}.${i}`);
      for (const d of days) if (Number(d.slice(0, 4)) !== year) throw new CalendarSupplementError(`${file}: ${field}.${i}: ${d} is not in ${year}`);
      return days;
    });
  const off = new Set(list('holidays'));
  const worked = new Set(list('workdays'));
  for (const d of worked) {
    if (off.has(d)) throw new CalendarSupplementError(`${file}: workdays: ${d} is listed as a holiday too`);
    const w = weekday(d);
    if (w !== 0 && w !== 6) throw new CalendarSupplementError(`${file}: workdays: ${d} is a weekday; only weekend days are made working days (调休)`);
  }
  return { year, source, holidays: off, workdays: worked };
}

/** What loading supplements did: years added, and files left aside because the package covers their year. */
export interface SupplementReport {
  loaded: Array<{ year: number; source: string }>;
  ignored: Array<{ year: number; file: string; reason: string }>;
}

/**
 * Loads `<dir>/calendar/<year>.json`. A bad file stops start-up; a year the package already covers
 * keeps the package's data, and the file is reported (and whether the two disagree).
 */
export function loadCalendarSupplements(dir: string): SupplementReport {
  const report: SupplementReport = { loaded: [], ignored: [] };
  const folder = path.join(dir, 'calendar');
  if (!existsSync(folder)) return report;
  for (const name of readdirSync(folder).filter((f) => f.endsWith('.json')).sort()) {
    const file = path.join('calendar', name);
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path.join(folder, name), 'utf8'));
    } catch (error) {
      throw new CalendarSupplementError(`${file}: not JSON (${(error as Error).message})`);
    }
    const supplement = parseCalendarSupplement(json, file);
    if (name !== `${supplement.year}.json`) throw new CalendarSupplementError(`${file}: year: ${supplement.year} must match the file name ${supplement.year}.json`);
    if (PACKAGE_YEARS.has(supplement.year)) {
      const agrees = [...supplement.holidays].every((d) => holidays.has(d)) && [...supplement.workdays].every((d) => workdays.has(d));
      report.ignored.push({ year: supplement.year, file, reason: `chinese-days covers ${supplement.year}${agrees ? '' : ' and disagrees with this file'}; the package's data applies` });
      continue;
    }
    for (const d of supplement.holidays) holidays.add(d);
    for (const d of supplement.workdays) workdays.add(d);
    years.add(supplement.year);
    report.loaded.push({ year: supplement.year, source: supplement.source });
  }
  return report;
}

/** Whether `date` (YYYY-MM-DD) is an official working day. */
export function isWorkingDay(date: string): boolean {
  guard(date);
  if (workdays.has(date)) return true;
  if (holidays.has(date)) return false;
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
