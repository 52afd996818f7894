// 中小学正高级教师 has its own category and window (notice 一.5 and 四（五）): a k12 senior application
// filed in another category is refused with the category and window it belongs to.
import { checkEligibility, divertedCategory } from '../../workers/rules/index.js';
import { app, at, policy2024, rulesOf } from './support.js';
import { parsePolicy } from '../../workers/policy/load.js';

const k12 = (level: 'senior' | 'associate-senior' | 'intermediate', category: 'regular' | 'k12-associate-and-below' | 'k12-senior' | 'talent-incentive' = 'regular') =>
  app({ category, qualification: { series: '中小学教师', specialty: '数学', level } });

describe('中小学正高级教师职称申报…审核提交时间为2024年3月10日0时起至3月31日24时止', () => {
  it.each(['regular', 'k12-associate-and-below'] as const)('中小学正高级教师 filed as %s: refused on category, naming k12-senior and its window', (category) => {
    const r = checkEligibility(k12('senior', category), policy2024, at('2024-01-15T10:00:00'));
    expect(r.eligible).toBe(false);
    expect(r.reasons).toEqual([
      {
        rule: 'eligibility.category-misfiled',
        field: 'category',
        message: expect.stringContaining('k12-senior (中小学正高级教师), not ' + category + '; its window runs from 2024年3月10日0时 to 2024年3月31日24时'),
      },
    ]);
  });

  it('中小学正高级教师 in its own category and window is accepted', () => {
    expect(rulesOf(checkEligibility(k12('senior', 'k12-senior'), policy2024, at('2024-03-10T00:00:00')))).toEqual([]);
    expect(divertedCategory(k12('senior', 'k12-senior'), policy2024)).toBeNull();
  });

  it('中小学副高级及以下职称: a k12 associate-senior filed as regular belongs to k12-associate-and-below', () => {
    expect(divertedCategory(k12('associate-senior'), policy2024)).toBe('k12-associate-and-below');
    const r = checkEligibility(k12('intermediate'), policy2024, at('2024-01-15T10:00:00'));
    expect(r.reasons).toEqual([{ rule: 'eligibility.category-misfiled', field: 'category', message: expect.stringContaining('k12-associate-and-below (中小学副高级及以下职称)') }]);
  });

  it('申报类别 other than those the policy diverts from keep their own rules (a 人才激励 application is not diverted)', () => {
    expect(divertedCategory(k12('senior', 'talent-incentive'), policy2024)).toBeNull();
    expect(divertedCategory(app(), policy2024)).toBeNull();
  });

  it('the diversion is policy data: without divertsFrom a regular k12 senior application is not refused for its category', () => {
    const categories = { ...policy2024.categories, 'k12-senior': { ...policy2024.categories['k12-senior'], divertsFrom: [] }, 'k12-associate-and-below': { ...policy2024.categories['k12-associate-and-below'], divertsFrom: [] } };
    const p = parsePolicy({ ...policy2024, categories }, 'test');
    expect(rulesOf(checkEligibility(k12('senior'), p, at('2024-01-15T10:00:00')))).toEqual([]);
  });

  it('a policy whose diverting category names no series or levels does not load', () => {
    const categories = { ...policy2024.categories, 'talent-incentive': { ...policy2024.categories['talent-incentive'], divertsFrom: ['regular'] } };
    expect(() => parsePolicy({ ...policy2024, categories }, 'policy/x.json')).toThrow(/categories\.talent-incentive\.divertsFrom: needs the series and levels/);
  });
});
