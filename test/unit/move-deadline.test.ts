// A missed review deadline: withdrawal, except 3010's monthly windows, which move it to the next
// month's 25th (24:00) until the year's last window has closed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../workers/config.js';
import { createPolicyProvider } from '../../workers/policy/provider.js';
import { createMoveDeadline } from '../../workers/topics/move-deadline.js';
import { createHandlerContext } from '../support/handler-context.js';

const policies = createPolicyProvider({ dir: path.join(ROOT, 'policy'), activeId: '2024', demoBaseId: '2024', today: new Date('2024-01-10T00:00:00+08:00') });
const fixture = JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures/application-regular.json'), 'utf8'));
// The timer fires at 24:00 of the 25th, when the month's window has closed.
let now = new Date('2024-03-26T00:00:00+08:00');
const handler = createMoveDeadline({ policies, clock: () => now });
const move = (category: string, vars: Record<string, unknown>) =>
  handler.handle(handler.input.parse({ application: { ...fixture, category }, policyId: '2024', ...vars }), createHandlerContext());

describe('move-deadline', () => {
  it('moves a 3010 review that missed the 25th to the next month and keeps the other deadline', async () => {
    expect(await move('grassroots-3010', { deadlineVariable: 'reviewDeadline', reviewDeadline: '2024-03-26T00:00:00+08:00', unitDeadline: '2024-03-26T00:00:00+08:00' })).toEqual({
      kind: 'complete',
      // SPEC 6: the level-review form reads the moved deadline as 2024年4月25日24时.
      variables: {
        deadlineMoved: true,
        reviewDeadline: '2024-04-26T00:00:00+08:00',
        reviewDeadlineText: '2024年4月25日24时',
        reviewFollowUp: '2024-04-23T00:00:00+08:00',
        // 四（六）: reviews happen on days 1 to 25 only: the step waits for 4月1日 and its form says so.
        reviewWindowOpens: '2024-04-01T00:00:00+08:00',
        reviewDeadlineWarning: '审核时间为每月1-25日（四（六））：本环节自2024年4月1日起办理，2024年4月25日24时前完成',
      },
    });
    now = new Date('2024-01-26T00:00:00+08:00');
    expect(await move('grassroots-3010', { deadlineVariable: 'unitDeadline', unitDeadline: '2024-01-26T00:00:00+08:00' })).toEqual({
      kind: 'complete',
      variables: {
        deadlineMoved: true,
        unitDeadline: '2024-02-26T00:00:00+08:00',
        unitDeadlineText: '2024年2月25日24时',
        unitNoticeDeadline: '2024-02-26T00:00:00+08:00',
        unitFollowUp: '2024-02-21T00:00:00+08:00',
        unitWindowOpens: '2024-02-01T00:00:00+08:00',
        unitDeadlineWarning: '审核时间为每月1-25日（四（六））：本环节自2024年2月1日起办理，2024年2月25日24时前完成',
      },
    });
  });

  it('carries nothing past the last window of the year', async () => {
    expect(await move('grassroots-3010', { deadlineVariable: 'unitDeadline', unitDeadline: '2024-12-26T00:00:00+08:00' })).toEqual({ kind: 'complete', variables: { deadlineMoved: false } });
  });

  it('withdraws every other category at its deadline', async () => {
    expect(await move('regular', { deadlineVariable: 'unitDeadline', unitDeadline: '2024-02-09T00:00:00+08:00' })).toEqual({ kind: 'complete', variables: { deadlineMoved: false } });
  });

  it('refuses a step that names no deadline variable it knows', () => {
    expect(handler.input.safeParse({ application: fixture, policyId: '2024', deadlineVariable: 'paymentDeadline' }).success).toBe(false);
  });
});
