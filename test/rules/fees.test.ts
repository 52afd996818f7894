// The fee decision (notice 三(四)): four exemptions; everyone else pays the schedule's amount.
import { decideFee } from '../../workers/rules/index.js';
import { app, policy2024 } from './support.js';

const bound = { kind: 'institution' as const, appointmentLinked: true, competentDepartment: { name: '长春市教育局', level: 'city' as const, divisionCode: '220100' } };

describe('SPEC 7: decideFee', () => {
  it.each([
    ['事业单位专业技术二三级岗位评聘（考核）', app({ category: 'post-grade-2-3', unit: bound, qualification: { postGrade: 2 } }), 'post-grade-2-3'],
    ['评聘结合单位已评未聘人员', app({ subtype: 'appointed-unassigned', unit: bound }), 'appointed-unassigned'],
    ['乡村振兴人才', app({ category: 'rural-revitalization' }), 'rural-revitalization'],
    ['初级认定人员', app({ qualification: { level: 'junior', procedure: 'certification' } }), '初级认定'],
  ])('%s 不需缴费', (_words, application, mention) => {
    expect(decideFee(application, policy2024)).toEqual({ exempt: true, reason: expect.stringContaining(mention), amount: null, currency: 'CNY', schedule: 'example' });
  });

  it.each([
    ['junior', 'review', 120],
    ['intermediate', 'review', 180],
    ['associate-senior', 'review', 300],
    ['senior', 'review', 400],
  ] as const)('a %s %s pays the example schedule: %d', (level, procedure, amount) => {
    expect(decideFee(app({ qualification: { level, procedure } }), policy2024)).toEqual({ exempt: false, reason: null, amount, currency: 'CNY', schedule: 'example' });
  });

  it('charges the other categories and subtypes', () => {
    for (const category of ['k12-associate-and-below', 'agency-transfer', 'military-transfer', 'talent-incentive', 'dual-track', 'grassroots-3010', 'grassroots-postgrad'] as const) {
      expect([category, decideFee(app({ category }), policy2024).exempt]).toEqual([category, false]);
    }
    expect(decideFee(app({ subtype: 'grassroots-health' }), policy2024).exempt).toBe(false);
  });

  it('follows the schedule in force, not a number in the code', () => {
    const schedule = { ...policy2024.feeSchedule, id: 'jl-2011-104', note: 'official', amounts: { ...policy2024.feeSchedule.amounts, intermediate: 260 } };
    expect(decideFee(app(), { ...policy2024, feeSchedule: schedule })).toMatchObject({ amount: 260, schedule: 'jl-2011-104' });
  });
});
