// The unit's publicity inside the unit's part of the timetable (三（二）单位审核: 履行公示程序无异议后，
// 逐级报送; 四（二）单位和主管部门审核提交时间至2月8日24时止; 四（五）中小学正高级 3月10日至3月31日):
// an application submitted on the applicant's last day still reaches the next level in time.
import { dateOf } from '../../workers/domain/time.js';
import { computeRoute, packageCalendar } from '../../workers/rules/index.js';

const endOfWorkingDays = (start: string, days: number) => packageCalendar.endOfWorkingDays(start, days);
import { unitTimetable } from '../../workers/rules/deadlines.js';
import { demoPolicy } from '../../workers/policy/load.js';
import { app, at, policy2024 } from './support.js';

const routeOf = (a: ReturnType<typeof app>) => {
  const r = computeRoute(a, policy2024);
  if (!r.ok) throw new Error(JSON.stringify(r.reasons));
  return r.route;
};
const institution = () => app({ unit: { kind: 'institution', appointmentLinked: true, registrationAuthority: null, competentDepartment: { name: '长春市绿园区教育局', level: 'county', divisionCode: '220106' } } });
const dayBefore = (instant: string) => dateOf(new Date(Date.parse(instant) - 1));

describe('单位公示 inside the unit\'s part of the timetable (三（二）, 四（二）)', () => {
  it('四（二） the unit and its 主管部门 share 2月8日: the publicity ends a working day before, and the unit reviews by 2月2日 (the Sunday 2月4日 is a working day)', () => {
    const route = routeOf(institution());
    expect(route.map((s) => [s.level, s.deadline])).toEqual([
      ['unit', '2024-02-09T00:00:00+08:00'],
      ['competent-department', '2024-02-09T00:00:00+08:00'],
      ['county-hr', '2024-03-03T00:00:00+08:00'],
      ['city-hr', '2024-04-01T00:00:00+08:00'],
      ['province-hr', null],
    ]);
    // Submitted on the applicant's last day (一月31日).
    const t = unitTimetable(policy2024, 'regular', route, at('2024-01-31T20:00:00'), packageCalendar);
    expect(t).toEqual({ reviewDeadline: '2024-02-03T00:00:00+08:00', publicityEndsBy: '2024-02-08T00:00:00+08:00', unitDeadline: '2024-02-09T00:00:00+08:00', warning: null, provisional: null });
    // A review done on its last day starts a publicity that ends by then, before the 主管部门's deadline.
    const publicityEnd = endOfWorkingDays(dayBefore(t!.reviewDeadline), 5);
    expect(Date.parse(publicityEnd)).toBeLessThanOrEqual(Date.parse(t!.publicityEndsBy));
    expect(Date.parse(publicityEnd)).toBeLessThan(Date.parse(route[1]!.deadline!));
    // A day later would not fit.
    expect(Date.parse(endOfWorkingDays('2024-02-03', 5))).toBeGreaterThan(Date.parse(t!.publicityEndsBy));
  });

  it('四（二） an enterprise goes from its unit to the county (3月2日): the publicity may run up to the unit\'s own 2月8日', () => {
    const route = routeOf(app());
    expect(route[1]).toMatchObject({ level: 'county-hr', deadline: '2024-03-03T00:00:00+08:00' });
    expect(unitTimetable(policy2024, 'regular', route, at('2024-01-31T20:00:00'), packageCalendar)).toEqual({
      reviewDeadline: '2024-02-05T00:00:00+08:00',
      publicityEndsBy: '2024-02-09T00:00:00+08:00',
      unitDeadline: '2024-02-09T00:00:00+08:00',
      warning: null,
      provisional: null,
    });
  });

  it('四（五） 中小学正高级: every level shares 3月31日 (a Sunday), so the unit\'s part keeps a working day for each of the three levels above it; later submissions are told the publicity cannot fit', () => {
    const k12 = app({ category: 'k12-senior', unit: { kind: 'institution', appointmentLinked: true, registrationAuthority: null, competentDepartment: { name: '长春市绿园区教育局', level: 'county', divisionCode: '220106' } }, qualification: { series: '中小学教师', specialty: '数学', level: 'senior' } });
    const route = routeOf(k12);
    expect(route.map((s) => s.deadline)).toEqual(['2024-04-01T00:00:00+08:00', '2024-04-01T00:00:00+08:00', '2024-04-01T00:00:00+08:00', '2024-04-01T00:00:00+08:00', null]);
    // 3月29日, 28日 and 27日 are kept for the 主管部门, the county and the city; the publicity of a
    // review done on 3月20日 runs 20, 21, 22, 25 and 26日.
    expect(unitTimetable(policy2024, 'k12-senior', route, at('2024-03-10T09:00:00'), packageCalendar)).toEqual({
      reviewDeadline: '2024-03-21T00:00:00+08:00',
      publicityEndsBy: '2024-03-27T00:00:00+08:00',
      unitDeadline: '2024-04-01T00:00:00+08:00',
      warning: null,
      provisional: null,
    });
    const late = unitTimetable(policy2024, 'k12-senior', route, at('2024-03-25T09:00:00'), packageCalendar)!;
    expect(late.reviewDeadline).toBe('2024-04-01T00:00:00+08:00');
    expect(late.warning).toMatch(/^单位公示（5个工作日）已无法在2024年3月26日24时前结束/);
  });

  it('a step that opens after its review deadline keeps the notice\'s unit deadline and says that the publicity cannot end in time', () => {
    const route = routeOf(institution());
    const t = unitTimetable(policy2024, 'regular', route, at('2024-02-05T09:00:00'), packageCalendar)!;
    expect(t.reviewDeadline).toBe('2024-02-09T00:00:00+08:00');
    expect(t.warning).toMatch(/^单位公示（5个工作日）已无法在2024年2月7日24时前结束，单位审核截止时间按通知为2024年2月8日24时/);
  });

  it('四（二） the late-unit warning reads its dates one way in both halves: 2024年2月7日24时, never an ISO date or 2月7日前 for a limit at 24时', () => {
    const t = unitTimetable(policy2024, 'regular', routeOf(institution()), at('2024-02-05T09:00:00'), packageCalendar)!;
    expect(t.warning).toContain('can no longer end by 2024年2月7日24时;');
    expect(t.warning).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(t.warning).not.toContain('2月7日前');
  });

  it('四（六） 3010 monthly windows carry their reviews over: left as they are', () => {
    const route = [{ deadline: '2024-04-26T00:00:00+08:00' }, { deadline: '2024-04-26T00:00:00+08:00' }];
    expect(unitTimetable(policy2024, 'grassroots-3010', route, at('2024-04-02T09:00:00'), packageCalendar)).toBeNull();
  });

  it('the reserve is a policy setting (publicity.nextLevelReserveWorkingDays, provenance: product)', () => {
    expect(policy2024.publicity.nextLevelReserveWorkingDays).toBe(1);
    expect(policy2024.provenance['publicity.nextLevelReserveWorkingDays']).toMatchObject({ source: 'product' });
    const none = { ...policy2024, publicity: { ...policy2024.publicity, nextLevelReserveWorkingDays: 0 } };
    expect(unitTimetable(none, 'regular', routeOf(institution()), at('2024-01-31T20:00:00'), packageCalendar)?.publicityEndsBy).toBe('2024-02-09T00:00:00+08:00');
  });

  it('四（二） a year without the official schedule: the due date counts on the statutory holidays and says it is provisional', () => {
    const year = packageCalendar.officialYears().at(-1)! + 1;
    const later = demoPolicy(policy2024, `${year}-01-01`);
    const route = (() => {
      const r = computeRoute(institution(), later);
      if (!r.ok) throw new Error(JSON.stringify(r.reasons));
      return r.route;
    })();
    const t = unitTimetable(later, 'regular', route, at(`${year}-01-02T09:00:00`), packageCalendar)!;
    expect(t.provisional).toBe(`${year}年的放假安排尚未公布，按法定节假日暂定`);
    expect(t.warning).toBeNull();
    expect(Date.parse(t.reviewDeadline)).toBeLessThan(Date.parse(t.unitDeadline));
    // The notice's own deadline stays the withdrawal date; the due date is earlier by the publicity.
    expect(t.unitDeadline).toBe(route[0]!.deadline);
  });
});
