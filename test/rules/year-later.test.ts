// A second policy, every date a year later: every answer moves by a year and nothing else changes,
// so no rule knows the notice's year.
import { applicationSchema, type Application } from '../../workers/domain/application.js';
import { assignCommittee, checkEligibility, computeRoute, decideFee, levelDeadline, needsCommitteeVote, nextWindowOpening, preview } from '../../workers/rules/index.js';
import { app, at, policy2024, policyYearLater, yearLater } from './support.js';

const policy2025 = policyYearLater();
const later = (a: Application): Application => applicationSchema.parse(JSON.parse(yearLater(JSON.stringify(a))));
const laterTime = (local: string) => at(yearLater(local));
const bound = { kind: 'institution' as const, appointmentLinked: true, competentDepartment: { name: '长春市教育局', level: 'city' as const, divisionCode: '220100' } };

const cases: Array<[string, Application, string]> = [
  ['the SPEC example', app(), '2024-01-15T10:00:00'],
  ['the first instant', app(), '2024-01-01T00:00:00'],
  ['just too late', app(), '2024-02-01T00:00:00'],
  ['too early', app(), '2023-12-31T23:59:59'],
  ['in post too late', app({ applicant: { inPostSince: '2024-01-02' } }), '2024-01-15T10:00:00'],
  ['a retiree', app({ applicant: { staffType: 'retired' } }), '2024-01-15T10:00:00'],
  ['k12-senior before its window', app({ category: 'k12-senior', qualification: { series: '中小学教师', level: 'senior' } }), '2024-01-15T10:00:00'],
  ['k12-senior in its window', app({ category: 'k12-senior', qualification: { series: '中小学教师', level: 'senior' } }), '2024-03-20T10:00:00'],
  ['3010 inside days 1-25', app({ category: 'grassroots-3010' }), '2024-07-25T12:00:00'],
  ['3010 after the 25th', app({ category: 'grassroots-3010' }), '2024-07-26T12:00:00'],
  ['3010 after the last window', app({ category: 'grassroots-3010' }), '2024-12-27T12:00:00'],
  ['a county institution', app({ unit: { ...bound, competentDepartment: { name: '绿园区教育局', level: 'county', divisionCode: '220106' } } }), '2024-01-20T10:00:00'],
  ['post grades 2/3', app({ category: 'post-grade-2-3', unit: bound, qualification: { postGrade: 2 } }), '2024-01-20T10:00:00'],
  ['a freelance writer', app({ applicant: { freelanceArtist: true }, qualification: { series: '艺术', specialty: '文学创作' } }), '2024-01-20T10:00:00'],
  ['梅河口', app({ unit: { registrationAuthority: '梅河口市市场监督管理局' } }), '2024-01-20T10:00:00'],
  ['junior certification', app({ qualification: { level: 'junior', procedure: 'certification' } }), '2024-01-20T10:00:00'],
  ['a title obtained on the cut-off', app({ applicant: { currentTitle: { name: '助理工程师', obtainedOn: '2023-12-31', appointedOn: '2023-12-31' } } }), '2024-01-20T10:00:00'],
  ['a title obtained after the cut-off', app({ applicant: { currentTitle: { name: '助理工程师', obtainedOn: '2024-01-01' } } }), '2024-01-20T10:00:00'],
  ['professional years counted to the cut-off', app({ applicant: { workStartedOn: '2023-03-01', professionalYears: 1 } }), '2024-01-20T10:00:00'],
  ['a k12 senior filed as regular', app({ qualification: { series: '中小学教师', level: 'senior' } }), '2024-01-20T10:00:00'],
  ['rural revitalization with its proof', app({ category: 'rural-revitalization', applicant: { proofs: [{ kind: 'rural-talent', documentNo: 'X-1', issuedBy: '某县人社局', issuedOn: '2023-05-01' }] } }), '2024-01-20T10:00:00'],
  ['rural revitalization without its proof', app({ category: 'rural-revitalization' }), '2024-01-20T10:00:00'],
  ['3010 in 梅河口', app({ category: 'grassroots-3010', unit: { registrationAuthority: '梅河口市市场监督管理局' } }), '2024-07-05T12:00:00'],
  ['an unknown competent department', app({ unit: { ...bound, competentDepartment: { name: '长春市某某局', level: 'city', divisionCode: '220100' } } }), '2024-01-20T10:00:00'],
  ['a department by another spelling', app({ unit: { ...bound, competentDepartment: { name: '长春市卫健委', level: 'city', divisionCode: '220100' } } }), '2024-01-20T10:00:00'],
];

describe('policy 2025 (every date of 2024.json a year later)', () => {
  it('is a different policy with its own dates', () => {
    expect(policy2025.id).toBe('2025');
    expect(policy2025.applicantWindow).toEqual({ start: '2025-01-01', end: '2025-01-31' });
    expect(policy2025.levelDeadlines).toMatchObject({ unit: '2025-02-08', 'county-hr': '2025-03-02', 'city-hr': '2025-03-31' });
    expect(levelDeadline(policy2025, 'regular', 'county-hr')).toBe('2025-03-03T00:00:00+08:00');
  });

  it.each(cases)('%s: the 2025 answers are the 2024 answers a year later', (_what, a, local) => {
    const answers = (p: typeof policy2024, application: Application, when: Date) => ({
      preview: preview(application, p, when),
      eligibility: checkEligibility(application, p, when),
      route: computeRoute(application, p, when),
      fee: decideFee(application, p),
      committee: assignCommittee(application, p),
      vote: needsCommitteeVote(application, p),
      next: nextWindowOpening(p, application.category, when),
    });
    const in2024 = answers(policy2024, a, at(local));
    const in2025 = answers(policy2025, later(a), laterTime(local));
    expect(in2025).toEqual(JSON.parse(yearLater(JSON.stringify(in2024))));
  });

  it('the 2024 policy refuses what the 2025 one accepts, and the reverse', () => {
    expect(checkEligibility(later(app()), policy2025, laterTime('2024-01-15T10:00:00')).eligible).toBe(true);
    expect(checkEligibility(later(app()), policy2024, laterTime('2024-01-15T10:00:00')).eligible).toBe(false);
    expect(checkEligibility(app(), policy2025, at('2024-01-15T10:00:00')).eligible).toBe(false);
  });
});
