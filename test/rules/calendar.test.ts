// Working days on the official calendar, make-up days included; no guessing for unknown years.
import fc from 'fast-check';
import { LunarDay, SolarTerm } from 'tyme4ts';
import { CalendarDataError, FIRST_CALENDAR_YEAR, packageCalendar, provisionalPolicyYears, statutoryHolidays } from '../../workers/rules/index.js';
import { addDays } from '../../workers/domain/time.js';
import { policy2024 } from './support.js';
import { demoPolicy } from '../../workers/policy/load.js';

const range = (from: string, to: string) => {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
};
const years = packageCalendar.officialYears();
const isWorkingDay = (d: string) => packageCalendar.isWorkingDay(d);
const endOfWorkingDays = (start: string, n: number) => packageCalendar.endOfWorkingDays(start, n);

describe('SPEC 6: the 2024 schedule', () => {
  it.each([
    ['off', ['2024-01-01', ...range('2024-02-10', '2024-02-17'), ...range('2024-04-04', '2024-04-06'), ...range('2024-05-01', '2024-05-05'), '2024-06-10', ...range('2024-09-15', '2024-09-17'), ...range('2024-10-01', '2024-10-07')]],
    ['worked (调休)', ['2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12']],
  ])('%s', (kind, dates) => {
    for (const d of dates) expect([d, isWorkingDay(d)]).toEqual([d, kind !== 'off']);
  });

  it('plain weekends are off and plain weekdays worked', () => {
    expect(isWorkingDay('2024-01-06')).toBe(false);
    expect(isWorkingDay('2024-01-07')).toBe(false);
    expect(isWorkingDay('2024-01-08')).toBe(true);
  });
});

describe('endOfWorkingDays', () => {
  it('counts the SPEC example: 5 working days from 2024-02-08 end at 2024-02-21 00:00 (2/8, 2/9, 2/18, 2/19, 2/20)', () => {
    expect(endOfWorkingDays('2024-02-08', 5)).toBe('2024-02-21T00:00:00+08:00');
  });

  it('counts the start only when it is a working day', () => {
    expect(endOfWorkingDays('2024-02-10', 1)).toBe('2024-02-19T00:00:00+08:00'); // the first is the make-up Sunday 2/18
    expect(endOfWorkingDays('2024-09-30', 1)).toBe('2024-10-01T00:00:00+08:00');
    expect(endOfWorkingDays('2024-10-01', 1)).toBe('2024-10-09T00:00:00+08:00');
  });

  it('refuses malformed input and dates before any schedule', () => {
    expect(() => isWorkingDay(`${FIRST_CALENDAR_YEAR - 1}-10-01`)).toThrow(CalendarDataError);
    expect(() => isWorkingDay('2024-02-30')).toThrow(RangeError);
    expect(() => endOfWorkingDays('2024-02-08', 0)).toThrow(RangeError);
  });

  it('property: an N-working-day period holds exactly N working days and ends after one', () => {
    const first = Date.UTC(years[0]!, 0, 1);
    const last = Date.UTC(years.at(-1)! + 3, 10, 1);
    fc.assert(
      fc.property(fc.integer({ min: first, max: last }), fc.integer({ min: 1, max: 30 }), (ms, n) => {
        const start = new Date(ms).toISOString().slice(0, 10);
        const end = endOfWorkingDays(start, n);
        expect(end).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00\+08:00$/);
        const days = range(start, addDays(end.slice(0, 10), -1));
        expect(days.filter(isWorkingDay)).toHaveLength(n);
        expect(isWorkingDay(days.at(-1)!)).toBe(true);
      }),
    );
  });
});

describe('a year without the State Council\'s schedule (《全国年节及纪念日放假办法》, SPEC 6)', () => {
  const next = years.at(-1)! + 1;

  it('SPEC 6: a period that reaches it is counted, never refused, and says it is provisional', () => {
    const period = packageCalendar.period(`${next - 1}-12-28`, 5);
    expect(period.end).toMatch(new RegExp(`^${next}-01-\\d{2}T00:00:00\\+08:00$`));
    expect(period.provisionalYears).toEqual([next]);
    expect(period.provisional).toBe(`${next}年的放假安排尚未公布，按法定节假日暂定`);
    // 元旦 is off in any year.
    expect(isWorkingDay(`${next}-01-01`)).toBe(false);
    // A period inside official years is not provisional.
    expect(packageCalendar.period('2024-02-08', 5)).toMatchObject({ end: '2024-02-21T00:00:00+08:00', lastDay: '2024-02-20', provisional: null, provisionalYears: [] });
  });

  it('第二条: 元旦 1 day, 春节 4 (除夕 to 初三), 清明 1, 劳动节 2, 端午 1, 中秋 1, 国庆 3, lunar dates and the solar term from tyme4ts', () => {
    const days = statutoryHolidays(2027);
    const named = (name: string) => [...days].filter(([, n]) => n === name).map(([d]) => d).sort();
    expect(named('元旦')).toEqual(['2027-01-01']);
    // 2027: 除夕 is 2月5日, 正月初一 2月6日 (a Saturday).
    expect(named('春节')).toEqual(['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08']);
    expect(named('清明节')).toEqual(['2027-04-05']);
    expect(named('劳动节')).toEqual(['2027-05-01', '2027-05-02']);
    expect(named('端午节')).toEqual(['2027-06-09']);
    expect(named('中秋节')).toEqual(['2027-09-15']);
    expect(named('国庆节')).toEqual(['2027-10-01', '2027-10-02', '2027-10-03']);
  });

  it('第六条: a holiday on a Saturday or Sunday is made up on the next weekday (补假), never by a worked weekend', () => {
    const days = statutoryHolidays(2027);
    // 春节 2027: Saturday 2/6 and Sunday 2/7 are made up on Tuesday 2/9 and Wednesday 2/10.
    expect([...days].filter(([, n]) => n === '春节（补假）').map(([d]) => d).sort()).toEqual(['2027-02-09', '2027-02-10']);
    expect(isWorkingDay('2027-02-10')).toBe(false);
    expect(isWorkingDay('2027-02-11')).toBe(true);
    // No weekend day becomes a working day without the State Council's schedule.
    for (let d = '2027-01-01'; d <= '2027-12-31'; d = addDays(d, 1)) {
      const w = new Date(`${d}T00:00:00Z`).getUTCDay();
      if (w === 0 || w === 6) expect([d, isWorkingDay(d)]).toEqual([d, false]);
    }
  });

  it('the statutory days of each official year (2025 on, the amended 办法) are days off in its official schedule', () => {
    for (const year of years.filter((y) => y >= 2025)) {
      for (const [date, name] of statutoryHolidays(year)) {
        if (!name.includes('补假')) expect([date, name, isWorkingDay(date)]).toEqual([date, name, false]);
      }
    }
  });

  it('lunar dates and 清明 agree with chinese-days\' own lunar conversion (read in Asia/Shanghai) up to 2099', async () => {
    const zone = process.env.TZ;
    process.env.TZ = 'Asia/Shanghai';
    try {
      const { getSolarDateFromLunar, getSolarTermDate } = (await import('chinese-days')).default;
      const ymd = (d: { getYear(): number; getMonth(): number; getDay(): number }) => `${d.getYear()}-${String(d.getMonth()).padStart(2, '0')}-${String(d.getDay()).padStart(2, '0')}`;
      for (let y = 2025; y <= 2099; y++) {
        for (const [m, d] of [[1, 1], [5, 5], [8, 15]] as const) {
          expect([y, m, d, ymd(LunarDay.fromYmd(y, m, d).getSolarDay())]).toEqual([y, m, d, getSolarDateFromLunar(`${y}-${m}-${d}`).date]);
        }
        expect([y, ymd(SolarTerm.fromName(y, '清明').getSolarDay())]).toEqual([y, getSolarTermDate(y, 4, 'pure_brightness')]);
      }
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('does not depend on the machine\'s time zone', () => {
    const zone = process.env.TZ;
    try {
      const seen = ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati'].map((tz) => {
        process.env.TZ = tz;
        return JSON.stringify([...statutoryHolidays(2031)]);
      });
      expect(new Set(seen).size).toBe(1);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});

describe('provisionalPolicyYears', () => {
  it('finds none for the 2024 policy, and names the provisional years of a demo far ahead', () => {
    expect(provisionalPolicyYears(policy2024, packageCalendar)).toEqual([]);
    const y = years.at(-1)! + 5;
    const later = demoPolicy(policy2024, `${y}-03-01`);
    // Its dates run from the cut-off (the day before) into the next year's monthly windows; publicity may end a year later.
    expect(provisionalPolicyYears(later, packageCalendar)).toEqual([y, y + 1, y + 2]);
  });
});
