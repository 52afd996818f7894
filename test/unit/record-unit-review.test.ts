import { unitReviewProblem } from '../../workers/topics/record-unit-review.js';

const base = {
  unitReviewDecision: 'approve',
  panelMembers: [{ name: '王一' }, { name: '李二' }, { name: '赵三' }],
  supervisor: '纪检 周四',
  unitReviewReason: null,
};

describe('SPEC 2.3: unit review record', () => {
  it('accepts a panel of three with a supervisor', () => expect(unitReviewProblem(base)).toBeNull());

  it('refuses fewer than three members, counting blanks and duplicates out', () => {
    expect(unitReviewProblem({ ...base, panelMembers: [{ name: '王一' }, { name: '李二' }] })).toMatch(/panelMembers: .*at least 3.*got 2/);
    expect(unitReviewProblem({ ...base, panelMembers: [{ name: '王一' }, { name: '王一' }, { name: ' ' }] })).toMatch(/got 1/);
    expect(unitReviewProblem({ ...base, panelMembers: null })).toMatch(/got 0/);
  });

  it('requires a supervisor who is not on the panel', () => {
    expect(unitReviewProblem({ ...base, supervisor: '' })).toMatch(/^supervisor: .*required/);
    expect(unitReviewProblem({ ...base, supervisor: '王一' })).toMatch(/supervisor: .*cannot also sit/);
  });

  it('requires a decision, and a reason to return or reject', () => {
    expect(unitReviewProblem({ ...base, unitReviewDecision: 'maybe' })).toMatch(/unitReviewDecision/);
    expect(unitReviewProblem({ ...base, unitReviewDecision: 'return' })).toMatch(/unitReviewReason: .*return/);
    expect(unitReviewProblem({ ...base, unitReviewDecision: 'reject', unitReviewReason: '材料不实' })).toBeNull();
  });

  it('lists every problem at once', () => {
    expect(unitReviewProblem({ unitReviewDecision: null, panelMembers: [], supervisor: null, unitReviewReason: null })?.split('; ')).toHaveLength(3);
  });
});
