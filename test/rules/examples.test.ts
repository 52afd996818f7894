// The example data of a policy, named as production acknowledges it (POLICY_EXAMPLES_ACKNOWLEDGED):
// the notice gives no fee amounts (五（四） refers to 吉省价收〔2011〕104号), no committees (三（三）), no
// committee offices or their objection contacts (三（六）), no competent departments (五（三）), and
// asks no document of a fee exemption (三（四）).
import { policyExamples, unacknowledgedExamples } from '../../workers/policy/examples.js';
import { parsePolicy } from '../../workers/policy/load.js';
import { policy2024 } from './support.js';

describe('the example data of a policy', () => {
  it('五（四）, 三（三）, 三（六）, 五（三）: the 2024 policy holds example fees, committees, committee offices and competent departments', () => {
    const examples = policyExamples(policy2024);
    expect(examples.map((e) => e.name)).toEqual(['fees', 'committees', 'committee-offices', 'competent-departments']);
    expect(examples.find((e) => e.name === 'fees')!.paths).toEqual(['feeSchedule']);
    expect(examples.find((e) => e.name === 'committee-offices')!.paths).toEqual(policy2024.committees.map((_c, i) => `committees.${i}.office`));
    expect(examples.find((e) => e.name === 'competent-departments')!.paths).toEqual(['competentDepartments']);
  });

  it('三（四）: the 2024 policy asks no proof of 乡村振兴人才, so holds no example proof; an example proof added is one', () => {
    expect(policyExamples(policy2024).some((e) => e.name === 'proofs')).toBe(false);
    const categories = structuredClone(policy2024.categories);
    categories['rural-revitalization'].proofs = [{ kind: 'rural-talent', name: '乡村振兴人才证明材料', example: true }];
    categories.regular.subtypes['appointed-unassigned']!.requires.proofs = [{ kind: 'appointment-record', name: '聘任记录', example: true }];
    const withProofs = parsePolicy({ ...policy2024, categories }, 'test');
    expect(policyExamples(withProofs).find((e) => e.name === 'proofs')!.paths).toEqual(['categories.regular.subtypes.appointed-unassigned.requires.proofs.0', 'categories.rural-revitalization.proofs.0']);
  });

  it('an example the product has no name for is named by its provenance key', () => {
    const p = parsePolicy({ ...policy2024, provenance: { ...policy2024.provenance, 'publicity.unitWorkingDays': { source: 'example', note: 'an example length' } } }, 'test');
    expect(policyExamples(p).at(-1)).toEqual({ name: 'publicity.unitWorkingDays', paths: ['publicity.unitWorkingDays'] });
    expect(unacknowledgedExamples(p, ['fees', 'committees', 'committee-offices', 'competent-departments', 'publicity.unitWorkingDays'], 'X')).toEqual([]);
  });

  it('names each unacknowledged example and the setting; a name that is no example is named too', () => {
    expect(unacknowledgedExamples(policy2024, ['fees', 'committees', 'committee-offices', 'competent-departments'], 'POLICY_EXAMPLES_ACKNOWLEDGED')).toEqual([]);
    expect(unacknowledgedExamples(policy2024, ['fees', 'committes'], 'POLICY_EXAMPLES_ACKNOWLEDGED')).toEqual([
      expect.stringMatching(/^POLICY_EXAMPLES_ACKNOWLEDGED: "committes" names no example data/),
      expect.stringMatching(/^POLICY_EXAMPLES_ACKNOWLEDGED: policy 2024 holds example data "committees" \(committees, committees\.0, committees\.1 and \d+ more\): .*adding "committees" to POLICY_EXAMPLES_ACKNOWLEDGED$/),
      expect.stringContaining('"committee-offices"'),
      expect.stringContaining('"competent-departments"'),
    ]);
  });
});
