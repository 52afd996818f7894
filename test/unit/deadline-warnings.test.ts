// Deadlines that fit together (三（二）, 四（二）): the unit's review is due early enough for its
// publicity to end inside the unit's part of the timetable, and a deadline that cannot be met when
// its step opens is said on the task and in the status.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../workers/config.js';
import { createPolicyProvider } from '../../workers/policy/provider.js';
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

  it('四（二） sets unitDeadline (the review task\'s due date) before the notice\'s 2月8日, and the notice\'s deadline beside it (the only withdrawal date)', async () => {
    expect(await handle('2024-01-31T20:00:00+08:00')).toMatchObject({
      kind: 'complete',
      variables: { eligible: true, unitDeadline: '2024-02-03T00:00:00+08:00', unitDeadlineText: '2024年2月2日24时', unitNoticeDeadline: '2024-02-09T00:00:00+08:00', unitPublicityEndsBy: '2024-02-08T00:00:00+08:00', unitDeadlineWarning: null, unitDeadlineProvisional: null },
    });
  });

  it('a unit step opening after that day keeps 2月8日 and says the publicity cannot end in time', async () => {
    const late = await handle('2024-02-05T10:00:00+08:00');
    expect(late).toMatchObject({ variables: { unitDeadline: '2024-02-09T00:00:00+08:00', unitDeadlineWarning: expect.stringMatching(/^单位公示（5个工作日）已无法在2024年2月7日24时前结束/) } });
  });
});

describe('SPEC 6, 四（二）: the unit-review form shows its due date as people read it', () => {
  it('四（二） the unit-review form reads the due date as 2024年2月2日24时 (unitDeadlineText) beside its warning; unitDeadline stays an instant', async () => {
    const out = await createCheckEligibility({ policies, clock: () => new Date('2024-01-31T20:00:00+08:00') }).handle({ application: institution, policyId: '2024', submittedAt: institution.submittedAt! }, createHandlerContext());
    expect(out).toMatchObject({ variables: { unitDeadline: '2024-02-03T00:00:00+08:00', unitDeadlineText: '2024年2月2日24时' } });
    const form = JSON.parse(readFileSync(path.join(ROOT, 'forms/unit-review.form'), 'utf8')) as { components: Array<{ text?: string }> };
    const text = form.components.map((c) => c.text ?? '').join('\n');
    expect(text).toContain('{{unitDeadlineText}}');
    expect(text).not.toContain('{{unitDeadline}}');
    // The diagram passes it to the unit's review (a called subprocess) with the warning.
    expect(readFileSync(path.join(ROOT, 'bpmn/application-review.bpmn'), 'utf8')).toContain('<camunda:in source="unitDeadlineText" target="unitDeadlineText" />');
  });

  it('SPEC 6: in a year without the official schedule the form shows the due date and says it is provisional', async () => {
    const year = policies.calendar.officialYears().at(-1)! + 1;
    const demo = createPolicyProvider({ dir: path.join(ROOT, 'policy'), activeId: 'demo', demoBaseId: '2024', today: new Date(`${year}-01-02T09:00:00+08:00`) });
    const applied = app({ ...institution, submittedAt: `${year}-01-02T09:00:00+08:00` });
    const out = (await createCheckEligibility({ policies: demo, clock: () => new Date(`${year}-01-02T09:00:00+08:00`) }).handle({ application: applied, policyId: 'demo', submittedAt: applied.submittedAt! }, createHandlerContext())) as { variables: Record<string, string> };
    expect(out.variables.unitDeadlineText).toMatch(new RegExp(`^${year}年\\d{1,2}月\\d{1,2}日24时$`));
    expect(out.variables.unitDeadlineProvisional).toBe(`${year}年的放假安排尚未公布，按法定节假日暂定`);
  });
});

describe('a year without the official holiday schedule (SPEC 6)', () => {
  it('counts the due date on the statutory holidays, says it is provisional in plain Chinese, and names no file', () => {
    const route = [{ deadline: '2099-02-09T00:00:00+08:00' }, { deadline: '2099-02-09T00:00:00+08:00' }];
    const t = unitTimetable(policy2024, 'regular', route, new Date('2099-01-05T12:00:00+08:00'), policies.calendar)!;
    expect(t.unitDeadline).toBe('2099-02-09T00:00:00+08:00');
    expect(Date.parse(t.reviewDeadline)).toBeLessThan(Date.parse(t.unitDeadline));
    expect(t.provisional).toBe('2099年的放假安排尚未公布，按法定节假日暂定');
    expect(JSON.stringify(t)).not.toMatch(/policy\/calendar|\.json/);
  });

  it('puts the note on the task (unitDeadlineWarning, unitDeadlineProvisional)', async () => {
    const year = policies.calendar.officialYears().at(-1)! + 1;
    const demo = createPolicyProvider({ dir: path.join(ROOT, 'policy'), activeId: 'demo', demoBaseId: '2024', today: new Date(`${year}-01-02T09:00:00+08:00`) });
    const applied = app({ ...institution, submittedAt: `${year}-01-02T09:00:00+08:00` });
    const out = await createCheckEligibility({ policies: demo, clock: () => new Date(`${year}-01-02T09:00:00+08:00`) }).handle({ application: applied, policyId: 'demo', submittedAt: applied.submittedAt! }, createHandlerContext());
    expect(out).toMatchObject({ variables: { unitDeadlineProvisional: `${year}年的放假安排尚未公布，按法定节假日暂定`, unitDeadlineWarning: `截止时间为暂定：${year}年的放假安排尚未公布，按法定节假日暂定` } });
  });
});

describe('route-next-level: a level\'s deadline that has passed when its step opens', () => {
  const route = [
    { level: 'unit' as const, name: '某学校', deadline: '2024-02-09T00:00:00+08:00' },
    { level: 'competent-department' as const, name: '长春市绿园区教育局', divisionCode: '220106', deadline: '2024-02-09T00:00:00+08:00' },
    { level: 'province-hr' as const, divisionCode: '220000', name: '吉林省人力资源和社会保障厅', deadline: null },
  ];
  const next = (now: string) => createRouteNextLevel({ clock: () => new Date(now), policies }).handle({ route, reviewLevelIndex: null }, createHandlerContext());

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
