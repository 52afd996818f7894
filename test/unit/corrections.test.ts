// 退回补正 (SPEC 2: every review step can return the application naming what to fix, and the step's
// deadline still applies; the notice 五（一）: 逾期视为放弃): what a return names and what a correction may change.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { applicationSchema } from '../../workers/domain/application.js';
import { applyCorrection, changedFields, CORRECTABLE_FIELDS, valueAt } from '../../workers/domain/corrections.js';
import { levelReviewProblem } from '../../workers/topics/record-level-review.js';
import { returnProblem, unitReviewProblem } from '../../workers/topics/record-unit-review.js';
import { loadPolicy } from '../../workers/policy/load.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const regular = JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures/application-regular.json'), 'utf8'));
const parse = (value: unknown) => applicationSchema.parse(value);
const kinds = loadPolicy('2024', path.join(ROOT, 'policy')).materials.kinds;

describe('退回补正 (SPEC 2; notice 五（一） 逾期视为放弃): the fields a return names', () => {
  it('the unit and level review forms offer exactly the correctable fields of domain/corrections.ts', () => {
    for (const file of ['unit-review.form', 'level-review.form']) {
      const form = JSON.parse(readFileSync(path.join(ROOT, 'forms', file), 'utf8')) as { components: Array<{ key?: string; values?: Array<{ value: string; label: string }> }> };
      const checklist = form.components.find((c) => c.key === 'returnFields');
      expect(checklist?.values).toEqual(Object.entries(CORRECTABLE_FIELDS).map(([value, label]) => ({ label, value })));
    }
  });

  it('every correctable field is a path of the application schema', () => {
    const app = parse(regular);
    for (const field of Object.keys(CORRECTABLE_FIELDS)) {
      const [head, ...rest] = field.split('.');
      const shape = (applicationSchema.shape as Record<string, { shape?: Record<string, unknown> }>)[head!];
      expect(shape).toBeDefined();
      if (rest.length) expect(Object.keys(shape!.shape ?? {})).toContain(rest[0]);
    }
    expect(valueAt(app, 'applicant.name')).toBe(app.applicant.name);
    expect(valueAt(app, 'applicant.nothing.deeper')).toBeUndefined();
  });

  it('a return needs at least one field, each one an applicant can correct', () => {
    expect(returnProblem({ returnFields: null }, kinds)).toMatch(/^returnFields: name at least one field/);
    expect(returnProblem({ returnFields: [] }, kinds)).toMatch(/^returnFields: name at least one field/);
    expect(returnProblem({ returnFields: ['applicant.idNumber', 'category'] }, kinds)).toBe('returnFields: "applicant.idNumber", "category" is not a field an applicant can correct');
    expect(returnProblem({ returnFields: ['applicant.education'] }, kinds)).toBeNull();
  });

  it('三（一）电子材料: a return may name material kinds to replace or add instead of or besides fields, each a kind of the policy', () => {
    expect(returnProblem({ returnMaterials: ['education'] }, kinds)).toBeNull();
    expect(returnProblem({ returnFields: ['applicant.education'], returnMaterials: ['education', 'achievements'] }, kinds)).toBeNull();
    expect(returnProblem({ returnMaterials: ['diploma-photo', 7] }, kinds)).toMatch(/^returnMaterials: "diploma-photo", 7 is not a kind of material of the application's policy \(education, /);
  });

  it('the unit and level review forms offer exactly the material kinds of the policy, with their labels', () => {
    for (const file of ['unit-review.form', 'level-review.form']) {
      const form = JSON.parse(readFileSync(path.join(ROOT, 'forms', file), 'utf8')) as { components: Array<{ key?: string; values?: Array<{ value: string; label: string }> }> };
      const checklist = form.components.find((c) => c.key === 'returnMaterials');
      expect(checklist?.values).toEqual(Object.entries(kinds).map(([value, k]) => ({ label: k.label, value })));
    }
  });

  it('the unit and the levels cannot return without naming what to correct', () => {
    const unit = { unitReviewDecision: 'return', panelMembers: ['王一', '李二', '赵三'], supervisor: '周四', unitReviewReason: '学历证书不清晰' };
    expect(unitReviewProblem(unit)).toMatch(/returnFields: name at least one field/);
    expect(unitReviewProblem({ ...unit, returnFields: ['applicant.education'] })).toBeNull();
    // Fields named with another decision are ignored: approving needs none.
    expect(unitReviewProblem({ ...unit, unitReviewDecision: 'approve', returnFields: ['nonsense'] })).toBeNull();
    const level = { levelReviewDecision: 'return', levelReviewReason: '职称证书复印件不清晰', reviewLevel: 'county-hr', reviewOffice: '朝阳区人社局' };
    expect(levelReviewProblem(level)).toMatch(/returnFields/);
    expect(levelReviewProblem({ ...level, returnFields: ['applicant.currentTitle'] })).toBeNull();
  });
});

describe('退回补正 (SPEC 2; notice 五（一） 逾期视为放弃): what a correction changes', () => {
  it('merges objects key by key and replaces texts and lists', () => {
    const before = parse(regular);
    const after = applyCorrection(before, { applicant: { phone: '13900000000', workHistory: [] } }) as typeof before;
    expect(after.applicant.phone).toBe('13900000000');
    expect(after.applicant.workHistory).toEqual([]);
    expect(after.applicant.name).toBe(before.applicant.name);
    expect(after.unit).toEqual(before.unit);
  });

  it('names each correctable field that changed, and any other field by its path', () => {
    const before = parse(regular);
    const after = parse(applyCorrection(before, { applicant: { phone: '13900000000', education: { level: '大学本科', degree: '工学学士', school: '吉林大学', major: '土木工程', graduatedOn: '2010-07-01' } }, category: 'dual-track' }));
    expect(changedFields(before, after)).toEqual(['applicant.education', 'applicant.phone', 'category']);
    expect(changedFields(before, parse(applyCorrection(before, {})))).toEqual([]);
    // The same value again is no change, whatever the key order.
    expect(changedFields(before, parse(JSON.parse(JSON.stringify(before))))).toEqual([]);
  });
});
