// Working days on the official calendar, make-up days included; no guessing for unknown years.
import fc from 'fast-check';
import { CALENDAR_YEARS, CalendarDataError, calendarGaps, demoPolicy, endOfWorkingDays, isWorkingDay } from '../../workers/rules/index.js';
import { addDays } from '../../workers/domain/time.js';
import { policy2024 } from './support.js';

const range = (from: string, to: string) => {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
};
const years = [...CALENDAR_YEARS].sort((a, b) => a - b);

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

  it('refuses a year without holiday data instead of guessing, and malformed input', () => {
    const after = `${years.at(-1)! + 1}-01-05`;
    expect(() => endOfWorkingDays(after, 5)).toThrow(CalendarDataError);
    expect(() => isWorkingDay(`${years[0]! - 1}-10-01`)).toThrow(new RegExp(`no official holiday schedule for ${years[0]! - 1}`));
    // A period running into a missing year fails too, rather than counting weekdays there.
    expect(() => endOfWorkingDays(`${years.at(-1)}-12-28`, 10)).toThrow(CalendarDataError);
    expect(() => isWorkingDay('2024-02-30')).toThrow(RangeError);
    expect(() => endOfWorkingDays('2024-02-08', 0)).toThrow(RangeError);
  });

  it('property: an N-working-day period holds exactly N working days and ends after one', () => {
    const first = Date.UTC(years[0]!, 0, 1);
    const last = Date.UTC(years.at(-1)!, 10, 1);
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

describe('calendarGaps', () => {
  it('finds none for the 2024 policy, and names the missing years of a demo far ahead', () => {
    expect(calendarGaps(policy2024)).toEqual([]);
    const y = years.at(-1)! + 5;
    const later = demoPolicy(policy2024, `${y}-03-01`);
    // Its dates run from the cut-off (the day before) into the next year's monthly windows; publicity may end a year later.
    expect(calendarGaps(later)).toEqual([y, y + 1, y + 2]);
  });
});
