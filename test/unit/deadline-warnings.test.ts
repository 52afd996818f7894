// Deadlines that fit together (三（二）, 四（二）): the unit's review is due early enough for its
// publicity to end inside the unit's part of the timetable, and a deadline that cannot be met when
// its step opens is said on the task and in the status.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../workers/config.js';
import { createPolicyProvider } from '../../workers/policies.js';
import { unitTimetable } from '../../workers/rules/deadlines.js';
import { createCheckEligibility } from '../../workers/topics/check-eligibility.js';
import { createRouteNextLevel } from '../../workers/topics/route-next-level.js';
import { app, policy2024 } from '../rules/support.js';
import { createHandlerContext } from '../support/handler-context.js';

const policies = createPolicyProvider({ dir: path.join(ROOT, 'policy'), activeId: '2024', demoBaseId: '2024', today: new Date('2024-01-01T00:00:00+08:00') });
const institution = app({ unit: { kind: 'institution', appointmentLinked: true, registrationAuthority: null, competentDepartment: { name: '长春市绿园区教育局', level: 'county', divisionCode: '220106' } }, submittedAt: '2024-01-31T20:00:00+08:00' });

describe('check-eligibility: the unit review\'s deadline leaves room for the unit publicity (三（二）, 四（二）)', () => {
  const handle = (now: string) =>
    createCheckEligibility({ policies, clock: () => new Date(now) }).handle({ application: institution, policyId: '2024', submittedAt: institution.submittedAt! }, createHandlerContext());

  it('sets unitDeadline (the review task\'s due date and timer) before the notice\'s 2月8日, and keeps the notice\'s deadline beside it', async () => {
    expect(await handle('2024-01-31T20:00:00+08:00')).toMatchObject({
      kind: 'complete',
      variables: { eligible: true, unitDeadline: '2024-02-03T00:00:00+08:00', unitNoticeDeadline: '2024-02-09T00:00:00+08:00', unitPublicityEndsBy: '2024-02-08T00:00:00+08:00', unitDeadlineWarning: null },
    });
  });

  it('a unit step opening after that day keeps 2月8日 and says the publicity cannot end in time', async () => {
    const late = await handle('2024-02-05T10:00:00+08:00');
    expect(late).toMatchObject({ variables: { unitDeadline: '2024-02-09T00:00:00+08:00', unitDeadlineWarning: expect.stringMatching(/^单位公示（5个工作日）已无法在2024-02-07前结束/) } });
  });
});

describe('a year without the official holiday schedule', () => {
  it('keeps the notice\'s unit deadline and says which schedule is missing; working days are never guessed', () => {
    const route = [{ deadline: '2099-02-09T00:00:00+08:00' }, { deadline: '2099-02-09T00:00:00+08:00' }];
    expect(unitTimetable(policy2024, 'regular', route, new Date('2099-01-31T12:00:00+08:00'))).toEqual({
      reviewDeadline: '2099-02-09T00:00:00+08:00',
      publicityEndsBy: '2099-02-09T00:00:00+08:00',
      unitDeadline: '2099-02-09T00:00:00+08:00',
      warning: expect.stringMatching(/^缺少2099年法定节假日安排.*policy\/calendar\/2099\.json/),
    });
  });
});

describe('route-next-level: a level\'s deadline that has passed when its step opens', () => {
  const route = [
    { level: 'unit' as const, name: '某学校', deadline: '2024-02-09T00:00:00+08:00' },
    { level: 'competent-department' as const, name: '长春市绿园区教育局', divisionCode: '220106', deadline: '2024-02-09T00:00:00+08:00' },
    { level: 'province-hr' as const, divisionCode: '220000', name: '吉林省人力资源和社会保障厅', deadline: null },
  ];
  const next = (now: string) => createRouteNextLevel({ clock: () => new Date(now) }).handle({ route, reviewLevelIndex: null }, createHandlerContext());

  it('is said on the task (reviewDeadlineWarning) when the step opens at or after it', async () => {
    expect(await next('2024-02-08T10:00:00+08:00')).toMatchObject({ variables: { reviewDeadline: '2024-02-09T00:00:00+08:00', reviewDeadlineWarning: null } });
    expect(await next('2024-02-09T00:00:00+08:00')).toMatchObject({ variables: { reviewDeadlineWarning: '审核截止时间（2024年2月8日24时）在本环节开始前已过 · the deadline (2024年2月8日24时) passed before this step opened' } });
  });

  it('SPEC 6: the level-review form reads the deadline as 2024年2月8日24时 (reviewDeadlineText); the machine field stays an instant', async () => {
    expect(await next('2024-02-08T10:00:00+08:00')).toMatchObject({ variables: { reviewDeadline: '2024-02-09T00:00:00+08:00', reviewDeadlineText: '2024年2月8日24时' } });
    const form = JSON.parse(readFileSync(path.join(ROOT, 'forms/level-review.form'), 'utf8')) as { components: Array<{ text?: string }> };
    const text = form.components.map((c) => c.text ?? '').join('\n');
    expect(text).toContain('{{reviewDeadlineText}}');
    expect(text).not.toContain('{{reviewDeadline}}');
  });
});
