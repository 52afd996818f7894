// Registration authority -> division, with the spellings found in real business licences.
import { resolveDivision } from '../../workers/rules/index.js';
import { policy2024 } from './support.js';

describe('resolveDivision', () => {
  it.each([
    // The notice's own example (五(二)).
    ['长春市市场监督管理局', '220100', 'city', '220000'],
    ['长春市绿园区市场监督管理局', '220106', 'county', '220100'],
    // Branch bureaus and the pre-2018 name.
    ['长春市市场监督管理局绿园分局', '220106', 'county', '220100'],
    ['长春市工商行政管理局绿园分局', '220106', 'county', '220100'],
    ['长春市绿园区工商行政管理局', '220106', 'county', '220100'],
    ['长春市市场监督管理局高新分局', '220173', 'county', '220100'],
    // 吉林市 (the city) against 吉林省 (the province).
    ['吉林市市场监督管理局', '220200', 'city', '220000'],
    ['吉林市船营区市场监督管理局', '220204', 'county', '220200'],
    ['吉林省市场监督管理局', '220000', 'province', null],
    ['吉林省长春市市场监督管理局', '220100', 'city', '220000'],
    // Development zones act as counties under their city; 公主岭 belongs to 长春.
    ['长春经济技术开发区市场监督管理局', '220171', 'county', '220100'],
    ['公主岭市市场监督管理局', '220184', 'county', '220100'],
    // Special units report straight to the province like a city.
    ['梅河口市市场监督管理局', '220581', 'city', '220000'],
    ['长白山保护开发区市场监督管理局', '229901', 'city', '220000'],
    ['长春新区市场监督管理局', '229902', 'city', '220000'],
    ['中韩（长春）国际合作示范区市场监督管理局', '229903', 'city', '220000'],
    ['延吉市市场监督管理局', '222401', 'county', '222400'],
  ])('%s -> %s', (authority, code, level, reportsTo) => {
    const r = resolveDivision(authority, policy2024);
    expect(r.ok && r.division).toMatchObject({ code, level, reportsTo });
  });

  it.each([
    ['北京市海淀区市场监督管理局', 'division.outside-province'],
    ['辽宁省沈阳市市场监督管理局', 'division.outside-province'],
    ['长春市绿园区人民政府', 'division.unknown-authority'],
    ['长春市市场监督管理局不存在分局', 'division.unknown-branch'],
    ['  ', 'division.authority-required'],
  ])('refuses %s with %s', (authority, rule) => {
    const r = resolveDivision(authority, policy2024);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reasons[0]).toMatchObject({ rule, field: 'unit.registrationAuthority' });
  });
});
