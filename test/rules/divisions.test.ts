// Registration authority -> division, with the spellings found in real business licences.
import { divisionByCode, resolveDivision } from '../../workers/rules/index.js';
import { policy2024 } from './support.js';
import { parsePolicy } from '../../workers/policy/load.js';

describe('SPEC 4: resolveDivision', () => {
  it.each([
    // The notice's own example (五(二)).
    ['长春市市场监督管理局', '220100', '长春市', 'city', '220000', '220000'],
    ['长春市绿园区市场监督管理局', '220106', '绿园区', 'county', '220100', '220100'],
    // Branch bureaus and the pre-2018 name.
    ['长春市市场监督管理局绿园分局', '220106', '绿园区', 'county', '220100', '220100'],
    ['长春市工商行政管理局绿园分局', '220106', '绿园区', 'county', '220100', '220100'],
    ['长春市绿园区工商行政管理局', '220106', '绿园区', 'county', '220100', '220100'],
    ['长春市南关区工商局', '220102', '南关区', 'county', '220100', '220100'],
    ['长春市市场监督管理局直属分局', '220100', '长春市', 'city', '220000', '220000'],
    ['绿园区市场监督管理局西新市场监督管理所', '220106', '绿园区', 'county', '220100', '220100'],
    ['长春市 绿园区 市场监督管理局', '220106', '绿园区', 'county', '220100', '220100'],
    ['长春市朝阳区市场监督管理局（长春市朝阳区知识产权局）', '220104', '朝阳区', 'county', '220100', '220100'],
    // 吉林市 (the city) against 吉林省 (the province).
    ['吉林市市场监督管理局', '220200', '吉林市', 'city', '220000', '220000'],
    ['吉林市船营区市场监督管理局', '220204', '船营区', 'county', '220200', '220200'],
    ['吉林省市场监督管理局', '220000', '吉林省', 'province', null, null],
    ['吉林省工商行政管理局', '220000', '吉林省', 'province', null, null],
    ['吉林省吉林市市场监督管理局', '220200', '吉林市', 'city', '220000', '220000'],
    ['吉林省长春市绿园区市场监督管理局', '220106', '绿园区', 'county', '220100', '220100'],
    // Development zones act as counties under their city.
    ['长春经济技术开发区市场监督管理局', '220171', '长春经济技术开发区', 'county', '220100', '220100'],
    ['长春市市场监督管理局经济技术开发区分局', '220171', '长春经济技术开发区', 'county', '220100', '220100'],
    ['长春市市场监督管理局净月分局', '220172', '长春净月高新技术产业开发区', 'county', '220100', '220100'],
    ['长春市市场监督管理局高新分局', '220173', '长春高新技术产业开发区', 'county', '220100', '220100'],
    ['长春市市场监督管理局高新技术产业开发区分局', '220173', '长春高新技术产业开发区', 'county', '220100', '220100'],
    ['长春汽开区市场监督管理局', '220174', '长春汽车经济技术开发区', 'county', '220100', '220100'],
    ['吉林高新技术产业开发区市场监督管理局', '220272', '吉林高新技术产业开发区', 'county', '220200', '220200'],
    ['吉林市市场监督管理局高新分局', '220272', '吉林高新技术产业开发区', 'county', '220200', '220200'],
    // 公主岭 belongs to 长春, also on a licence from before 2020.
    ['公主岭市市场监督管理局', '220184', '公主岭市', 'county', '220100', '220100'],
    ['四平市公主岭市工商行政管理局', '220184', '公主岭市', 'county', '220100', '220100'],
    // Special units report straight to the province like a city.
    ['梅河口市市场监督管理局', '220581', '梅河口市', 'city', '220500', '220000'],
    ['通化市梅河口市市场监督管理局', '220581', '梅河口市', 'city', '220500', '220000'],
    ['长白山保护开发区管理委员会市场监督管理局', '229901', '长白山管委会', 'city', '220000', '220000'],
    ['吉林省长白山保护开发区管理委员会市场监督管理局', '229901', '长白山管委会', 'city', '220000', '220000'],
    ['长春新区市场监督管理局', '229902', '长春新区', 'city', '220000', '220000'],
    ['长春新区行政审批局', '229902', '长春新区', 'city', '220000', '220000'],
    ['长春市长春新区市场监督管理局', '229902', '长春新区', 'city', '220000', '220000'],
    ['中韩（长春）国际合作示范区市场监督管理局', '229903', '中韩（长春）国际合作示范区', 'city', '220000', '220000'],
    ['中韩示范区市场监督管理局', '229903', '中韩（长春）国际合作示范区', 'city', '220000', '220000'],
    // Autonomous prefecture and counties, with their everyday names.
    ['延边朝鲜族自治州市场监督管理局', '222400', '延边朝鲜族自治州', 'city', '220000', '220000'],
    ['延边州市场监督管理局', '222400', '延边朝鲜族自治州', 'city', '220000', '220000'],
    ['延吉市市场监督管理局', '222401', '延吉市', 'county', '222400', '222400'],
    ['前郭县市场监督管理局', '220721', '前郭尔罗斯蒙古族自治县', 'county', '220700', '220700'],
    // 通化 alone is both a city and a county: only full names count.
    ['通化市市场监督管理局', '220500', '通化市', 'city', '220000', '220000'],
    ['通化县市场监督管理局', '220521', '通化县', 'county', '220500', '220500'],
    ['二道江区市场监督管理局', '220503', '二道江区', 'county', '220500', '220500'],
    ['长春市二道区市场监督管理局', '220105', '二道区', 'county', '220100', '220100'],
  ])('%s -> %s %s', (authority, code, name, level, parentCode, reportsTo) => {
    expect(resolveDivision(authority, policy2024)).toEqual({ ok: true, division: { code, name, level, parentCode, reportsTo } });
  });

  it.each([
    ['北京市海淀区市场监督管理局', 'division.outside-province', '北京市'],
    ['辽宁省沈阳市市场监督管理局', 'division.outside-province', '辽宁省'],
    ['沈阳市铁西区市场监督管理局', 'division.outside-province', '沈阳市'],
    ['朝阳市市场监督管理局', 'division.outside-province', '朝阳市'],
    ['黑龙江省哈尔滨市市场监督管理局', 'division.outside-province', '黑龙江省'],
    ['内蒙古自治区通辽市市场监督管理局', 'division.outside-province', '内蒙古自治区'],
    ['吉林市场监督管理局', 'division.ambiguous', '吉林市'],
    ['长春市船营区市场监督管理局', 'division.inconsistent', '吉林市'],
    ['吉林市绿园区市场监督管理局', 'division.inconsistent', '长春市'],
    ['长春市绿园区人民政府', 'division.unknown-authority', 'registration authority'],
    ['吉林省人民政府', 'division.unknown-authority', 'registration authority'],
    ['某某公司', 'division.unknown-authority', '某某公司'],
    ['长春市市场监督管理局不存在分局', 'division.unknown-branch', '不存在分局'],
    ['  ', 'division.authority-required', 'required'],
  ])('refuses %s with %s', (authority, rule, mention) => {
    const r = resolveDivision(authority, policy2024);
    expect(r).toEqual({ ok: false, reasons: [{ rule, field: 'unit.registrationAuthority', message: expect.stringContaining(mention) }] });
  });

  it('knows every code it answers, with the same answer', () => {
    for (const code of ['220000', '220100', '220106', '220171', '220184', '220581', '229901', '222400']) {
      const d = divisionByCode(code, policy2024);
      expect(d?.code).toBe(code);
    }
    expect(divisionByCode('220381', policy2024)).toBeNull();
    expect(divisionByCode('110000', policy2024)).toBeNull();
  });
});

describe('division data of the policy', () => {
  const withDivisions = (change: (d: (typeof policy2024)['divisions']) => object) => ({ ...policy2024, divisions: change(policy2024.divisions) });

  it('refuses a development zone that contradicts GB/T 2260, with its path', () => {
    const bad = withDivisions((d) => ({ ...d, developmentZones: [{ code: '220171', name: '长春某开发区', cityCode: '220100' }] }));
    expect(() => parsePolicy(bad, 'policy/x.json')).toThrow(/policy\/x\.json: divisions\.developmentZones\.0\.name: the division data has 220171 as 长春经济技术开发区/);
  });

  it('refuses a synthetic code that GB/T 2260 already uses', () => {
    const bad = withDivisions((d) => ({ ...d, overrides: [...d.overrides, { code: '220106', name: '某区', level: 'city', reportsTo: '220000', synthetic: true }] }));
    expect(() => parsePolicy(bad, 'policy/x.json')).toThrow(/divisions\.overrides\.5\.code: synthetic code 220106 is already 绿园区/);
  });

  it('refuses a special unit acting as a city that does not report to the province', () => {
    const bad = withDivisions((d) => ({ ...d, overrides: d.overrides.map((o, i) => (i === 0 ? { ...o, reportsTo: '220500' } : o)) }));
    expect(() => parsePolicy(bad, 'policy/x.json')).toThrow(/divisions\.overrides\.0\.reportsTo: a unit acting as a city reports to the province/);
  });

  it('refuses branch aliases and office names of unknown divisions', () => {
    const bad = { ...withDivisions((d) => ({ ...d, branchAliases: { '220100': { 某某: '220199' } } })), offices: { ...policy2024.offices, overrides: { '229999': 'x' } } };
    expect(() => parsePolicy(bad, 'policy/x.json')).toThrow(/divisions\.branchAliases\.220100\.某某: unknown division 220199[\s\S]*offices\.overrides\.229999: unknown division/);
  });
});
