// The cut-off (notice 一.1): qualification and appointment years, education and achievements count
// up to the policy's cut-off day; facts dated later do not count.
import { checkEligibility, datedFacts } from '../../workers/rules/index.js';
import { app, at, policy2024, rulesOf } from './support.js';
import { parsePolicy } from '../../workers/policy/load.js';

const inWindow = at('2024-01-15T10:00:00');
const check = (a: ReturnType<typeof app>) => rulesOf(checkEligibility(a, policy2024, inWindow));
const title = (obtainedOn: string, appointedOn?: string) => ({ currentTitle: { name: '助理工程师', obtainedOn, ...(appointedOn ? { appointedOn } : {}) } });
const education = (graduatedOn: string) => ({ education: { level: '大学本科', school: '吉林大学', major: '计算机科学与技术', graduatedOn } });

describe('SPEC 5: 资格年限、聘任年限、学历和业绩成果等截止时间均为2023年12月31日', () => {
  it('资格条件截止时间 2023年12月31日: a title obtained on the cut-off counts, one obtained the day after is refused on its field', () => {
    expect(check(app({ applicant: title('2023-12-31') }))).toEqual([]);
    expect(check(app({ applicant: title('2024-01-01') }))).toEqual(['eligibility.cut-off@applicant.currentTitle.obtainedOn']);
  });

  it('聘任年限 截止时间 2023年12月31日: an appointment to the current title after the cut-off is refused on applicant.currentTitle.appointedOn', () => {
    expect(check(app({ applicant: title('2019-12-20', '2020-03-01') }))).toEqual([]);
    const r = checkEligibility(app({ applicant: title('2019-12-20', '2024-01-02') }), policy2024, inWindow);
    expect(r.reasons).toEqual([{ rule: 'eligibility.cut-off', field: 'applicant.currentTitle.appointedOn', message: expect.stringContaining('2023年12月31日') }]);
  });

  it('学历 截止时间 2023年12月31日: a degree completed after the cut-off does not count', () => {
    expect(check(app({ applicant: education('2023-07-01') }))).toEqual([]);
    expect(check(app({ applicant: education('2024-01-10') }))).toEqual(['eligibility.cut-off@applicant.education.graduatedOn']);
  });

  it('资格年限 截止时间 2023年12月31日: professional years cannot exceed the whole years from the start of work to the cut-off', () => {
    // 2003-07-01 .. 2023-12-31 is 20 whole years.
    expect(check(app({ applicant: { workStartedOn: '2003-07-01', professionalYears: 20 } }))).toEqual([]);
    const r = checkEligibility(app({ applicant: { workStartedOn: '2003-07-01', professionalYears: 21 } }), policy2024, inWindow);
    expect(r.reasons).toEqual([{ rule: 'eligibility.cut-off', field: 'applicant.professionalYears', message: expect.stringMatching(/at most 20/) }]);
    // A start of work on 2004-01-01 leaves 19 whole years by 2023-12-31.
    expect(check(app({ applicant: { workStartedOn: '2004-01-01', professionalYears: 20 } }))).toEqual(['eligibility.cut-off@applicant.professionalYears']);
    expect(check(app({ applicant: { workStartedOn: '2024-01-01', professionalYears: 0 } }))).toEqual(['eligibility.cut-off@applicant.workStartedOn']);
  });

  it('截止时间均为2023年12月31日: every late fact is named at once, and an application without dated details has none', () => {
    const late = app({ applicant: { ...title('2024-02-01', '2024-03-01'), ...education('2024-06-30') } });
    expect(check(late)).toEqual([
      'eligibility.cut-off@applicant.currentTitle.obtainedOn',
      'eligibility.cut-off@applicant.currentTitle.appointedOn',
      'eligibility.cut-off@applicant.education.graduatedOn',
    ]);
    expect(datedFacts(app())).toEqual([]);
  });

  it('截止时间 comes from the policy (cutoffDate), not from the code', () => {
    const later = parsePolicy({ ...policy2024, cutoffDate: '2024-01-31' }, 'test');
    expect(rulesOf(checkEligibility(app({ applicant: title('2024-01-01') }), later, inWindow))).toEqual([]);
  });
});
