// The follow-up date of a review task: 00:00 of the first of the last three working days before
// its deadline, on the official calendar (make-up working days count, holidays do not).
import { followUpDate as followUpOn } from '../../workers/rules/follow-up.js';
import { packageCalendar } from '../../workers/rules/index.js';

const followUpDate = (deadline: string | null) => followUpOn(packageCalendar, deadline);

describe('followUpDate', () => {
  it('counts back three working days from the day a deadline closes', () => {
    // 24:00 of Thursday 2024-02-08: Tue 6, Wed 7, Thu 8.
    expect(followUpDate('2024-02-09T00:00:00+08:00')).toBe('2024-02-06T00:00:00+08:00');
    // 24:00 of Sunday 2024-03-31: Thu 28, Fri 29; the weekend is off.
    expect(followUpDate('2024-04-01T00:00:00+08:00')).toBe('2024-03-27T00:00:00+08:00');
  });

  it('skips holidays and counts make-up working days', () => {
    // 2024-02-18 (a Sunday) is worked; 2/10-2/17 are the Spring Festival holiday.
    expect(followUpDate('2024-02-19T00:00:00+08:00')).toBe('2024-02-08T00:00:00+08:00');
    // 2024-10-12 (a Saturday) is worked; 10/1-10/7 are off, 9/29 (a Sunday) is worked.
    expect(followUpDate('2024-10-09T00:00:00+08:00')).toBe('2024-09-29T00:00:00+08:00');
  });

  it('has none without a deadline and refuses what is no instant', () => {
    expect(followUpDate(null)).toBeNull();
    expect(() => followUpDate('next week')).toThrow(/^deadline: /);
  });

  it('counts on the statutory holidays in a year the holiday schedule does not cover yet', () => {
    // 2030-01-11 is a Friday: Wed 9, Thu 10, Fri 11 (元旦 2030-01-01 lies before).
    expect(followUpDate('2030-01-12T00:00:00+08:00')).toBe('2030-01-09T00:00:00+08:00');
    // 24:00 of Friday 2030-10-04: 国庆 (10/1-10/3, Tuesday to Thursday) is off, so Fri 27 Sep, Mon 30 Sep, Fri 4 Oct.
    expect(followUpDate('2030-10-05T00:00:00+08:00')).toBe('2030-09-27T00:00:00+08:00');
  });
});
