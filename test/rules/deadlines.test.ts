// Every time of the notice's section 四, as +08:00 instants where 24:00 is the next day's 00:00.
import fc from 'fast-check';
import { applicantDeadline, applicantWindow, levelDeadline, nextMonthlyDeadline, nextWindowOpening, windowsOf } from '../../workers/rules/index.js';
import { at, policy2024 } from './support.js';

const p = policy2024;
const t = at('2024-01-15T10:00:00');

describe('SPEC 6: the standard windows (四(一)-(四))', () => {
  it('个人申报: 2024-01-01 0时 to 01-31 24时', () => {
    expect(windowsOf(p, 'regular')).toEqual([{ opens: '2024-01-01T00:00:00+08:00', closes: '2024-02-01T00:00:00+08:00' }]);
    expect(applicantDeadline(p, 'regular', t)).toBe('2024-02-01T00:00:00+08:00');
  });

  it.each([
    ['unit', '2024-02-09T00:00:00+08:00'], // 单位 ... 2月8日24时
    ['competent-department', '2024-02-09T00:00:00+08:00'], // 主管部门（含省直厅局）
    ['federation', '2024-02-09T00:00:00+08:00'], // 省文联/省作协 stand where the unit would
    ['county-hr', '2024-03-03T00:00:00+08:00'], // 县（市、区）人社部门 ... 3月2日24时
    ['city-hr', '2024-04-01T00:00:00+08:00'], // 市（州）人社部门 ... 3月31日24时
    ['province-hr', null],
  ] as const)('%s until %s', (level, deadline) => {
    expect(levelDeadline(p, 'regular', level, t)).toBe(deadline);
    expect(levelDeadline(p, 'regular', level)).toBe(deadline);
  });

  it('every standard category shares them', () => {
    const standard = Object.entries(p.categories).filter(([, c]) => c.window.kind === 'standard');
    expect(standard.map(([id]) => id).sort()).toEqual(
      ['agency-transfer', 'dual-track', 'grassroots-postgrad', 'k12-associate-and-below', 'military-transfer', 'post-grade-2-3', 'private-senior-manager', 'regular', 'rural-revitalization', 'talent-incentive'].sort(),
    );
  });
});

describe('中小学正高级教师 (四(五)): applicant and all levels 3/10 0时 to 3/31 24时', () => {
  it('one window, one deadline for every level', () => {
    expect(windowsOf(p, 'k12-senior')).toEqual([{ opens: '2024-03-10T00:00:00+08:00', closes: '2024-04-01T00:00:00+08:00' }]);
    for (const level of ['unit', 'competent-department', 'county-hr', 'city-hr'] as const) {
      expect(levelDeadline(p, 'k12-senior', level, t)).toBe('2024-04-01T00:00:00+08:00');
    }
    expect(nextWindowOpening(p, 'k12-senior', t)).toBe('2024-03-10T00:00:00+08:00');
    expect(nextWindowOpening(p, 'k12-senior', at('2024-03-10T00:00:00'))).toBeNull();
  });
});

describe('县（乡）基层“3010” (四(六)): days 1-25 of every month', () => {
  it('twelve windows, from the 1st 00:00 to the 25th 24:00', () => {
    const windows = windowsOf(p, 'grassroots-3010');
    expect(windows).toHaveLength(12);
    expect(windows[0]).toEqual({ opens: '2024-01-01T00:00:00+08:00', closes: '2024-01-26T00:00:00+08:00' });
    expect(windows[1]).toEqual({ opens: '2024-02-01T00:00:00+08:00', closes: '2024-02-26T00:00:00+08:00' });
    expect(windows[11]).toEqual({ opens: '2024-12-01T00:00:00+08:00', closes: '2024-12-26T00:00:00+08:00' });
  });

  it('a level is due on the 25th of the window governing the time; outside days 1-25, of the next window', () => {
    expect(levelDeadline(p, 'grassroots-3010', 'county-hr', at('2024-05-03T09:00:00'))).toBe('2024-05-26T00:00:00+08:00');
    expect(levelDeadline(p, 'grassroots-3010', 'county-hr', at('2024-05-25T23:59:59'))).toBe('2024-05-26T00:00:00+08:00');
    expect(levelDeadline(p, 'grassroots-3010', 'county-hr', at('2024-05-26T00:00:00'))).toBe('2024-06-26T00:00:00+08:00');
    expect(() => levelDeadline(p, 'grassroots-3010', 'unit')).toThrow(TypeError);
  });

  it('a task that missed the 25th is due on the next 25th; nothing is carried past the year', () => {
    expect(nextMonthlyDeadline(p, 'grassroots-3010', '2024-05-26T00:00:00+08:00')).toBe('2024-06-26T00:00:00+08:00');
    expect(nextMonthlyDeadline(p, 'grassroots-3010', '2024-12-26T00:00:00+08:00')).toBeNull();
    expect(nextMonthlyDeadline(p, 'regular', '2024-02-09T00:00:00+08:00')).toBeNull();
    // After the last window the deadline is that window's, already past.
    expect(levelDeadline(p, 'grassroots-3010', 'unit', at('2024-12-27T09:00:00'))).toBe('2024-12-26T00:00:00+08:00');
  });

  it('names when the next window opens', () => {
    expect(nextWindowOpening(p, 'grassroots-3010', at('2024-05-26T09:00:00'))).toBe('2024-06-01T00:00:00+08:00');
    expect(nextWindowOpening(p, 'grassroots-3010', at('2024-12-26T09:00:00'))).toBeNull();
    expect(nextWindowOpening(p, 'regular', at('2023-12-31T23:59:59'))).toBe('2024-01-01T00:00:00+08:00');
  });

  it('property: a time is inside a window exactly when its Shanghai day of month is 1-25', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('2024-01-01T00:00:00+08:00'), max: Date.parse('2024-12-31T23:59:59+08:00') }), (ms) => {
        const when = new Date(ms);
        const w = applicantWindow(p, 'grassroots-3010', when);
        const open = ms >= Date.parse(w.opens) && ms < Date.parse(w.closes);
        const day = new Date(ms + 8 * 3600_000).getUTCDate();
        expect(open).toBe(day <= 25);
      }),
    );
  });
});
