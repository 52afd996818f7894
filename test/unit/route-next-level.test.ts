import { createHandlerContext } from '../support/handler-context.js';
import { packageCalendar } from '../../workers/rules/index.js';
import path from 'node:path';
import { ROOT } from '../../workers/config.js';
import { createPolicyProvider } from '../../workers/policy/provider.js';
import { routeOfficeGroup as officeGroup } from '../../workers/domain/offices.js';
import { createRouteNextLevel } from '../../workers/topics/route-next-level.js';
import { levelReviewProblem } from '../../workers/topics/record-level-review.js';

const route = [
  { level: 'unit' as const, name: '长春某某科技有限公司', deadline: '2024-02-09T00:00:00+08:00' },
  { level: 'competent-department' as const, name: '长春市教育局', divisionCode: '220100', deadline: '2024-02-09T00:00:00+08:00' },
  { level: 'city-hr' as const, divisionCode: '220100', name: '长春市人力资源和社会保障局', deadline: '2024-04-01T00:00:00+08:00' },
  { level: 'province-hr' as const, divisionCode: '220000', name: '吉林省人力资源和社会保障厅', deadline: null },
];

describe('SPEC 2.4: route-next-level', () => {
  const handler = createRouteNextLevel({ policies: { calendar: packageCalendar } });
  const next = async (reviewLevelIndex: number | null) => handler.handle({ route, reviewLevelIndex }, createHandlerContext());

  it('walks the levels between the unit and the province, then stops', async () => {
    expect(await next(null)).toMatchObject({ kind: 'complete', variables: { hasNextLevel: true, reviewLevelIndex: 1, reviewLevel: 'competent-department', reviewOffice: '长春市教育局' } });
    expect(await next(1)).toMatchObject({ variables: { hasNextLevel: true, reviewLevelIndex: 2, reviewLevel: 'city-hr', reviewGroup: 'hr-220100', reviewDeadline: '2024-04-01T00:00:00+08:00', reviewFollowUp: '2024-03-27T00:00:00+08:00' } });
    expect(await next(2)).toMatchObject({ variables: { hasNextLevel: false, reviewLevel: null } });
  });

  it('gives each competent department a stable group of its own', () => {
    const a = officeGroup(route[1]!);
    expect(a).toMatch(/^dept-220100-[0-9a-f]{12}$/);
    expect(officeGroup({ ...route[1]!, name: '长春市卫生健康委员会' })).not.toBe(a);
    expect(officeGroup(route[1]!)).toBe(a);
  });
});

describe('record-level-review', () => {
  const base = { reviewLevel: 'county-hr', reviewOffice: '绿园区人力资源和社会保障局', levelReviewReason: null };
  it('needs a decision, and a reason to return or reject', () => {
    expect(levelReviewProblem({ ...base, levelReviewDecision: 'approve' })).toBeNull();
    expect(levelReviewProblem({ ...base, levelReviewDecision: null })).toMatch(/^levelReviewDecision/);
    expect(levelReviewProblem({ ...base, levelReviewDecision: 'reject' })).toMatch(/^levelReviewReason: .*reject/);
  });
});

describe('四（六）: a 3010 level review opened after the 25th', () => {
  const policies = createPolicyProvider({ dir: path.join(ROOT, 'policy'), activeId: '2024', demoBaseId: '2024', today: new Date('2024-01-10T00:00:00+08:00') });
  const routeOf3010 = [
    { level: 'unit' as const, name: '某乡镇卫生院', deadline: '2024-03-26T00:00:00+08:00' },
    { level: 'county-hr' as const, divisionCode: '220106', name: '绿园区人社局', deadline: '2024-03-26T00:00:00+08:00' },
    { level: 'province-hr' as const, divisionCode: '220000', name: '吉林省人力资源和社会保障厅', deadline: null },
  ];
  const open = (now: string) =>
    createRouteNextLevel({ clock: () => new Date(now), policies }).handle({ route: routeOf3010, reviewLevelIndex: null, policyId: '2024', application: { category: 'grassroots-3010' } }, createHandlerContext());

  it('waits for the next window (1st of next month) and is due on its 25th, said in the form', async () => {
    expect(await open('2024-03-27T10:00:00+08:00')).toMatchObject({
      variables: {
        reviewDeadline: '2024-04-26T00:00:00+08:00',
        reviewWindowOpens: '2024-04-01T00:00:00+08:00',
        reviewDeadlineWarning: '审核时间为每月1-25日（四（六））：本环节自2024年4月1日起办理，2024年4月25日24时前完成',
      },
    });
  });

  it('opens at once inside a window, due on that month\'s 25th', async () => {
    expect(await open('2024-03-12T10:00:00+08:00')).toMatchObject({ variables: { reviewDeadline: '2024-03-26T00:00:00+08:00', reviewWindowOpens: null, reviewDeadlineWarning: expect.stringMatching(/^审核时间为每月1-25日/) } });
  });

  it('leaves other categories as they are', async () => {
    const other = await createRouteNextLevel({ clock: () => new Date('2024-03-27T10:00:00+08:00'), policies }).handle({ route, reviewLevelIndex: 1, policyId: '2024', application: { category: 'regular' } }, createHandlerContext());
    expect(other).toMatchObject({ variables: { reviewDeadline: '2024-04-01T00:00:00+08:00', reviewWindowOpens: null, reviewDeadlineWarning: null } });
  });
});
