// Office groups come from the policy (notice 五（三）绑定规则: competent departments review and submit),
// so the group a route names is one that identity provisioning creates and people are put in.
import path from 'node:path';
import { ROOT } from '../../workers/config.js';
import { officeGroups } from '../../workers/adapters/camunda7/identity.js';
import { computeRoute } from '../../workers/rules/index.js';
import { routeOfficeGroup as officeGroup } from '../../workers/domain/offices.js';
import { app } from '../rules/support.js';
import { loadPolicy } from '../../workers/policy/load.js';

const policy = loadPolicy('2024', path.join(ROOT, 'policy'));
const groups = officeGroups(policy);
const ids = new Set(groups.map((g) => g.id));

describe('office groups from the policy', () => {
  it('由主管部门进行审核提交: every registered competent department has its group, named after it', () => {
    for (const d of policy.competentDepartments.entries) expect(groups).toContainEqual({ id: d.group, name: d.name });
  });

  it('由主管部门进行审核提交: the group the route gives a bound institution\'s department is a provisioned one', () => {
    const a = app({ unit: { kind: 'institution', appointmentLinked: true, registrationAuthority: null, competentDepartment: { name: '长春市卫健委', level: 'city', divisionCode: '220100' } } });
    const r = computeRoute(a, policy);
    if (!r.ok) throw new Error(JSON.stringify(r.reasons));
    expect(officeGroup(r.route[1]!)).toBe('dept-220100-health');
    for (const step of r.route.slice(1)) expect([step.level, ids.has(officeGroup(step))]).toEqual([step.level, true]);
  });

  it('由同级人社部门进行审核提交: HR offices are named by the policy\'s office names, groups are unique', () => {
    expect(groups).toContainEqual({ id: 'hr-220106', name: '绿园区人力资源和社会保障局' });
    expect(groups).toContainEqual({ id: 'hr-220000', name: '吉林省人力资源和社会保障厅' });
    expect(ids.size).toBe(groups.length);
  });
});
