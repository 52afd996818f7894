// Routing by the licence authority's division (notice 五（二）单位注册 and 五（三）绑定规则): the province's
// own registration authority routes to the province; the policy's special divisions report to it
// like a city, in every category (3010 included).
import { checkEligibility, computeRoute, resolveDivision, type RouteResult } from '../../workers/rules/index.js';
import { app, at, policy2024, rulesOf } from './support.js';

const levels = (r: RouteResult) => (r.ok ? r.route.map((s) => `${s.level}:${s.divisionCode ?? ''}`) : rulesOf(r));

describe('请各单位根据单位营业执照登记机关确认所属行政区划', () => {
  it.each(['吉林省市场监督管理厅', '吉林省市场监管厅', '吉林省工商行政管理局', '吉林省市场监督管理局'])('由同级人社部门进行审核提交: %s is the province', (authority) => {
    const r = resolveDivision(authority, policy2024);
    expect(r.ok && r.division).toMatchObject({ code: '220000', level: 'province' });
    expect(levels(computeRoute(app({ unit: { registrationAuthority: authority } }), policy2024))).toEqual(['unit:', 'province-hr:220000']);
  });

  it('按照营业执照登记机关所在地选择行政区划: a city bureau named 厅 is still its city (吉林市市场监督管理厅 is no province)', () => {
    const r = resolveDivision('吉林市市场监督管理厅', policy2024);
    expect(r.ok && r.division.code).toBe('220200');
  });
});

describe('县（乡）基层“3010”申报审核时间为每月1-25日: special divisions', () => {
  const g = (registrationAuthority: string) => app({ category: 'grassroots-3010', unit: { registrationAuthority }, submittedAt: '2024-05-03T09:00:00+08:00' });
  const when = at('2024-05-03T09:00:00');

  it('县（乡）基层“3010”: a 梅河口 unit (a county-level city) may apply, and goes 梅河口 -> province like a city', () => {
    expect(rulesOf(checkEligibility(g('梅河口市市场监督管理局'), policy2024, when))).toEqual([]);
    expect(levels(computeRoute(g('梅河口市市场监督管理局'), policy2024, when))).toEqual(['unit:', 'city-hr:220581', 'province-hr:220000']);
    const r = computeRoute(g('梅河口市市场监督管理局'), policy2024, when);
    expect(r.ok && r.route.slice(0, -1).map((s) => s.deadline)).toEqual(['2024-05-26T00:00:00+08:00', '2024-05-26T00:00:00+08:00']);
  });

  it.each([
    ['长白山管委会市场监督管理局', '229901'],
    ['长春新区市场监督管理局', '229902'],
    ['中韩(长春)国际合作示范区市场监督管理局', '229903'],
  ])('县（乡）基层“3010”: %s routes straight to the province like a city (its admission to 3010 goes by the policy\'s rank)', (authority, code) => {
    expect(levels(computeRoute(g(authority), policy2024, when))).toEqual(['unit:', `city-hr:${code}`, 'province-hr:220000']);
  });

  it('县（乡）基层“3010”: a unit of a real city stays out (the category is for county-level units)', () => {
    expect(rulesOf(checkEligibility(g('通化市市场监督管理局'), policy2024, when))).toEqual(['eligibility.division-level@unit.registrationAuthority']);
  });
});
