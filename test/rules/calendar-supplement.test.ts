// A year chinese-days lacks, supplied by the operator as policy/calendar/<year>.json: loaded, used,
// validated with errors that name the file, the field and the rule; the package wins where it has data.
// Each calendar is built from its folder; nothing a file says changes another calendar.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CalendarSupplementError, packageCalendar } from '../../workers/rules/index.js';
import { addDays, weekday } from '../../workers/domain/time.js';
import { createCalendar } from '../../workers/policy/calendar.js';

const covered = packageCalendar.officialYears();
const last = covered.at(-1)!;
const year = last + 1;
/** The first Saturday of the year, a made-up 调休 working day in the test schedule. */
let saturday = `${year}-01-04`;
while (weekday(saturday) !== 6) saturday = addDays(saturday, 1);

let dir: string;
const write = (name: string, value: unknown) => {
  mkdirSync(path.join(dir, 'calendar'), { recursive: true });
  writeFileSync(path.join(dir, 'calendar', name), typeof value === 'string' ? value : JSON.stringify(value));
};
const schedule = { year, source: '测试用节假日安排（非官方）', holidays: [`${year}-01-01/${year}-01-03`], workdays: [saturday] };

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'calendar-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('calendar supplements', () => {
  it('leave the calendar alone when there is no calendar folder', () => {
    expect(createCalendar(dir).supplements).toEqual({ loaded: [], ignored: [] });
  });

  it.each([
    ['not JSON', `${year}.json`, '{', /not JSON/],
    ['a file named after another year', `${year + 1}.json`, schedule, new RegExp(`year: ${year} must match the file name`)],
    ['no source', `${year}.json`, { ...schedule, source: ' ' }, /source: must name the notice/],
    ['a malformed entry', `${year}.json`, { ...schedule, holidays: ['1 Jan'] }, /holidays\.0: must be a date YYYY-MM-DD or a range/],
    ['a date outside the year', `${year}.json`, { ...schedule, holidays: [`${year - 1}-12-31/${year}-01-02`] }, new RegExp(`holidays\\.0: ${year - 1}-12-31 is not in ${year}`)],
    ['a range backwards', `${year}.json`, { ...schedule, holidays: [`${year}-01-03/${year}-01-01`] }, /ends before it starts/],
    ['an impossible date', `${year}.json`, { ...schedule, holidays: [`${year}-02-30`] }, /is not a calendar date/],
    ['a make-up day on a weekday', `${year}.json`, { ...schedule, workdays: [addDays(saturday, 2)] }, /is a weekday; only weekend days/],
    ['a day both off and worked', `${year}.json`, { ...schedule, holidays: [...schedule.holidays, saturday] }, /listed as a holiday too/],
    ['an unknown field', `${year}.json`, { ...schedule, extra: 1 }, /\(file\)|extra/],
  ])('refuse %s, naming the file and the rule', (_what, name, value, message) => {
    write(name, value);
    expect(() => createCalendar(dir)).toThrow(CalendarSupplementError);
    expect(() => createCalendar(dir)).toThrow(message);
    expect(packageCalendar.isOfficial(year)).toBe(false);
  });

  it('keep the package data for a year it covers and say whether the file disagrees', () => {
    write(`${last}.json`, { year: last, source: 'x', holidays: [`${last}-01-01`], workdays: [] });
    const report = createCalendar(dir).supplements;
    expect(report.loaded).toEqual([]);
    expect(report.ignored).toEqual([{ year: last, file: path.join('calendar', `${last}.json`), reason: expect.stringMatching(new RegExp(`chinese-days covers ${last}; the package's data applies`)) }]);
    rmSync(path.join(dir, 'calendar'), { recursive: true });
    write(`${last}.json`, { year: last, source: 'x', holidays: [`${last}-03-03`], workdays: [] });
    expect(createCalendar(dir).supplements.ignored[0]!.reason).toMatch(/disagrees with this file/);
  });

  it('add a missing year, so that periods run across the new year on its schedule', () => {
    // Before the file: provisional, on the statutory holidays (no weekend is worked).
    expect(packageCalendar.isOfficial(year)).toBe(false);
    expect(packageCalendar.isWorkingDay(saturday)).toBe(false);
    write(`${year}.json`, schedule);
    const calendar = createCalendar(dir);
    expect(calendar.supplements).toEqual({ loaded: [{ year, source: schedule.source }], ignored: [] });
    expect(calendar.isOfficial(year)).toBe(true);
    expect(packageCalendar.isOfficial(year)).toBe(false);
    const isWorkingDay = (d: string) => calendar.isWorkingDay(d);
    const endOfWorkingDays = (start: string, n: number) => calendar.endOfWorkingDays(start, n);
    expect(isWorkingDay(`${year}-01-02`)).toBe(false);
    expect(isWorkingDay(saturday)).toBe(true);
    expect(isWorkingDay(addDays(saturday, 1))).toBe(false);
    // From the last day of the covered year, two working days: the second falls in the new year,
    // after its listed holidays (1-3 January), counted here from the test schedule itself.
    const working = (d: string) => d === saturday || (weekday(d) !== 0 && weekday(d) !== 6 && !(d >= `${year}-01-01` && d <= `${year}-01-03`));
    const start = `${last}-12-31`;
    let second = `${year}-01-01`;
    while (!working(second)) second = addDays(second, 1);
    if (!isWorkingDay(start)) {
      second = addDays(second, 1);
      while (!working(second)) second = addDays(second, 1);
    }
    expect(second >= `${year}-01-04`).toBe(true);
    expect(endOfWorkingDays(start, 2)).toBe(`${addDays(second, 1)}T00:00:00+08:00`);
    expect(calendar.period(start, 2).provisional).toBeNull();
  });
});
