// Moves an application one level up its route (SPEC 2.4, 逐级报送): from the level after the unit
// (or federation) to the last level below the provincial HR department, which takes the
// application into committee intake. Sets what the level-review task needs.
import { z } from 'zod';
import { formatInstantZh } from '../domain/dates-zh.js';
import { ROUTE_LEVEL_OFFICES } from '../domain/application.js';
import { routeOfficeGroup } from '../domain/offices.js';
import { reviewRecordSchema, reviewRecordText as reviewRecordTextOf } from '../domain/review-record.js';
import { defineHandler } from '../runtime/handler.js';
import { stepName, waitingStep } from '../domain/steps.js';
import { defineRecordStep } from './recording.js';
import { complete, type Outcome } from '../runtime/outcome.js';
import { followUpDate } from '../rules/follow-up.js';
import type { WorkingDayCalendar } from '../rules/calendar.js';
import { reviewWindow } from '../rules/deadlines.js';
import type { Policy } from '../rules/policy.js';
import type { CategoryId } from '../domain/application.js';

export const topic = 'route-next-level';

const step = z.object({
  level: z.enum(['unit', 'federation', 'competent-department', 'county-hr', 'city-hr', 'province-hr']),
  name: z.string(),
  divisionCode: z.string().optional(),
  /** The office's group where the route names it (competent departments of the policy's registry). */
  group: z.string().optional(),
  deadline: z.string().nullable(),
});

export const input = z.object({
  route: z.array(step).min(2),
  /** Whose review windows apply (四（六）: 3010 reviews on days 1 to 25 only). */
  policyId: z.string().min(1).nullish(),
  application: z.object({ category: z.string() }).passthrough().nullish(),
  /** Index in `route` of the level reviewed last; null before the first level above the unit. */
  reviewLevelIndex: z.number().int().nullish(),
  /** From the registry: the decisions so far, which the next level's form shows. */
  reviewRecord: reviewRecordSchema,
});

const LEVEL_NAMES = {
  'competent-department': `${ROUTE_LEVEL_OFFICES['competent-department']}审核`,
  'county-hr': `${ROUTE_LEVEL_OFFICES['county-hr']}审核`,
  'city-hr': `${ROUTE_LEVEL_OFFICES['city-hr']}审核`,
} as const;

export type RouteNextLevelOutput = {
  hasNextLevel: boolean;
  reviewLevelIndex: number;
  reviewLevel: z.output<typeof step>['level'] | null;
  reviewLevelName: string | null;
  reviewOffice: string | null;
  reviewGroup: string | null;
  reviewDeadline: string | null;
  reviewDeadlineText: string | null;
  reviewFollowUp: string | null;
  reviewWindowOpens: string | null;
  reviewDeadlineWarning: string | null;
  /** The earlier levels' decisions, panels and comments, as the forms show them (Markdown). */
  reviewRecordText: string | null;
  /** Where the level sends an approved application: the next level's office, or 省人社厅 at the top. */
  reviewNextText: string | null;
};

export const createRouteNextLevel = (deps: { clock?: () => Date; policies: { calendar: WorkingDayCalendar; get?: (id: string) => Policy } }) =>
  defineHandler({
    topic,
    description: 'Picks the next review level of the route and its office group and deadline',
    input,
    outputs: ['reviewLevelIndex', 'hasNextLevel', 'reviewLevel', 'reviewLevelName', 'reviewOffice', 'reviewGroup', 'reviewDeadline', 'reviewFollowUp', 'reviewDeadlineWarning', 'reviewDeadlineText', 'reviewWindowOpens', 'reviewRecordText', 'reviewNextText'],
    async handle({ route, reviewLevelIndex, policyId, application, reviewRecord }): Promise<Outcome<RouteNextLevelOutput>> {
      const next = (reviewLevelIndex ?? 0) + 1;
      const s = route[next];
      const reviewRecordText = reviewRecordTextOf(reviewRecord ?? []);
      if (!s || s.level === 'province-hr' || s.level === 'unit' || s.level === 'federation') {
        return complete({ hasNextLevel: false, reviewLevelIndex: next, reviewLevel: null, reviewLevelName: null, reviewOffice: null, reviewGroup: null, reviewDeadline: null, reviewFollowUp: null, reviewDeadlineWarning: null, reviewDeadlineText: null, reviewWindowOpens: null, reviewRecordText, reviewNextText: null });
      }
      const after = route[next + 1];
      const reviewNextText = !after || after.level === 'province-hr' ? '审核通过后报送省人社厅，由其指定评审委员会评审' : `审核通过后报送${after.name}`;
      const now = (deps.clock ?? (() => new Date()))();
      // 四（六）: a monthly (3010) review works in the window open now, or waits for the next one;
      // its deadline is that window's last day, whatever month the route was computed in.
      const policy = policyId && application && deps.policies.get ? deps.policies.get(policyId) : null;
      const window = policy && application ? reviewWindow(policy, application.category as CategoryId, now) : null;
      const deadline = window ? window.closes : s.deadline;
      // A deadline that has passed when the step opens cannot be met: the task and the status say so.
      const late = deadline !== null && Date.parse(deadline) <= now.getTime();
      // The deadline as people read it (2024年3月2日24时), in the form and the warning.
      const deadlineText = deadline === null ? null : formatInstantZh(deadline);
      return complete({
        hasNextLevel: true,
        reviewLevelIndex: next,
        reviewLevel: s.level,
        reviewLevelName: LEVEL_NAMES[s.level],
        reviewOffice: s.name,
        reviewGroup: routeOfficeGroup(s),
        reviewDeadline: deadline,
        reviewDeadlineText: deadlineText,
        reviewFollowUp: followUpDate(deps.policies.calendar, deadline),
        reviewWindowOpens: window?.waitUntil ?? null,
        reviewDeadlineWarning: late ? `审核截止时间（${deadlineText}）在本环节开始前已过 · the deadline (${deadlineText}) passed before this step opened` : (window?.note ?? null),
        reviewRecordText,
        reviewNextText,
      });
    },
  });

/** The next level's review opens at its office. */
export const recordRouteNextLevel = defineRecordStep<ReturnType<typeof createRouteNextLevel>>()({
  async record(_input, out, { registry, applicationId, key }) {
    if (!out.hasNextLevel) return;
    await registry.openStep(applicationId, { ...waitingStep('level-review-task'), name: out.reviewLevelName ?? stepName('level-review-task'), level: out.reviewLevel, office: out.reviewGroup, deadline: out.reviewDeadline, warning: out.reviewDeadlineWarning }, key('opened'));
  },
});
