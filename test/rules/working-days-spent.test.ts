// The working days a review step took (the offices' statistics): counted after the day it opened,
// up to the day it was decided, on the official calendar.
import { packageCalendar } from '../../workers/rules/index.js';
import { median, workingDaysSpent } from '../../workers/rules/working-days-spent.js';

const at = (iso: string) => new Date(iso);

describe('workingDaysSpent', () => {
  it('is 0 when decided the day it opened, in Asia/Shanghai days', () => {
    expect(workingDaysSpent(packageCalendar, at('2024-03-04T09:00:00+08:00'), at('2024-03-04T23:59:00+08:00'))).toBe(0);
    // 23:30 UTC of the 4th is already the 5th in Shanghai: one working day.
    expect(workingDaysSpent(packageCalendar, at('2024-03-04T09:00:00+08:00'), at('2024-03-04T23:30:00Z'))).toBe(1);
  });

  it('skips weekends and holidays and counts make-up working days', () => {
    // Friday 2024-03-01 to Monday 2024-03-04: one working day.
    expect(workingDaysSpent(packageCalendar, at('2024-03-01T10:00:00+08:00'), at('2024-03-04T10:00:00+08:00'))).toBe(1);
    // 2024-02-08 to 2024-02-19: 2/9, then the Spring Festival (2/10-2/17), 2/18 (a worked Sunday), 2/19.
    expect(workingDaysSpent(packageCalendar, at('2024-02-08T10:00:00+08:00'), at('2024-02-19T10:00:00+08:00'))).toBe(3);
  });

  it('is 0 for a decision recorded before its opening', () => {
    expect(workingDaysSpent(packageCalendar, at('2024-03-05T10:00:00+08:00'), at('2024-03-04T10:00:00+08:00'))).toBe(0);
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the middle two', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 2, 9])).toBe(3);
    expect(median([1, 2])).toBe(1.5);
  });
});
