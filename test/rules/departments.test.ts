// Competent departments (notice 五（三）绑定规则: 全省评聘结合事业单位均须绑定主管部门，由主管部门进行审核提交):
// one registry in the policy, typed names and their spellings resolve to it, unknown names are refused.
import { checkEligibility, computeRoute, findDepartment, resolveCompetentDepartment } from '../../workers/rules/index.js';
import { app, at, policy2024, rulesOf } from './support.js';
import { parsePolicy } from '../../workers/policy/load.js';

type Level = 'province' | 'city' | 'county';
const bound = (name: string, level: Level, divisionCode: string) =>
  app({ unit: { kind: 'institution', appointmentLinked: true, registrationAuthority: null, competentDepartment: { name, level, divisionCode } } });

describe('绑定规则 由主管部门进行审核提交: the registry of competent departments', () => {
  it.each([
    ['吉林省卫生健康委员会', '220000-health'],
    ['省卫健委'.replace('省', '吉林省'), '220000-health'],
    ['吉林省卫生和计划生育委员会', '220000-health'],
    ['省教育厅', '220000-education'],
    ['吉林省 教育厅', '220000-education'],
    ['绿园区教育局', '220106-education'],
    ['长春市卫健委', '220100-health'],
  ])('由主管部门进行审核提交: "%s" resolves to %s', (name, code) => {
    expect(findDepartment(name, policy2024)?.code).toBe(code);
  });

  it('由主管部门进行审核提交: the route names the registered department and its Tasklist group, whatever spelling was typed', () => {
    const r = computeRoute(bound('吉林省卫生计生委', 'province', '220000'), policy2024);
    expect(r.ok && r.route[1]).toEqual({ level: 'competent-department', name: '吉林省卫生健康委员会', divisionCode: '220000', group: 'dept-220000-health', deadline: '2024-02-09T00:00:00+08:00' });
  });

  it('须绑定主管部门: an unknown department is refused on unit.competentDepartment.name, listing the registered ones of its division', () => {
    const r = checkEligibility(bound('长春市某某局', 'city', '220100'), policy2024, at('2024-01-15T10:00:00'));
    expect(r.reasons).toEqual([
      { rule: 'route.unknown-competent-department', field: 'unit.competentDepartment.name', message: expect.stringMatching(/"长春市某某局" is not a registered competent department.*长春市教育局/) },
    ]);
  });

  it('须绑定主管部门: a registered department given with another division or level is refused on that field', () => {
    expect(rulesOf(resolveCompetentDepartment({ name: '长春市教育局', level: 'city', divisionCode: '220200' }, policy2024))).toEqual([
      'route.competent-department-division@unit.competentDepartment.divisionCode',
    ]);
    expect(rulesOf(resolveCompetentDepartment({ name: '长春市教育局', level: 'county', divisionCode: '220100' }, policy2024))).toEqual(['route.department-level@unit.competentDepartment.level']);
  });

  it('主管部门 (registry): a department whose division is at another level, or a spelling shared by two, does not load', () => {
    const entries = policy2024.competentDepartments.entries;
    const wrongLevel = [...entries, { code: '220100-water', name: '长春市水务局', aliases: [], divisionCode: '220100', level: 'county', group: 'dept-220100-water' }];
    expect(() => parsePolicy({ ...policy2024, competentDepartments: { ...policy2024.competentDepartments, entries: wrongLevel } }, 'policy/x.json')).toThrow(
      /competentDepartments\.entries\.15\.level: division 220100 \(长春市\) is at city level, not county/,
    );
    const shared = [...entries, { code: '220100-edu2', name: '长春市教育委员会', aliases: ['长春市教育局'], divisionCode: '220100', level: 'city', group: 'dept-220100-edu2' }];
    expect(() => parsePolicy({ ...policy2024, competentDepartments: { ...policy2024.competentDepartments, entries: shared } }, 'policy/x.json')).toThrow(/"长春市教育局" also names 220100-education/);
    const twinGroup = [...entries, { ...entries[0]!, code: '220000-other', name: '吉林省其他厅', aliases: [] }];
    expect(() => parsePolicy({ ...policy2024, competentDepartments: { ...policy2024.competentDepartments, entries: twinGroup } }, 'policy/x.json')).toThrow(/duplicate group dept-220000-education/);
  });

  it('主管部门 (registry): the shipped list says it is an example subset', () => {
    expect(policy2024.competentDepartments.note).toMatch(/EXAMPLE/);
    expect(policy2024.provenance.competentDepartments).toMatchObject({ source: 'example' });
  });
});
