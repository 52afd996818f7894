// Settings the notice does not state are marked with where they come from (notice 三（四）).
import { parsePolicy } from '../../workers/rules/index.js';
import { policy2024 } from './support.js';

describe('provenance of the policy\'s settings', () => {
  it('其他申报人员缴费方式另行通知: the 15-day payment window is marked as this product\'s default', () => {
    expect(policy2024.paymentDays).toBe(15);
    expect(policy2024.provenance.paymentDays).toMatchObject({ source: 'product', clause: '三（四）缴费', note: expect.stringContaining('另行通知') });
  });

  it('provenance names only settings the policy has', () => {
    expect(() => parsePolicy({ ...policy2024, provenance: { ...policy2024.provenance, 'categories.regular.nothing': { source: 'product', note: 'x' } } }, 'policy/x.json')).toThrow(
      /provenance\.categories\.regular\.nothing: names no setting of this policy/,
    );
  });
});
