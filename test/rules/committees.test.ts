// Committee assignment (notice 三(三)): by series, specialty and authorised review level.
import { assignCommittee, findCommittee, type Policy } from '../../workers/rules/index.js';
import { app, policy2024, rulesOf } from './support.js';
import { parsePolicy } from '../../workers/policy/load.js';

const committeeOf = (a: ReturnType<typeof app>, p: Policy = policy2024) => {
  const r = assignCommittee(a, p);
  return r.ok ? r.committee.id : rulesOf(r);
};

describe('SPEC 2.5: assignCommittee', () => {
  it.each([
    [{}, 'jl-engineering-intermediate'],
    [{ qualification: { level: 'senior' } }, 'jl-engineering-senior'],
    [{ qualification: { series: '中小学教师', specialty: '数学', level: 'senior' } }, 'jl-k12-senior'],
    [{ qualification: { series: '中小学教师', specialty: '数学', level: 'associate-senior' } }, 'jl-k12'],
    [{ qualification: { series: '卫生', specialty: '内科', level: 'senior' } }, 'jl-health-senior'],
    [{ subtype: 'grassroots-health', qualification: { series: '卫生', specialty: '全科医学', level: 'associate-senior' } }, 'jl-health-grassroots'],
  ] as const)('%j -> %s', (over, id) => {
    expect(committeeOf(app(over as never))).toBe(id);
  });

  it('says which field has no committee', () => {
    expect(committeeOf(app({ qualification: { series: '天文' } }))).toEqual(['committee.none@qualification.series']);
    expect(committeeOf(app({ qualification: { series: '经济', level: 'intermediate' } }))).toEqual(['committee.none@qualification.level']);
  });

  it('prefers a committee naming the specialty over one taking every specialty', () => {
    const software = { ...policy2024.committees[1]!, id: 'jl-software', officeCode: 'C99', name: '吉林省软件工程中级评审委员会', specialties: ['计算机应用', '软件工程'] };
    const p = parsePolicy({ ...policy2024, committees: [...policy2024.committees, software] }, 'test');
    expect(committeeOf(app(), p)).toBe('jl-software');
    expect(committeeOf(app({ qualification: { specialty: '机械' } }), p)).toBe('jl-engineering-intermediate');
  });

  it('refuses to guess between two equally specific committees', () => {
    const a = { ...policy2024.committees[5]!, id: 'a', subtypes: ['grassroots-health', 'x'] };
    const b = { ...policy2024.committees[5]!, id: 'b', subtypes: ['grassroots-health'] };
    const p = { ...policy2024, committees: [a, b] } as Policy;
    expect(committeeOf(app({ subtype: 'grassroots-health', qualification: { series: '卫生', level: 'senior' } }), p)).toEqual(['committee.ambiguous@qualification.specialty']);
  });

  it('a registry where two committees overlap does not load', () => {
    const twin = { ...policy2024.committees[0]!, id: 'twin' };
    expect(() => parsePolicy({ ...policy2024, committees: [...policy2024.committees, twin] }, 'policy/x.json')).toThrow(
      /policy\/x\.json: committees\.10: overlaps committee jl-engineering-senior/,
    );
  });
});

describe('committee office codes', () => {
  it('refuses two committees with one office code (certificate numbers would collide)', () => {
    const twin = { ...policy2024.committees[1]!, id: 'jl-twin', series: '天文' };
    expect(() => parsePolicy({ ...policy2024, committees: [...policy2024.committees, twin] }, 'test')).toThrow(/committees\.10\.officeCode: duplicate office code C02/);
  });
});

describe('评委会审核 省人社厅将按照系列、专业和授权评审层级分配至相关评委会办事机构', () => {
  it('按照系列、专业和授权评审层级分配: findCommittee gives the committee, or null (not a throw) when none is authorised', () => {
    expect(findCommittee(app(), policy2024)?.id).toBe('jl-engineering-intermediate');
    expect(findCommittee(app({ qualification: { series: '天文' } }), policy2024)).toBeNull();
    expect(findCommittee(app({ qualification: { series: '艺术', specialty: '美术', level: 'junior' } }), policy2024)).toBeNull();
  });

  it('分配至相关评委会办事机构: two equally specific committees give null too, for the province to assign by hand', () => {
    const a = { ...policy2024.committees[5]!, id: 'a', subtypes: ['grassroots-health', 'x'] };
    const b = { ...policy2024.committees[5]!, id: 'b', subtypes: ['grassroots-health'] };
    expect(findCommittee(app({ subtype: 'grassroots-health', qualification: { series: '卫生', level: 'senior' } }), { ...policy2024, committees: [a, b] } as Policy)).toBeNull();
  });

  it.each([
    ['中小学正高级教师', '中小学教师', ['senior']],
    ['中小学副高级及以下职称', '中小学教师', ['junior', 'intermediate', 'associate-senior']],
    ['基层卫生', '卫生', ['associate-senior', 'senior']],
    ['从事艺术创作、艺术表演的自由职业者', '艺术', ['intermediate', 'associate-senior', 'senior']],
  ] as const)('the series the notice names have a committee: %s (%s)', (_words, series, levels) => {
    for (const level of levels) expect([level, findCommittee(app({ qualification: { series, specialty: '通用', level } }), policy2024)?.series]).toEqual([level, series]);
  });

  it('the notice names no committee: every committee of the shipped registry is marked example', () => {
    expect(policy2024.committees.length).toBeGreaterThan(0);
    expect(policy2024.committees.filter((c) => !c.example).map((c) => c.id)).toEqual([]);
    expect(policy2024.provenance.committees).toMatchObject({ source: 'example', clause: '三（三）' });
  });

  it('a registry where two committees share a name does not load (the 公示表 finds its committee by name)', () => {
    const twin = { ...policy2024.committees[1]!, id: 'jl-twin', officeCode: 'C98', series: '天文' };
    expect(() => parsePolicy({ ...policy2024, committees: [...policy2024.committees, twin] }, 'test')).toThrow(/committees\.10\.name: duplicate committee name/);
  });
});
