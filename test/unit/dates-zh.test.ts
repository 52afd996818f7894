// Dates as people read them (SPEC 6: Asia/Shanghai; "24时" of a day is the instant the next day
// begins): one reading in forms, documents, the office workbook and messages.
import fc from 'fast-check';
import { formatDateZh, formatInstantZh, formatPeriodZh, isDateOrInstant, lastDayOf } from '../../workers/domain/dates-zh.js';
import { addDays, endOfDayIso } from '../../workers/domain/time.js';

/** 00:00 of a date in Asia/Shanghai as an instant. */
const startOfDay = (date: string): Date => new Date(`${date}T00:00:00+08:00`);

const FIRST = Date.parse('2000-01-01T00:00:00Z');
const LAST = Date.parse('2099-12-31T00:00:00Z');
/** Any calendar date from 2000 to 2099. */
const dates = fc.integer({ min: 0, max: (LAST - FIRST) / 86_400_000 }).map((n) => addDays('2000-01-01', n));

describe('SPEC 6: a deadline at 24:00 of a day reads as that day at 24时', () => {
  it('SPEC 6: 2027-03-03T00:00:00+08:00 reads 2027年3月2日24时, the notice\'s way', () => {
    expect(formatInstantZh('2027-03-03T00:00:00+08:00')).toBe('2027年3月2日24时');
    expect(formatInstantZh(new Date('2027-03-02T16:00:00Z'))).toBe('2027年3月2日24时');
    // The year's last day.
    expect(formatInstantZh('2025-01-01T00:00:00+08:00')).toBe('2024年12月31日24时');
  });

  it('SPEC 6: other instants read the day and the minute in Asia/Shanghai, whatever offset they were written with', () => {
    expect(formatInstantZh('2027-03-02T18:00:00+08:00')).toBe('2027年3月2日 18:00');
    expect(formatInstantZh('2027-03-02T10:00:00Z')).toBe('2027年3月2日 18:00');
    expect(formatInstantZh('2027-03-02T16:30:00Z')).toBe('2027年3月3日 00:30');
    expect(formatInstantZh('2024-01-15T10:00:59.999+08:00')).toBe('2024年1月15日 10:00');
    expect(formatInstantZh(new Date('2024-02-08T23:59:00+08:00'))).toBe('2024年2月8日 23:59');
  });

  it('SPEC 6 (property): 24:00 of any day reads as that day at 24时, and a period ending then ends on that day', () => {
    fc.assert(
      fc.property(dates, (date) => {
        const end = endOfDayIso(date);
        expect(formatInstantZh(end)).toBe(`${formatDateZh(date)}24时`);
        expect(formatInstantZh(new Date(end))).toBe(`${formatDateZh(date)}24时`);
        expect(lastDayOf(end)).toBe(date);
        expect(formatPeriodZh(date, end)).toBe(`${formatDateZh(date)} 至 ${formatDateZh(date)}`);
      }),
    );
  });

  it('SPEC 6 (property): an instant after 00:00 reads its own day and time, never 24时', () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: 1, max: 86_399_999 }), (date, ms) => {
        const at = new Date(startOfDay(date).getTime() + ms);
        const text = formatInstantZh(at);
        const minutes = Math.floor(ms / 60_000);
        const hhmm = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
        expect(text).toBe(`${formatDateZh(date)} ${hhmm}`);
        expect(lastDayOf(at)).toBe(date);
      }),
    );
  });

  it('SPEC 6: a date reads as its day, without month or day padding', () => {
    expect(formatDateZh('2024-01-05')).toBe('2024年1月5日');
    expect(formatDateZh('2024-12-31')).toBe('2024年12月31日');
    expect(formatInstantZh('2024-01-05')).toBe('2024年1月5日');
    // The day of an instant is its Asia/Shanghai day (申报日期 of a submission at 00:30 there).
    expect(formatDateZh('2024-01-14T16:30:00Z')).toBe('2024年1月15日');
  });

  it('SPEC 6: refuses what is neither a date nor an instant with its offset', () => {
    for (const bad of ['2024-02-30', '2024-2-3', '2024-01-15T10:00:00', 'tomorrow', '']) {
      expect(isDateOrInstant(bad)).toBe(false);
      expect(() => formatInstantZh(bad)).toThrow(RangeError);
    }
    expect(isDateOrInstant(new Date(Number.NaN))).toBe(false);
    expect(isDateOrInstant(null)).toBe(false);
  });
});

describe('SPEC 2.8, 三（六）: a publicity period prints its last day, not its exclusive end', () => {
  it('三（六）: 5 working days from 2026-12-03 ending at 24:00 of 12月9日 print 2026年12月3日 至 2026年12月9日', () => {
    // Stored as the instant 24:00 of the last day (SPEC 6): 12/3, 12/4, 12/7, 12/8, 12/9.
    expect(formatPeriodZh('2026-12-03', '2026-12-10T00:00:00+08:00')).toBe('2026年12月3日 至 2026年12月9日');
    expect(lastDayOf('2026-12-10T00:00:00+08:00')).toBe('2026-12-09');
  });

  it('三（六）: a last day given as a date is printed as it is; no end is 至今', () => {
    expect(formatPeriodZh('2024-06-24', '2024-06-28')).toBe('2024年6月24日 至 2024年6月28日');
    expect(formatPeriodZh('2003-07-01', null)).toBe('2003年7月1日 至 今');
    // A start given as the instant 00:00 of its day starts on that day.
    expect(formatPeriodZh('2024-06-24T00:00:00+08:00', '2024-06-29T00:00:00+08:00')).toBe('2024年6月24日 至 2024年6月28日');
  });
});
