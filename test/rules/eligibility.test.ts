// Eligibility, windows, routes, fees, committees and votes: cases in the notice's own words.
import fc from 'fast-check';
import {
  assignCommittee,
  CalendarDataError,
  checkEligibility,
  computeRoute,
  decideFee,
  decideVote,
  endOfWorkingDays,
  isWorkingDay,
  nextMonthlyDeadline,
  parsePolicy,
  shiftPolicy,
} from '../../workers/rules/index.js';
import { app, at, policy2024 } from './support.js';

const rulesOf = (r: object) => ('reasons' in r ? (r.reasons as Array<{ rule: string; field: string }>) : []).map((x) => `${x.rule}@${x.field}`);
const inWindow = at('2024-01-15T10:00:00');

describe('eligibility (申报范围)', () => {
  it('accepts the example', () => expect(checkEligibility(app(), policy2024, inWindow)).toEqual({ eligible: true, reasons: [] }));

  it.each([
    ['management', 'eligibility.staff-type@applicant.staffType'],
    ['civil-servant-managed', 'eligibility.staff-type@applicant.staffType'],
    ['civil-servant', 'eligibility.staff-type@applicant.staffType'],
    ['retired', 'eligibility.staff-type@applicant.staffType'],
  ] as const)('refuses staff type %s', (staffType, rule) => {
    expect(rulesOf(checkEligibility(app({ applicant: { staffType } }), policy2024, inWindow))).toEqual([rule]);
  });

  it('requires being in post on 2024-01-01', () => {
    expect(rulesOf(checkEligibility(app({ applicant: { inPostSince: '2024-01-02' } }), policy2024, inWindow))).toEqual(['eligibility.in-post@applicant.inPostSince']);
    expect(checkEligibility(app({ applicant: { inPostSince: '2024-01-01' } }), policy2024, inWindow).eligible).toBe(true);
  });

  it('refuses 以考代评 and needs the certificate for 考评结合', () => {
    expect(rulesOf(checkEligibility(app({ qualification: { evaluationMode: 'exam-replaces-review' } }), policy2024, inWindow))).toEqual([
      'eligibility.exam-replaces-review@qualification.evaluationMode',
    ]);
    expect(rulesOf(checkEligibility(app({ qualification: { evaluationMode: 'exam-and-review' } }), policy2024, inWindow))).toEqual([
      'eligibility.exam-certificate-required@qualification.examCertificateNo',
    ]);
    expect(checkEligibility(app({ qualification: { evaluationMode: 'exam-and-review', examCertificateNo: 'ZG2023-001' } }), policy2024, inWindow).eligible).toBe(true);
  });

  it('keeps categories to their unit kinds', () => {
    expect(rulesOf(checkEligibility(app({ category: 'post-grade-2-3' }), policy2024, inWindow))).toEqual(['eligibility.unit-kind@unit.kind']);
    expect(checkEligibility(app({ category: 'private-senior-manager' }), policy2024, inWindow).eligible).toBe(true);
  });

  it('refuses a unit outside Jilin, naming the field', () => {
    expect(rulesOf(checkEligibility(app({ unit: { registrationAuthority: '北京市海淀区市场监督管理局' } }), policy2024, inWindow))).toEqual([
      'division.outside-province@unit.registrationAuthority',
    ]);
  });

  it('applies the windows: 1/1 00:00 to 1/31 24:00; k12-senior 3/10 to 3/31; 3010 days 1-25 monthly', () => {
    expect(checkEligibility(app(), policy2024, at('2024-01-01T00:00:00')).eligible).toBe(true);
    expect(checkEligibility(app(), policy2024, at('2024-01-31T23:59:59')).eligible).toBe(true);
    expect(rulesOf(checkEligibility(app(), policy2024, at('2024-02-01T00:00:00')))).toEqual(['window.closed@submittedAt']);
    expect(rulesOf(checkEligibility(app(), policy2024, at('2023-12-31T23:59:59')))).toEqual(['window.not-open@submittedAt']);
    const k12 = app({ category: 'k12-senior', qualification: { series: '中小学教师', level: 'senior' } });
    expect(rulesOf(checkEligibility(k12, policy2024, inWindow))).toEqual(['window.not-open@submittedAt']);
    expect(checkEligibility(k12, policy2024, at('2024-03-10T00:00:00')).eligible).toBe(true);
    const g = app({ category: 'grassroots-3010' });
    expect(checkEligibility(g, policy2024, at('2024-05-25T23:00:00')).eligible).toBe(true);
    const late = checkEligibility(g, policy2024, at('2024-05-26T09:00:00'));
    expect(late.reasons[0]).toMatchObject({ rule: 'window.not-open', message: expect.stringContaining('2024-06-01T00:00:00+08:00') });
    expect(rulesOf(checkEligibility(g, policy2024, at('2024-12-26T09:00:00')))).toEqual(['window.closed@submittedAt']);
  });
});

describe('routes and deadlines', () => {
  const route = (a: ReturnType<typeof app>) => {
    const r = computeRoute(a, policy2024);
    if (!r.ok) throw new Error(JSON.stringify(r.reasons));
    return r.route.map((s) => `${s.level}:${s.divisionCode ?? ''}:${s.deadline ?? '-'}`);
  };

  it('sends a city-level enterprise past the county', () => {
    expect(route(app({ unit: { registrationAuthority: '长春市市场监督管理局' } }))).toEqual([
      'unit::2024-02-09T00:00:00+08:00',
      'city-hr:220100:2024-04-01T00:00:00+08:00',
      'province-hr:220000:-',
    ]);
  });

  it('sends 梅河口 straight to the province like a city', () => {
    expect(route(app({ unit: { registrationAuthority: '梅河口市市场监督管理局' } }))).toEqual([
      'unit::2024-02-09T00:00:00+08:00',
      'city-hr:220581:2024-04-01T00:00:00+08:00',
      'province-hr:220000:-',
    ]);
  });

  it('routes 评聘结合 institutions through their competent department, at each level', () => {
    const inst = (level: 'province' | 'city' | 'county', divisionCode: string) =>
      app({ unit: { kind: 'institution', appointmentLinked: true, registrationAuthority: null, competentDepartment: { name: '主管部门', level, divisionCode } } });
    expect(route(inst('county', '220106')).map((s) => s.split(':')[0])).toEqual(['unit', 'competent-department', 'county-hr', 'city-hr', 'province-hr']);
    expect(route(inst('city', '220100')).map((s) => s.split(':')[0])).toEqual(['unit', 'competent-department', 'city-hr', 'province-hr']);
    expect(route(inst('province', '220000')).map((s) => s.split(':')[0])).toEqual(['unit', 'competent-department', 'province-hr']);
    const unbound = computeRoute(app({ unit: { kind: 'institution', appointmentLinked: true, registrationAuthority: null } }), policy2024);
    expect(rulesOf(unbound)).toEqual(['route.competent-department-required@unit.competentDepartment']);
  });

  it('sends freelance artists through 省文联 or 省作协 to the province', () => {
    const artist = computeRoute(app({ applicant: { freelanceArtist: true }, qualification: { series: '艺术', specialty: '美术' } }), policy2024);
    expect(artist.ok && artist.route.map((s) => [s.level, s.name])).toEqual([
      ['federation', '吉林省文学艺术界联合会（省文联）'],
      ['province-hr', '吉林省人力资源和社会保障厅'],
    ]);
    const writer = computeRoute(app({ applicant: { freelanceArtist: true }, qualification: { series: '艺术', specialty: '文学创作' } }), policy2024);
    expect(writer.ok && writer.route[0]!.name).toBe('吉林省作家协会（省作协）');
  });

  it('gives k12-senior every level the 3/31 deadline and 3010 the 25th of its month', () => {
    const k12 = app({ category: 'k12-senior', submittedAt: '2024-03-12T09:00:00+08:00' });
    expect(route(k12).slice(0, 3).map((s) => s.split(':').slice(2).join(':'))).toEqual(Array(3).fill('2024-04-01T00:00:00+08:00'));
    const g = app({ category: 'grassroots-3010', submittedAt: '2024-05-03T09:00:00+08:00' });
    expect(route(g)[0]).toBe('unit::2024-05-26T00:00:00+08:00');
    expect(nextMonthlyDeadline(policy2024, 'grassroots-3010', '2024-05-26T00:00:00+08:00')).toBe('2024-06-26T00:00:00+08:00');
    expect(nextMonthlyDeadline(policy2024, 'grassroots-3010', '2024-12-26T00:00:00+08:00')).toBeNull();
  });
});

describe('fees (缴费)', () => {
  it.each([
    [{ category: 'post-grade-2-3' }, true],
    [{ subtype: 'appointed-unassigned' }, true],
    [{ category: 'rural-revitalization' }, true],
    [{ qualification: { level: 'junior', procedure: 'certification' } }, true],
    [{ qualification: { level: 'junior', procedure: 'review' } }, false],
    [{ subtype: 'grassroots-health' }, false],
    [{}, false],
  ] as const)('%j exempt: %s', (over, exempt) => {
    const fee = decideFee(app(over as never), policy2024);
    expect(fee.exempt).toBe(exempt);
    expect(fee.amount === null).toBe(exempt);
    expect(fee.schedule).toBe('example');
  });
});

describe('committees and votes', () => {
  it('assigns by series, specialty and level', () => {
    const r = assignCommittee(app(), policy2024);
    expect(r.ok && r.committee.id).toBe('jl-engineering-intermediate');
    const g = assignCommittee(app({ subtype: 'grassroots-health', qualification: { series: '卫生', specialty: '全科医学', level: 'associate-senior' } }), policy2024);
    expect(g.ok && g.committee.id).toBe('jl-health-grassroots');
    expect(rulesOf(assignCommittee(app({ qualification: { series: '天文' } }), policy2024))).toEqual(['committee.none@qualification.series']);
  });

  it('needs 2/3 present and 2/3 of those present; recused members are not present', () => {
    expect(decideVote({ members: 15, recused: 0, present: 10, yes: 7 }, policy2024)).toMatchObject({ quorate: true, passed: true });
    expect(decideVote({ members: 15, recused: 0, present: 10, yes: 6 }, policy2024)).toMatchObject({ quorate: true, passed: false, reasons: [{ rule: 'vote.threshold' }] });
    expect(decideVote({ members: 15, recused: 0, present: 9, yes: 9 }, policy2024)).toMatchObject({ quorate: false, passed: false, reasons: [{ rule: 'vote.quorum' }] });
    expect(decideVote({ members: 15, recused: 6, present: 10, yes: 10 }, policy2024)).toMatchObject({ valid: false, reasons: [{ field: 'present' }] });
    expect(decideVote({ members: 15, recused: 0, present: 10, yes: 11 }, policy2024)).toMatchObject({ valid: false, reasons: [{ field: 'yes' }] });
  });

  it('property: a vote passes exactly when quorate and yes/present >= 2/3', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.nat(), fc.nat(), fc.nat(), (members, r, p, y) => {
        const recused = r % (members + 1);
        const present = p % (members - recused + 1);
        const yes = y % (present + 1);
        const d = decideVote({ members, recused, present, yes }, policy2024);
        expect(d.valid).toBe(true);
        expect(d.passed).toBe(present / members >= 2 / 3 - 1e-12 && present > 0 && yes / present >= 2 / 3 - 1e-12);
      }),
    );
  });
});

describe('working days (official calendar)', () => {
  it('counts the SPEC example: 5 working days from 2024-02-08 end at 2024-02-21 00:00', () => {
    expect(endOfWorkingDays('2024-02-08', 5)).toBe('2024-02-21T00:00:00+08:00');
  });

  it('knows the 2024 holidays and make-up days', () => {
    for (const d of ['2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12']) expect(isWorkingDay(d)).toBe(true);
    for (const d of ['2024-01-01', '2024-02-12', '2024-04-04', '2024-05-03', '2024-06-10', '2024-09-16', '2024-10-07', '2024-02-10']) expect(isWorkingDay(d)).toBe(false);
  });

  it('refuses a year without holiday data instead of guessing', () => {
    expect(() => endOfWorkingDays('2099-01-05', 5)).toThrow(CalendarDataError);
    expect(() => isWorkingDay('1999-10-01')).toThrow(/no official holiday schedule for 1999/);
  });

  it('property: an N-working-day period holds exactly N working days', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 700 }), fc.integer({ min: 1, max: 20 }), (offset, n) => {
        const start = new Date(Date.UTC(2024, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
        const end = endOfWorkingDays(start, n).slice(0, 10);
        let count = 0;
        for (let d = start; d < end; d = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)) {
          if (isWorkingDay(d)) count += 1;
        }
        expect(count).toBe(n);
        const last = new Date(Date.parse(`${end}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
        expect(isWorkingDay(last)).toBe(true);
      }),
    );
  });
});

describe('route invariants (fast-check)', () => {
  const authorities = ['长春市市场监督管理局', '长春市绿园区市场监督管理局', '吉林市船营区市场监督管理局', '梅河口市市场监督管理局', '公主岭市市场监督管理局', '延吉市市场监督管理局', '长春新区市场监督管理局', '吉林省市场监督管理局'];
  it('property: a route ends at province-hr and deadlines never decrease along it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...authorities), fc.constantFrom('regular', 'k12-senior', 'grassroots-3010'), fc.boolean(), (authority, category, artist) => {
        const r = computeRoute(app({ category: category as 'regular', applicant: { freelanceArtist: artist }, unit: { registrationAuthority: authority }, submittedAt: '2024-03-15T09:00:00+08:00' }), policy2024);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.route.at(-1)!.level).toBe('province-hr');
        const deadlines = r.route.map((s) => s.deadline).filter((d): d is string => d !== null).map((d) => Date.parse(d));
        expect(deadlines).toEqual([...deadlines].sort((a, b) => a - b));
      }),
    );
  });
});

describe('policy as data', () => {
  it('stops on a bad value with its path', () => {
    const bad = { ...policy2024, levelDeadlines: { ...policy2024.levelDeadlines, 'county-hr': '2024-02-30x' } };
    expect(() => parsePolicy(bad, 'policy/bad.json')).toThrow(/policy\/bad\.json: levelDeadlines\.county-hr: must be a date/);
    const { committees: _c, ...missing } = policy2024;
    expect(() => parsePolicy(missing, 'policy/bad.json')).toThrow(/committees/);
  });

  it('a policy a year later moves every answer by a year: no code knows about 2024', () => {
    const next = parsePolicy(shiftPolicy(policy2024, 366, '2025'), 'shifted');
    expect(next.applicantWindow).toEqual({ start: '2025-01-01', end: '2025-01-31' });
    const a = app({ submittedAt: '2025-01-15T10:00:00+08:00' });
    expect(checkEligibility(app({ applicant: { inPostSince: '2024-06-01' } }), next, at('2025-01-15T10:00:00')).eligible).toBe(true);
    expect(checkEligibility(a, policy2024, at('2025-01-15T10:00:00')).eligible).toBe(false);
    const r = computeRoute(a, next);
    // 366 days later (2024 is a leap year): 2/8 -> 2/8, 3/2 -> 3/3, 3/31 -> 4/1, each until 24:00.
    expect(r.ok && r.route.map((s) => s.deadline)).toEqual(['2025-02-09T00:00:00+08:00', '2025-03-04T00:00:00+08:00', '2025-04-02T00:00:00+08:00', null]);
  });
});
