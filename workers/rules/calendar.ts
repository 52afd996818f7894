// Working days in Asia/Shanghai. A year the State Council has published its holiday schedule for
// counts on that schedule, make-up working days (调休) included: the chinese-days package's tables,
// or the operator's `policy/calendar/<year>.json` for a year the package does not carry yet. A
// later year counts, provisionally, on the holidays the law itself fixes (《全国年节及纪念日放假办法》
// as amended by 国务院令第795号), with their lunar dates from tyme4ts: a working-day period never stops for
// want of calendar data, and everything that shows such a period says that it is provisional.
// The package's own date functions read the machine's time zone, so only its tables are used;
// tyme4ts computes lunar dates and solar terms without the machine's time zone.
import { createRequire } from 'node:module';
import path from 'node:path';
import { LunarDay, SolarTerm } from 'tyme4ts';
import { z } from 'zod';
import { addDays, endOfDayIso, isIsoDate, weekday } from '../domain/time.js';
import type { Policy } from './policy.js';
import { policyDates } from './policy-dates.js';

const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
};

/** One year's official schedule: days off that would be working days, and make-up working days. */
export interface OfficialYear {
  year: number;
  /** Where it comes from: the chinese-days package, or the notice a supplement file copies. */
  source: string;
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
}

/** The official years of the chinese-days package. */
function packageYears(): Map<number, OfficialYear> {
  const years = new Map<number, { holidays: Set<string>; workdays: Set<string> }>();
  const of = (date: string) => {
    const y = Number(date.slice(0, 4));
    if (!years.has(y)) years.set(y, { holidays: new Set(), workdays: new Set() });
    return years.get(y)!;
  };
  for (const d of Object.keys(data.holidays)) of(d).holidays.add(d);
  for (const d of Object.keys(data.workdays)) of(d).workdays.add(d);
  return new Map([...years].map(([year, sets]) => [year, { year, source: 'chinese-days', ...sets }]));
}

const PACKAGE_YEARS = packageYears();

/** The first year any schedule covers; earlier dates are outside what the product counts. */
export const FIRST_CALENDAR_YEAR = Math.min(...PACKAGE_YEARS.keys());
/** The last year counted at all (statutory holidays included). */
export const LAST_CALENDAR_YEAR = 2100;

/** A date the calendar does not count: before any schedule, or past LAST_CALENDAR_YEAR. */
export class CalendarDataError extends Error {
  override readonly name = 'CalendarDataError';
  constructor(readonly date: string) {
    super(`${date} is outside the working-day calendar (${FIRST_CALENDAR_YEAR}-${LAST_CALENDAR_YEAR})`);
  }
}

/** A supplement file that breaks a rule; names the file, the field and the rule. */
export class CalendarSupplementError extends Error {
  override readonly name = 'CalendarSupplementError';
}

/**
 * The holidays 《全国年节及纪念日放假办法》 (国务院令第795号, in force since 2025-01-01) gives every
 * citizen in `year` (第二条): 元旦 1月1日; 春节 农历除夕、正月初一至初三; 清明节 (the day of the solar
 * term); 劳动节 5月1日、2日; 端午节 农历五月初五; 中秋节 农历八月十五; 国庆节 10月1日至3日. A holiday that
 * falls on a Saturday or Sunday is made up on a working day (第六条: 应当在工作日补假): here the next
 * weekday that is not a holiday itself. The State Council's yearly schedule moves days around (调休);
 * without it no weekend day is counted as worked, so a provisional period is never shorter than the
 * official one will be.
 */
export function statutoryHolidays(year: number): Map<string, string> {
  const solar = (d: { getYear(): number; getMonth(): number; getDay(): number }) =>
    `${d.getYear()}-${String(d.getMonth()).padStart(2, '0')}-${String(d.getDay()).padStart(2, '0')}`;
  const lunar = (month: number, day: number) => solar(LunarDay.fromYmd(year, month, day).getSolarDay());
  const newYear = LunarDay.fromYmd(year, 1, 1);
  const days = new Map<string, string>();
  const add = (date: string, name: string) => days.set(date, name);
  add(`${year}-01-01`, '元旦');
  add(solar(newYear.next(-1).getSolarDay()), '春节');
  for (let i = 0; i < 3; i++) add(solar(newYear.next(i).getSolarDay()), '春节');
  add(solar(SolarTerm.fromName(year, '清明').getSolarDay()), '清明节');
  add(`${year}-05-01`, '劳动节');
  add(`${year}-05-02`, '劳动节');
  add(lunar(5, 5), '端午节');
  add(lunar(8, 15), '中秋节');
  for (const d of ['01', '02', '03']) add(`${year}-10-${d}`, '国庆节');
  const weekend = (d: string) => weekday(d) === 0 || weekday(d) === 6;
  for (const [date, name] of [...days].sort(([a], [b]) => a.localeCompare(b))) {
    if (!weekend(date)) continue;
    let made = addDays(date, 1);
    while (weekend(made) || days.has(made)) made = addDays(made, 1);
    days.set(made, `${name}（补假）`);
  }
  return days;
}

/** Why a working-day figure is provisional, in the words reviewers and applicants read. */
export function provisionalNote(years: ReadonlyArray<number>): string {
  return `${years.join('、')}年的放假安排尚未公布，按法定节假日暂定`;
}

/** A period of working days, and whether it was counted on a provisional calendar. */
export interface WorkingDayPeriod {
  start: string;
  days: number;
  /** 24:00 of the last working day, as the next day's 00:00 (+08:00). */
  end: string;
  /** The last working day of the period. */
  lastDay: string;
  /** Years of the period counted on the statutory holidays alone (no official schedule yet). */
  provisionalYears: number[];
  /** Set when provisionalYears is not empty: why, in Chinese. */
  provisional: string | null;
}

/**
 * The working-day calendar: official years (package and supplements), statutory holidays for every
 * later year. Immutable; built once per process from the policy folder (createCalendar).
 */
export class WorkingDayCalendar {
  private readonly statutory = new Map<number, Map<string, string>>();

  constructor(
    private readonly official: ReadonlyMap<number, OfficialYear>,
    /** What loading the supplement files did. */
    readonly supplements: SupplementReport = { loaded: [], ignored: [] },
  ) {}

  /** The years with an official schedule. */
  officialYears(): number[] {
    return [...this.official.keys()].sort((a, b) => a - b);
  }

  /** Whether `year` counts on an official schedule (false: provisional, statutory holidays only). */
  isOfficial(year: number): boolean {
    return this.official.has(year);
  }

  /** Whether `date` (YYYY-MM-DD) is a working day. */
  isWorkingDay(date: string): boolean {
    if (!isIsoDate(date)) throw new RangeError(`not a date YYYY-MM-DD: ${date}`);
    const year = Number(date.slice(0, 4));
    if (year < FIRST_CALENDAR_YEAR || year > LAST_CALENDAR_YEAR) throw new CalendarDataError(date);
    const schedule = this.official.get(year);
    if (schedule?.workdays.has(date)) return true;
    if (schedule ? schedule.holidays.has(date) : this.statutoryOf(year).has(date)) return false;
    const d = weekday(date);
    return d !== 0 && d !== 6;
  }

  /** The statutory holiday a date of a provisional year falls on, or null. */
  statutoryHoliday(date: string): string | null {
    const year = Number(date.slice(0, 4));
    return this.official.has(year) ? null : (this.statutoryOf(year).get(date) ?? null);
  }

  /**
   * A period of `days` working days starting on `start`: `start` counts as the first day when it is
   * a working day; the period ends at 24:00 of the last one (SPEC 6).
   */
  period(start: string, days: number): WorkingDayPeriod {
    if (!Number.isInteger(days) || days < 1) throw new RangeError('days must be a whole number of at least 1');
    let date = start;
    let counted = 0;
    for (;;) {
      if (this.isWorkingDay(date)) counted += 1;
      if (counted === days) break;
      date = addDays(date, 1);
    }
    const provisionalYears = this.provisionalYears(start, date);
    return { start, days, end: endOfDayIso(date), lastDay: date, provisionalYears, provisional: provisionalYears.length ? provisionalNote(provisionalYears) : null };
  }

  /** The end of `days` working days from `start` (period(...).end). */
  endOfWorkingDays(start: string, days: number): string {
    return this.period(start, days).end;
  }

  /** The years between two dates (inclusive) that count on the statutory holidays alone. */
  provisionalYears(from: string, to: string): number[] {
    const [a, b] = from <= to ? [from, to] : [to, from];
    const years: number[] = [];
    for (let y = Number(a.slice(0, 4)); y <= Number(b.slice(0, 4)); y++) if (!this.official.has(y)) years.push(y);
    return years;
  }

  private statutoryOf(year: number): Map<string, string> {
    let days = this.statutory.get(year);
    if (!days) this.statutory.set(year, (days = statutoryHolidays(year)));
    return days;
  }
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
export function parseCalendarSupplement(value: unknown, file: string): OfficialYear {
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

/** A supplement file as read from a policy folder: its name (`calendar/<year>.json`) and its JSON. */
export interface SupplementFile {
  file: string;
  json: unknown;
}

/**
 * The calendar of the package's years and of supplement files for the years it lacks
 * (workers/policy/calendar.ts reads them from a policy folder). A bad file throws; a year the
 * package already covers keeps the package's data, and the file is reported (and whether the two
 * disagree).
 */
export function calendarOf(files: readonly SupplementFile[]): WorkingDayCalendar {
  const official = new Map(PACKAGE_YEARS);
  const report: SupplementReport = { loaded: [], ignored: [] };
  for (const { file, json } of files) {
    const supplement = parseCalendarSupplement(json, file);
    if (path.basename(file) !== `${supplement.year}.json`) throw new CalendarSupplementError(`${file}: year: ${supplement.year} must match the file name ${supplement.year}.json`);
    const known = PACKAGE_YEARS.get(supplement.year);
    if (known) {
      const agrees = [...supplement.holidays].every((d) => known.holidays.has(d)) && [...supplement.workdays].every((d) => known.workdays.has(d));
      report.ignored.push({ year: supplement.year, file, reason: `chinese-days covers ${supplement.year}${agrees ? '' : ' and disagrees with this file'}; the package's data applies` });
      continue;
    }
    official.set(supplement.year, supplement);
    report.loaded.push({ year: supplement.year, source: supplement.source });
  }
  return new WorkingDayCalendar(official, report);
}

/** The package's calendar alone, without supplement files (tests and tools that load no policy folder). */
export const packageCalendar = calendarOf([]);

/** Years a policy's dates reach (its last year plus one, where publicity periods may end) that count provisionally. */
export function provisionalPolicyYears(policy: Policy, calendar: WorkingDayCalendar): number[] {
  const dates = policyDates(policy);
  return calendar.provisionalYears(dates[0]!, `${Number(dates.at(-1)!.slice(0, 4)) + 1}-12-31`);
}
