// The route upward (SPEC section 4) with each level's deadline.
import fc from 'fast-check';
import { CATEGORY_IDS } from '../../workers/domain/application.js';
import { applicantDeadline, computeRoute, ROUTE_LEVELS, type RouteResult } from '../../workers/rules/index.js';
import { app, policy2024, rulesOf } from './support.js';

/** `level:divisionCode:deadline` per step. */
function steps(r: RouteResult): string[] {
  if (!r.ok) throw new Error(JSON.stringify(r.reasons));
  return r.route.map((s) => `${s.level}:${s.divisionCode ?? ''}:${s.deadline ?? '-'}`);
}
const institution = (level: 'province' | 'city' | 'county', divisionCode: string, name: string) =>
  app({ unit: { kind: 'institution', appointmentLinked: true, registrationAuthority: null, competentDepartment: { name, level, divisionCode } } });

describe('SPEC 4: enterprises go by the authority of their business licence', () => {
  it('a county enterprise climbs county, city, province (the SPEC example)', () => {
    const r = computeRoute(app(), policy2024);
    expect(r.ok && r.route).toEqual([
      { level: 'unit', name: '长春某某科技有限公司', deadline: '2024-02-09T00:00:00+08:00' },
      { level: 'county-hr', divisionCode: '220106', name: '绿园区人力资源和社会保障局', deadline: '2024-03-03T00:00:00+08:00' },
      { level: 'city-hr', divisionCode: '220100', name: '长春市人力资源和社会保障局', deadline: '2024-04-01T00:00:00+08:00' },
      { level: 'province-hr', divisionCode: '220000', name: '吉林省人力资源和社会保障厅', deadline: null },
    ]);
  });

  it.each([
    ['长春市市场监督管理局', ['unit::2024-02-09T00:00:00+08:00', 'city-hr:220100:2024-04-01T00:00:00+08:00', 'province-hr:220000:-']],
    ['吉林省市场监督管理局', ['unit::2024-02-09T00:00:00+08:00', 'province-hr:220000:-']],
    ['梅河口市市场监督管理局', ['unit::2024-02-09T00:00:00+08:00', 'city-hr:220581:2024-04-01T00:00:00+08:00', 'province-hr:220000:-']],
    ['长春新区市场监督管理局', ['unit::2024-02-09T00:00:00+08:00', 'city-hr:229902:2024-04-01T00:00:00+08:00', 'province-hr:220000:-']],
    ['长白山管委会市场监督管理局', ['unit::2024-02-09T00:00:00+08:00', 'city-hr:229901:2024-04-01T00:00:00+08:00', 'province-hr:220000:-']],
    [
      '长春市市场监督管理局经济技术开发区分局',
      ['unit::2024-02-09T00:00:00+08:00', 'county-hr:220171:2024-03-03T00:00:00+08:00', 'city-hr:220100:2024-04-01T00:00:00+08:00', 'province-hr:220000:-'],
    ],
    [
      '四平市公主岭市工商行政管理局',
      ['unit::2024-02-09T00:00:00+08:00', 'county-hr:220184:2024-03-03T00:00:00+08:00', 'city-hr:220100:2024-04-01T00:00:00+08:00', 'province-hr:220000:-'],
    ],
  ])('%s', (registrationAuthority, expected) => {
    expect(steps(computeRoute(app({ unit: { registrationAuthority } }), policy2024))).toEqual(expected);
  });

  it('names offices after the policy pattern, and the special units after their names', () => {
    const zone = computeRoute(app({ unit: { registrationAuthority: '长春汽开区市场监督管理局' } }), policy2024);
    expect(zone.ok && zone.route[1]!.name).toBe('长春汽车经济技术开发区人力资源和社会保障局');
    const special = computeRoute(app({ unit: { registrationAuthority: '中韩示范区市场监督管理局' } }), policy2024);
    expect(special.ok && special.route[1]!.name).toBe('中韩（长春）国际合作示范区人力资源和社会保障局');
  });

  it('ignores a competent department given for an enterprise: self-review enterprises no longer go straight up either', () => {
    const r = computeRoute(app({ unit: { selfReview: true, competentDepartment: { name: '吉林省工业和信息化厅', level: 'province', divisionCode: '220000' } } }), policy2024);
    expect(steps(r).map((s) => s.split(':')[0])).toEqual(['unit', 'county-hr', 'city-hr', 'province-hr']);
  });

  it('refuses an enterprise without a licence authority, or with one outside Jilin', () => {
    expect(rulesOf(computeRoute(app({ unit: { registrationAuthority: null } }), policy2024))).toEqual(['route.division-unknown@unit.registrationAuthority']);
    expect(rulesOf(computeRoute(app({ unit: { registrationAuthority: '北京市海淀区市场监督管理局' } }), policy2024))).toEqual([
      'division.outside-province@unit.registrationAuthority',
    ]);
  });
});

describe('SPEC 4: institutions go through their competent department', () => {
  it.each([
    ['county', '220106', '长春市绿园区教育局', 'dept-220106-education', ['unit', 'competent-department', 'county-hr', 'city-hr', 'province-hr']],
    ['city', '220100', '长春市教育局', 'dept-220100-education', ['unit', 'competent-department', 'city-hr', 'province-hr']],
    ['city', '220581', '梅河口市教育局', 'dept-220581-education', ['unit', 'competent-department', 'city-hr', 'province-hr']],
    ['province', '220000', '吉林省教育厅', 'dept-220000-education', ['unit', 'competent-department', 'province-hr']],
  ] as const)('绑定规则 全省评聘结合事业单位均须绑定主管部门: a %s department (%s) reviews first, with its registered group', (level, code, name, group, expected) => {
    const r = computeRoute(institution(level, code, name), policy2024);
    expect(steps(r).map((s) => s.split(':')[0])).toEqual(expected);
    expect(r.ok && r.route[1]).toEqual({ level: 'competent-department', name, divisionCode: code, group, deadline: '2024-02-09T00:00:00+08:00' });
  });

  it('refuses an unbound 评聘结合 institution: none may submit to the province directly', () => {
    const unbound = computeRoute(app({ unit: { kind: 'institution', appointmentLinked: true } }), policy2024);
    expect(rulesOf(unbound)).toEqual(['route.competent-department-required@unit.competentDepartment']);
  });

  it('routes an institution that is not 评聘结合 and has no department by its registration authority', () => {
    expect(steps(computeRoute(app({ unit: { kind: 'institution', registrationAuthority: '长春市市场监督管理局' } }), policy2024))[1]).toBe(
      'city-hr:220100:2024-04-01T00:00:00+08:00',
    );
  });

  it('refuses a department whose level or division is wrong', () => {
    expect(rulesOf(computeRoute(institution('city', '220106', '长春市绿园区教育局'), policy2024))).toEqual(['route.department-level@unit.competentDepartment.level']);
    expect(rulesOf(computeRoute(institution('county', '229999', '长春市绿园区教育局'), policy2024))).toEqual(['route.unknown-division@unit.competentDepartment.divisionCode']);
  });
});

describe('SPEC 2.3: freelance artists go through 省文联 or 省作协', () => {
  it('art goes to 省文联, literature to 省作协, then to the province', () => {
    const artist = computeRoute(app({ applicant: { freelanceArtist: true }, qualification: { series: '艺术', specialty: '美术' } }), policy2024);
    expect(artist.ok && artist.route).toEqual([
      { level: 'federation', name: '吉林省文学艺术界联合会（省文联）', deadline: '2024-02-09T00:00:00+08:00' },
      { level: 'province-hr', divisionCode: '220000', name: '吉林省人力资源和社会保障厅', deadline: null },
    ]);
    expect(artist.ok && artist.division.code).toBe('220000');
    const writer = computeRoute(app({ applicant: { freelanceArtist: true }, qualification: { series: '艺术', specialty: '文学创作' } }), policy2024);
    expect(writer.ok && writer.route[0]!.name).toBe('吉林省作家协会（省作协）');
  });
});

describe('deadlines of the category windows', () => {
  it('gives k12-senior every level 3/31 24:00', () => {
    const r = computeRoute(app({ category: 'k12-senior', submittedAt: '2024-03-12T09:00:00+08:00' }), policy2024);
    expect(steps(r).map((s) => s.split(':').slice(2).join(':'))).toEqual([...Array(3).fill('2024-04-01T00:00:00+08:00'), '-']);
  });

  it('gives 3010 every level the 25th 24:00 of the month of submission, and needs that time', () => {
    const r = computeRoute(app({ category: 'grassroots-3010', submittedAt: '2024-05-03T09:00:00+08:00' }), policy2024);
    expect(steps(r).map((s) => s.split(':').slice(2).join(':'))).toEqual([...Array(3).fill('2024-05-26T00:00:00+08:00'), '-']);
    const untimed = computeRoute(app({ category: 'grassroots-3010', submittedAt: undefined }), policy2024);
    expect(rulesOf(untimed)).toEqual(['route.submitted-at-required@submittedAt']);
    expect(computeRoute(app({ submittedAt: undefined }), policy2024).ok).toBe(true);
  });
});

describe('route invariants (fast-check)', () => {
  const authorities = [
    '长春市市场监督管理局',
    '长春市绿园区市场监督管理局',
    '长春市市场监督管理局绿园分局',
    '吉林市船营区市场监督管理局',
    '梅河口市市场监督管理局',
    '公主岭市市场监督管理局',
    '延吉市市场监督管理局',
    '长春新区市场监督管理局',
    '长白山管委会市场监督管理局',
    '吉林省市场监督管理局',
    '吉林高新技术产业开发区市场监督管理局',
  ];
  const departments = [null, ...policy2024.competentDepartments.entries.map((d) => ({ name: d.name, divisionCode: d.divisionCode, level: d.level }))];
  const instant = fc.integer({ min: Date.parse('2024-01-01T00:00:00+08:00'), max: Date.parse('2024-12-31T23:59:59+08:00') }).map((t) => new Date(t));

  it('property: a route ends at province-hr, climbs levels in order, and its deadlines never decrease', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CATEGORY_IDS),
        fc.constantFrom('enterprise', 'institution'),
        fc.constantFrom(...authorities),
        fc.constantFrom(...departments),
        fc.constantFrom(...departments.slice(1)),
        fc.boolean(),
        instant,
        (category, kind, registrationAuthority, anyDept, boundDept, freelanceArtist, when) => {
          // Institutions here are 评聘结合, so bound to a department; a department given for an enterprise is ignored.
          const dept = kind === 'institution' ? boundDept : anyDept;
          const competentDepartment = dept;
          const a = app({
            category,
            applicant: { freelanceArtist },
            unit: { kind, registrationAuthority, appointmentLinked: kind === 'institution', competentDepartment },
          });
          const r = computeRoute(a, policy2024, when);
          expect(r.ok).toBe(true);
          if (!r.ok) return;
          expect(r.route.at(-1)).toMatchObject({ level: 'province-hr', divisionCode: '220000', deadline: null });
          const order = r.route.map((s) => ROUTE_LEVELS.indexOf(s.level));
          expect(order).toEqual([...new Set(order)].sort((x, y) => x - y));
          const deadlines = [applicantDeadline(policy2024, category, when), ...r.route.map((s) => s.deadline).filter((d): d is string => d !== null)].map(Date.parse);
          expect(deadlines).toEqual([...deadlines].sort((x, y) => x - y));
          expect(r.route.slice(0, -1).every((s) => s.deadline !== null)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
