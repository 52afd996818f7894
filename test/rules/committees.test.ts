// Committee assignment (notice 三(三)): by series, specialty and authorised review level.
import { assignCommittee, parsePolicy, type Policy } from '../../workers/rules/index.js';
import { app, policy2024, rulesOf } from './support.js';

const committeeOf = (a: ReturnType<typeof app>, p: Policy = policy2024) => {
  const r = assignCommittee(a, p);
  return r.ok ? r.committee.id : rulesOf(r);
};

describe('assignCommittee', () => {
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
