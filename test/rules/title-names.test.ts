// 资格名称: the title a certificate confers, by series, specialty and level, from the policy's
// titleNames (the notice names none; each series' national guidance does).
import { parsePolicy } from '../../workers/policy/load.js';
import { gradeLabelOf, titleNameOf, type TitleQualification } from '../../workers/rules/index.js';
import { policy2024 } from './support.js';

const name = (q: Partial<TitleQualification> & Pick<TitleQualification, 'series' | 'level'>) => titleNameOf(policy2024.titleNames, { specialty: '', ...q });

describe('资格名称 by series and level, from policy data', () => {
  it.each([
    ['工程', 'intermediate', undefined, '工程师'],
    ['工程', 'associate-senior', undefined, '高级工程师'],
    ['工程', 'senior', undefined, '正高级工程师'],
    ['工程', 'junior', undefined, '助理工程师'],
    ['工程', 'junior', 'clerk', '技术员'],
    ['中小学教师', 'junior', 'clerk', '三级教师'],
    ['中小学教师', 'junior', 'assistant', '二级教师'],
    ['中小学教师', 'intermediate', undefined, '一级教师'],
    ['中小学教师', 'associate-senior', undefined, '高级教师'],
    ['中小学教师', 'senior', undefined, '正高级教师'],
    ['高等学校教师', 'junior', undefined, '助教'],
    ['高等学校教师', 'intermediate', undefined, '讲师'],
    ['高等学校教师', 'associate-senior', undefined, '副教授'],
    ['高等学校教师', 'senior', undefined, '教授'],
    ['经济', 'associate-senior', undefined, '高级经济师'],
    ['会计', 'senior', undefined, '正高级会计师'],
    ['科学研究', 'intermediate', undefined, '助理研究员'],
    ['翻译', 'senior', undefined, '译审'],
    ['律师', 'senior', undefined, '一级律师'],
    ['企业管理', 'associate-senior', undefined, '高级经营管理师'],
  ] as const)('%s %s %s -> %s', (series, level, juniorGrade, expected) => {
    expect(name({ series, level, juniorGrade })).toEqual({ name: expected, fromPolicy: true });
  });

  it('卫生 by its four tracks: 医, 药, 护, 技', () => {
    expect(name({ series: '卫生', specialty: '内科', level: 'intermediate' }).name).toBe('主治医师');
    expect(name({ series: '卫生', specialty: '中医内科', level: 'senior' }).name).toBe('主任医师');
    expect(name({ series: '卫生', specialty: '中药学', level: 'associate-senior' }).name).toBe('副主任药师');
    expect(name({ series: '卫生', specialty: '护理学', level: 'intermediate' }).name).toBe('主管护师');
    expect(name({ series: '卫生', specialty: '医学检验技术', level: 'junior' }).name).toBe('技师');
    expect(name({ series: '卫生', specialty: '内科', level: 'junior', juniorGrade: 'clerk' }).name).toBe('医士');
  });

  it('other tracks by specialty: 农业 畜牧, 新闻 记者, 艺术 with the specialty in the title', () => {
    expect(name({ series: '农业', specialty: '畜牧', level: 'intermediate' }).name).toBe('畜牧师');
    expect(name({ series: '农业', specialty: '作物栽培', level: 'senior' }).name).toBe('正高级农艺师');
    expect(name({ series: '新闻', specialty: '记者', level: 'associate-senior' }).name).toBe('主任记者');
    expect(name({ series: '艺术', specialty: '演奏员', level: 'intermediate' }).name).toBe('三级演奏员');
    expect(name({ series: '艺术', specialty: '美术', level: 'senior' }).name).toBe('一级美术师');
  });

  it('a series or level the policy names no title for falls back to <series>系列<level label>', () => {
    expect(name({ series: '计算机技术与软件', level: 'intermediate' })).toEqual({ name: '计算机技术与软件系列中级', fromPolicy: false });
    // 经济 has no 员级 since its reform (初级只设助理级).
    expect(name({ series: '经济', level: 'junior', juniorGrade: 'clerk' })).toEqual({ name: '经济系列员级', fromPolicy: false });
    expect(name({ series: '社会工作', level: 'senior' })).toEqual({ name: '社会工作系列正高级', fromPolicy: false });
  });

  it('labels, never codes', () => {
    expect(gradeLabelOf({ level: 'intermediate' })).toBe('中级');
    expect(gradeLabelOf({ level: 'junior' })).toBe('助理级');
    expect(gradeLabelOf({ level: 'junior', juniorGrade: 'clerk' })).toBe('员级');
    expect(gradeLabelOf({ level: 'associate-senior' })).toBe('副高级');
  });

  it('the names carry where they come from: the notice names none', () => {
    expect(policy2024.provenance.titleNames).toMatchObject({ source: 'national' });
    expect(policy2024.provenance['titleNames.series.企业管理']).toMatchObject({ source: 'product' });
  });
});

describe('policy validation of title names', () => {
  const without = (series: string, grade?: string) => {
    const titleNames = structuredClone(policy2024.titleNames);
    if (grade) for (const t of titleNames.series[series]!) delete t.names[grade as 'senior'];
    else delete titleNames.series[series];
    return () => parsePolicy({ ...policy2024, titleNames }, 'policy/x.json');
  };

  it('a level a committee certifies without a name is an error naming the series, level and committee', () => {
    expect(without('工程', 'intermediate')).toThrow(/titleNames\.series\.工程: names no title of 中级 \(intermediate\).*committee jl-engineering-intermediate/);
    expect(without('卫生', 'senior')).toThrow(/titleNames\.series\.卫生: names no title of 正高级 \(senior\) in track 护理/);
    expect(without('企业管理')).toThrow(/titleNames\.series\.企业管理: names no title of 副高级 .* in a default track/);
  });

  it('a series or level no category can produce needs no name: it falls back', () => {
    // No committee reviews 律师 or 工程's 员级 (初级 needs its 助理级 only).
    expect(without('律师')).not.toThrow();
    expect(without('工程', 'clerk')).not.toThrow();
    // jl-economics certifies 副高级 and 正高级 only: its 正高级 needs a name, its 助理级 does not.
    expect(without('经济', 'senior')).toThrow(/经济: names no title of 正高级/);
    expect(without('经济', 'assistant')).not.toThrow();
  });

  it('a bad specialty pattern and two default tracks are refused', () => {
    const titleNames = structuredClone(policy2024.titleNames);
    titleNames.series['工程']!.push({ track: 'x', names: { intermediate: '工程师' } });
    expect(() => parsePolicy({ ...policy2024, titleNames }, 'policy/x.json')).toThrow(/at most one default track/);
    const bad = structuredClone(policy2024.titleNames);
    bad.series['卫生']![0]!.specialtyPattern = '(';
    expect(() => parsePolicy({ ...policy2024, titleNames: bad }, 'policy/x.json')).toThrow(/valid regular expression/);
  });
});
