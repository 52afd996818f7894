// A review step missed its deadline (SPEC 6). Usually the application is withdrawn (视为放弃).
// grassroots-3010 reviews run in monthly windows (四（六）: 每月1-25日): a review not finished by the
// 25th waits for the next month's window (the flow's timer until `<unit|review>WindowOpens`), is done
// in it and is due on its 25th, until the year's last window has closed.
import { z } from 'zod';
import { applicationSchema } from '../domain/application.js';
import { formatInstantZh } from '../domain/dates-zh.js';
import type { PolicyProvider } from '../policy/provider.js';
import { defineHandler } from '../runtime/handler.js';
import { defineRecordStep, str } from './recording.js';
import { complete } from '../runtime/outcome.js';
import { nextMonthlyDeadline, reviewWindow } from '../rules/index.js';
import { followUpDate } from '../rules/follow-up.js';

export const topic = 'move-deadline';

const DEADLINE_VARIABLES = ['unitDeadline', 'reviewDeadline'] as const;

export const input = z.object({
  application: applicationSchema,
  policyId: z.string().min(1),
  /** Which deadline the step waited for: the step's input parameter. */
  deadlineVariable: z.enum(DEADLINE_VARIABLES, { error: `must be one of ${DEADLINE_VARIABLES.join(', ')}` }),
  unitDeadline: z.string().nullish(),
  reviewDeadline: z.string().nullish(),
});

export const createMoveDeadline = (deps: { policies: PolicyProvider; clock?: () => Date }) =>
  defineHandler({
    topic,
    description: 'Moves a missed review deadline to the next monthly window (3010); otherwise the application is withdrawn',
    input,
    outputs: ['deadlineMoved', ...DEADLINE_VARIABLES, 'unitNoticeDeadline', 'unitFollowUp', 'reviewFollowUp', 'reviewDeadlineText', 'unitDeadlineText', 'unitWindowOpens', 'reviewWindowOpens', 'unitDeadlineWarning', 'reviewDeadlineWarning'],
    parameters: [
      {
        name: 'deadlineVariable',
        label: 'Deadline variable',
        description: 'The variable holding the deadline the step missed',
        choices: DEADLINE_VARIABLES,
      },
    ],
    async handle(vars) {
      const current = vars[vars.deadlineVariable];
      const next = current ? nextMonthlyDeadline(deps.policies.get(vars.policyId), vars.application.category, current) : null;
      // The follow-up date moves with the deadline (unitDeadline -> unitFollowUp).
      const followUp = vars.deadlineVariable.replace(/Deadline$/, 'FollowUp');
      // The review forms print the moved deadline as people read it (reviewDeadlineText, unitDeadlineText).
      const text = next ? { [`${vars.deadlineVariable}Text`]: formatInstantZh(next) } : {};
      if (!next) return complete({ deadlineMoved: false });
      // The unit's withdrawal timer waits for unitNoticeDeadline: it moves with the due date.
      const notice = vars.deadlineVariable === 'unitDeadline' ? { unitNoticeDeadline: next } : {};
      // The step waits for the next window to open; its form says when it runs (四（六）).
      const prefix = vars.deadlineVariable === 'unitDeadline' ? 'unit' : 'review';
      const waiting = reviewWindow(deps.policies.get(vars.policyId), vars.application.category, (deps.clock ?? (() => new Date()))(), next);
      return complete({
        deadlineMoved: true,
        [vars.deadlineVariable]: next,
        ...text,
        ...notice,
        [followUp]: followUpDate(deps.policies.calendar, next),
        [`${prefix}WindowOpens`]: waiting?.waitUntil ?? null,
        [`${prefix}DeadlineWarning`]: waiting?.note ?? null,
      });
    },
  });

/** A moved deadline, and the application's current deadline with it. */
export const recordMoveDeadline = defineRecordStep<ReturnType<typeof createMoveDeadline>>()({
  async record(input, out, { registry, applicationId, key }) {
    if (!out.deadlineMoved) return;
    const deadline = str((out as Record<string, unknown>)[input.deadlineVariable]);
    await registry.record(applicationId, { kind: 'deadline-moved', step: input.deadlineVariable, name: '3010 顺延 Deadline moved to the next window', data: { deadline } }, key('moved'), { current_deadline: deadline });
  },
});
