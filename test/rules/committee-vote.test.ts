// 初级认定 (notice 三（四）: 初级认定人员) is recognition, not review: it goes without a committee vote.
import { needsCommitteeVote } from '../../workers/rules/index.js';
import { app, policy2024 } from './support.js';
import { parsePolicy } from '../../workers/policy/load.js';

describe('初级认定人员: no committee vote', () => {
  it('初级认定人员: a junior certification needs no vote, and says why', () => {
    expect(needsCommitteeVote(app({ qualification: { level: 'junior', procedure: 'certification' } }), policy2024)).toEqual({ needed: false, reason: expect.stringContaining('初级认定') });
  });

  it.each([
    ['junior', 'review'],
    ['intermediate', 'certification'],
    ['intermediate', 'review'],
    ['senior', 'review'],
  ] as const)('组织评审 评委会办事机构按照评审权限组织评审: a %s %s is voted on', (level, procedure) => {
    expect(needsCommitteeVote(app({ qualification: { level, procedure } }), policy2024)).toEqual({ needed: true, reason: null });
  });

  it('组织评审: what goes without a vote is policy data (withoutVote)', () => {
    const p = parsePolicy({ ...policy2024, withoutVote: [] }, 'test');
    expect(needsCommitteeVote(app({ qualification: { level: 'junior', procedure: 'certification' } }), p).needed).toBe(true);
  });
});
