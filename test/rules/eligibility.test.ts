// Eligibility (申报范围, notice section 一) and the windows, in the notice's own words.
import { checkEligibility, cutOffReasons } from '../../workers/rules/index.js';
import { app, at, policy2024, rulesOf } from './support.js';

const inWindow = at('2024-01-15T10:00:00');
const check = (a: ReturnType<typeof app>, when = inWindow) => rulesOf(checkEligibility(a, policy2024, when));

describe('SPEC 5: who may apply (一.4)', () => {
  it('accepts the SPEC example', () => expect(checkEligibility(app(), policy2024, inWindow)).toEqual({ eligible: true, reasons: [] }));

  it.each([
    ['management', 'institution', '事业单位管理岗人员'],
    ['civil-servant-managed', 'institution', '参照公务员管理事业单位人员'],
    ['civil-servant', 'enterprise', '公务员'],
    ['retired', 'enterprise', '离退休人员'],
  ] as const)('refuses %s staff (%s): %s 不得申报', (staffType, kind, words) => {
    const unit = kind === 'institution' ? { kind, competentDepartment: { name: '长春市教育局', level: 'city' as const, divisionCode: '220100' } } : { kind };
    const r = checkEligibility(app({ applicant: { staffType }, unit }), policy2024, inWindow);
    expect(r).toEqual({ eligible: false, reasons: [{ rule: 'eligibility.staff-type', field: 'applicant.staffType', message: expect.stringContaining(words) }] });
  });

  it('admits enterprise managers only where the category is for them (民营高级经营管理人才)', () => {
    expect(check(app({ applicant: { staffType: 'management' } }))).toEqual(['eligibility.staff-type@applicant.staffType']);
    expect(check(app({ category: 'private-senior-manager', applicant: { staffType: 'management' } }))).toEqual([]);
  });

  it('requires being in post on 2024-01-01 (截止至2024年1月1日在编、在职、在岗)', () => {
    expect(check(app({ applicant: { inPostSince: '2024-01-02' } }))).toEqual(['eligibility.in-post@applicant.inPostSince']);
    expect(check(app({ applicant: { inPostSince: '2024-01-01' } }))).toEqual([]);
  });

  it('refuses a unit outside the province, naming the field', () => {
    expect(check(app({ unit: { registrationAuthority: '北京市海淀区市场监督管理局' } }))).toEqual(['division.outside-province@unit.registrationAuthority']);
  });

  it('names every refusal at once', () => {
    const r = checkEligibility(app({ applicant: { staffType: 'retired', inPostSince: '2024-03-01' }, qualification: { evaluationMode: 'exam-replaces-review' } }), policy2024, at('2024-02-01T00:00:00'));
    expect(rulesOf(r)).toEqual([
      'eligibility.staff-type@applicant.staffType',
      'eligibility.in-post@applicant.inPostSince',
      'eligibility.exam-replaces-review@qualification.evaluationMode',
      'window.closed@submittedAt',
    ]);
  });
});

describe('the cut-off (一.1): everything counts up to 2023-12-31', () => {
  it('refuses facts dated later, each with its field', () => {
    expect(cutOffReasons([{ field: 'education.graduatedOn', date: '2023-12-31' }], policy2024)).toEqual([]);
    expect(cutOffReasons([{ field: 'education.graduatedOn', date: '2024-01-01' }, { field: 'achievements.0.date', date: '2024-06-30' }], policy2024)).toEqual([
      { rule: 'eligibility.cut-off', field: 'education.graduatedOn', message: expect.stringContaining('2023年12月31日') },
      { rule: 'eligibility.cut-off', field: 'achievements.0.date', message: expect.stringContaining('2024年6月30日') },
    ]);
  });
});

describe('以考代评 and 考评结合 (一.3)', () => {
  it('refuses a series declared exam-only, and needs the certificate for exam-and-review', () => {
    expect(check(app({ qualification: { evaluationMode: 'exam-replaces-review' } }))).toEqual(['eligibility.exam-replaces-review@qualification.evaluationMode']);
    expect(check(app({ qualification: { evaluationMode: 'exam-and-review' } }))).toEqual(['eligibility.exam-certificate-required@qualification.examCertificateNo']);
    expect(check(app({ qualification: { evaluationMode: 'exam-and-review', examCertificateNo: 'ZG2023-001' } }))).toEqual([]);
  });

  it('applies the policy list of exam series whatever the application declares', () => {
    expect(check(app({ qualification: { series: '会计', specialty: '会计', level: 'intermediate' } }))).toEqual(['eligibility.exam-replaces-review@qualification.series']);
    expect(check(app({ qualification: { series: '会计', specialty: '会计', level: 'associate-senior' } }))).toEqual([
      'eligibility.exam-certificate-required@qualification.examCertificateNo',
    ]);
    expect(check(app({ qualification: { series: '会计', specialty: '会计', level: 'associate-senior', examCertificateNo: 'KJ2023-1' } }))).toEqual([]);
    expect(check(app({ qualification: { series: '会计', specialty: '会计', level: 'senior' } }))).toEqual([]);
  });
});

describe('categories (一.5)', () => {
  const bound = { kind: 'institution' as const, appointmentLinked: true, competentDepartment: { name: '长春市卫生健康委员会', level: 'city' as const, divisionCode: '220100' } };

  it('keeps post grades 2/3 to institutions and private senior managers to enterprises', () => {
    expect(check(app({ category: 'post-grade-2-3', qualification: { postGrade: 2 } }))).toEqual(['eligibility.unit-kind@unit.kind']);
    expect(check(app({ category: 'post-grade-2-3', unit: bound, qualification: { postGrade: 2 } }))).toEqual([]);
    expect(check(app({ category: 'private-senior-manager', unit: bound }))).toEqual(['eligibility.unit-kind@unit.kind']);
  });

  it('makes post grades 2/3 name the post applied for, and only them', () => {
    expect(check(app({ category: 'post-grade-2-3', unit: bound }))).toEqual(['eligibility.post-grade@qualification.postGrade']);
    expect(check(app({ category: 'post-grade-2-3', unit: bound, qualification: { postGrade: 3 } }))).toEqual([]);
    expect(check(app({ qualification: { postGrade: 2 } }))).toEqual(['eligibility.post-grade@qualification.postGrade']);
  });

  it('keeps the k12 categories to their series and levels', () => {
    const k12 = (level: 'senior' | 'associate-senior', series = '中小学教师') => app({ category: level === 'senior' ? 'k12-senior' : 'k12-associate-and-below', qualification: { series, specialty: '数学', level } });
    expect(check(k12('senior'), at('2024-03-15T09:00:00'))).toEqual([]);
    expect(check(k12('associate-senior'))).toEqual([]);
    expect(check(k12('senior', '工程'), at('2024-03-15T09:00:00'))).toEqual(['eligibility.category-series@qualification.series']);
    expect(check(app({ category: 'k12-associate-and-below', qualification: { series: '中小学教师', level: 'senior' } }))).toEqual([
      'eligibility.category-misfiled@category',
    ]);
    expect(check(app({ category: 'k12-associate-and-below', qualification: { series: '中小学教师', level: 'senior' } }), at('2024-03-15T09:00:00'))).toEqual([
      'eligibility.category-misfiled@category',
      'window.closed@submittedAt',
    ]);
  });

  it('checks subtypes: 已评未聘 in 评聘结合 institutions only, 基层卫生 in the health series only', () => {
    expect(check(app({ subtype: 'appointed-unassigned', unit: bound }))).toEqual([]);
    expect(check(app({ subtype: 'appointed-unassigned' }))).toEqual(['eligibility.subtype-unit@unit.kind', 'eligibility.subtype-unit@unit.appointmentLinked']);
    expect(check(app({ subtype: 'grassroots-health', qualification: { series: '卫生', specialty: '全科医学', level: 'associate-senior', examCertificateNo: 'WS2023-0001' } }))).toEqual([]);
    expect(check(app({ subtype: 'grassroots-health' }))).toEqual(['eligibility.subtype-series@qualification.series']);
    expect(check(app({ subtype: 'nonsense' }))).toEqual(['eligibility.subtype@subtype']);
    expect(check(app({ category: 'dual-track', subtype: 'grassroots-health' }))).toEqual(['eligibility.subtype@subtype']);
  });

  it('keeps 县（乡）基层“3010” to county-level units', () => {
    const g = (registrationAuthority: string) => app({ category: 'grassroots-3010', unit: { registrationAuthority } });
    expect(check(g('长春市绿园区市场监督管理局'), at('2024-05-10T09:00:00'))).toEqual([]);
    expect(check(g('长春市市场监督管理局'), at('2024-05-10T09:00:00'))).toEqual(['eligibility.division-level@unit.registrationAuthority']);
  });

  it('keeps freelance artists to the art series', () => {
    expect(check(app({ applicant: { freelanceArtist: true }, qualification: { series: '艺术', specialty: '美术' } }))).toEqual([]);
    expect(check(app({ applicant: { freelanceArtist: true } }))).toEqual(['eligibility.freelance-series@qualification.series']);
  });
});

describe('windows (四)', () => {
  it('standard: 1/1 00:00 to 1/31 24:00', () => {
    expect(check(app(), at('2024-01-01T00:00:00'))).toEqual([]);
    expect(check(app(), at('2024-01-31T23:59:59'))).toEqual([]);
    expect(check(app(), at('2024-02-01T00:00:00'))).toEqual(['window.closed@submittedAt']);
    const early = checkEligibility(app(), policy2024, at('2023-12-31T23:59:59'));
    expect(early.reasons).toEqual([{ rule: 'window.not-open', field: 'submittedAt', message: expect.stringContaining('2024年1月1日0时') }]);
  });

  it('k12-senior: 3/10 00:00 to 3/31 24:00', () => {
    const k12 = app({ category: 'k12-senior', qualification: { series: '中小学教师', level: 'senior' } });
    expect(check(k12, inWindow)).toEqual(['window.not-open@submittedAt']);
    expect(check(k12, at('2024-03-10T00:00:00'))).toEqual([]);
    expect(check(k12, at('2024-03-31T23:59:59'))).toEqual([]);
    expect(check(k12, at('2024-04-01T00:00:00'))).toEqual(['window.closed@submittedAt']);
  });

  it('3010: days 1-25; outside them the refusal names the date the next window opens', () => {
    const g = app({ category: 'grassroots-3010' });
    expect(check(g, at('2024-05-25T23:00:00'))).toEqual([]);
    const late = checkEligibility(g, policy2024, at('2024-05-26T09:00:00'));
    expect(late.reasons).toEqual([{ rule: 'window.not-open', field: 'submittedAt', message: expect.stringContaining('2024年6月1日0时') }]);
    expect(check(g, at('2024-12-26T09:00:00'))).toEqual(['window.closed@submittedAt']);
  });
});
