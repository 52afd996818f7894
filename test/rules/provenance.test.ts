// Settings the notice does not state are marked with where they come from, and the product's
// readings of a clause can be switched off (notice 四（六）, 三（四）, 四).
import { nextMonthlyDeadline, packageCalendar, verificationDeadline } from '../../workers/rules/index.js';
import { policy2024 } from './support.js';
import { parsePolicy } from '../../workers/policy/load.js';

describe('provenance of the policy\'s settings', () => {
  it('三（四）其他申报人员缴费方式另行通知: the notice sets no payment deadline, so the policy has none (null), and says why', () => {
    expect(policy2024.paymentDays).toBeNull();
    expect(policy2024.provenance.paymentDays).toMatchObject({ source: 'notice', clause: '三（四）缴费', note: expect.stringContaining('另行通知') });
  });

  it('provenance names only settings the policy has', () => {
    expect(() => parsePolicy({ ...policy2024, provenance: { ...policy2024.provenance, 'categories.regular.nothing': { source: 'product', note: 'x' } } }, 'policy/x.json')).toThrow(
      /provenance\.categories\.regular\.nothing: names no setting of this policy/,
    );
  });
});

describe('县（乡）基层“3010”申报审核时间为每月1-25日: carrying a review over to the next month', () => {
  it('每月1-25日: with carryOver, a review that missed the 25th is due on the next 25th', () => {
    expect(policy2024.provenance['categories.grassroots-3010.window.carryOver']).toMatchObject({ source: 'notice', clause: '四（六）' });
    expect(nextMonthlyDeadline(policy2024, 'grassroots-3010', '2024-05-26T00:00:00+08:00')).toBe('2024-06-26T00:00:00+08:00');
  });

  it('逾期未申报或未提交的视为放弃: without carryOver, a missed 25th is a missed deadline (withdrawn)', () => {
    const categories = structuredClone(policy2024.categories);
    const w = categories['grassroots-3010'].window;
    if (w.kind === 'monthly') w.carryOver = false;
    const p = parsePolicy({ ...policy2024, categories }, 'test');
    expect(nextMonthlyDeadline(p, 'grassroots-3010', '2024-05-26T00:00:00+08:00')).toBeNull();
  });
});

describe('时间安排 (四): the provincial verification of documents', () => {
  it('四: the notice gives the provincial level no deadline, so the verification has none by default', () => {
    expect(verificationDeadline(policy2024, '2024-03-04', packageCalendar)).toBeNull();
    expect(policy2024.provenance['documentVerification.workingDays']).toMatchObject({ source: 'product' });
  });

  it('四: an operator may set working days; the deadline is then the end of the last one', () => {
    const p = parsePolicy({ ...policy2024, documentVerification: { workingDays: 5 } }, 'test');
    // 2024-02-08 plus 5 working days: 2/8, 2/9, 2/18, 2/19, 2/20.
    expect(verificationDeadline(p, '2024-02-08', packageCalendar)).toBe('2024-02-21T00:00:00+08:00');
  });
});
