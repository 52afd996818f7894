// Eligibility (SPEC section 5) and the route upward (section 4), decided by the same rule
// functions as the API's preview, under the policy the application was submitted under.
import { z } from 'zod';
import { applicationSchema } from '../domain/application.js';
import { formatInstantZh } from '../domain/dates-zh.js';
import { displayVariables } from '../domain/display.js';
import { routeOfficeGroup } from '../domain/offices.js';
import type { PolicyProvider } from '../policy/provider.js';
import { defineHandler } from '../runtime/handler.js';
import { waitingStep } from '../domain/steps.js';
import { defineRecordStep } from './recording.js';
import { complete } from '../runtime/outcome.js';
import { checkEligibility, computeRoute } from '../rules/index.js';
import { timetableWarning, unitTimetable } from '../rules/deadlines.js';
import { followUpDate } from '../rules/follow-up.js';

export const topic = 'check-eligibility';

export const input = z.object({
  application: applicationSchema,
  policyId: z.string().min(1),
  submittedAt: z.iso.datetime({ offset: true }),
});

export const createCheckEligibility = (deps: { policies: PolicyProvider; clock?: () => Date }) =>
  defineHandler({
    topic,
    description: 'Decides eligibility and the route upward; sets the display fields of review forms',
    input,
    outputs: ['eligible', 'eligibilityReasons', 'route', 'division', 'unitGroup', 'unitDeadline', 'unitNoticeDeadline', 'unitPublicityEndsBy', 'unitDeadlineWarning', 'unitDeadlineProvisional', 'unitDeadlineText', 'applicantName', 'maskedIdNumber', 'unitName', 'titleApplied', 'categoryName', 'divisionName', 'unitFollowUp'],
    async handle({ application, policyId, submittedAt }, ctx) {
      const policy = deps.policies.get(policyId);
      const eligibility = checkEligibility(application, policy, new Date(submittedAt));
      const routing = computeRoute(application, policy);
      // checkEligibility already carries the route's reasons.
      const reasons = eligibility.reasons;
      const first = routing.ok ? routing.route[0] : undefined;
      // The unit's review is due early enough for its publicity to end inside the unit's part of the timetable.
      const timetable = routing.ok ? unitTimetable(policy, application.category, routing.route, (deps.clock ?? (() => new Date()))(), deps.policies.calendar) : null;
      // The unit's task is due at unitDeadline; the application is withdrawn only at the notice's
      // own deadline (unitNoticeDeadline, the timers' date: 四（二）, 四（五）).
      const unitDeadline = timetable?.reviewDeadline ?? first?.deadline ?? null;
      if (timetable?.provisional) ctx.log.warn({ provisional: true, unitDeadline }, `unit review due date is provisional: ${timetable.provisional}`);
      return complete({
        eligible: eligibility.eligible && routing.ok,
        eligibilityReasons: reasons,
        route: routing.ok ? routing.route : null,
        division: routing.ok ? routing.division : null,
        unitGroup: first ? routeOfficeGroup(first, application.unit.creditCode) : null,
        unitDeadline,
        unitNoticeDeadline: first?.deadline ?? null,
        unitPublicityEndsBy: timetable?.publicityEndsBy ?? null,
        unitDeadlineWarning: timetableWarning(timetable),
        unitDeadlineProvisional: timetable?.provisional ?? null,
        // The unit-review form reads the due date as people do (2024年2月2日24时); unitDeadline stays an instant.
        unitDeadlineText: unitDeadline ? formatInstantZh(unitDeadline) : null,
        ...displayVariables(application),
        // What tells review tasks apart in Tasklist and what an office's filters sort by.
        categoryName: policy.categories[application.category]?.name ?? application.category,
        divisionName: routing.division?.name ?? null,
        unitFollowUp: followUpDate(deps.policies.calendar, unitDeadline ?? undefined),
      });
    },
  });

/** Refused, or routed with the unit's review opened at the route's first office. */
export const recordCheckEligibility = defineRecordStep<ReturnType<typeof createCheckEligibility>>()({
  async record(_input, out, { registry, applicationId, key }) {
    if (!out.eligible) {
      await registry.record(applicationId, { kind: 'refused', step: topic, name: '申报范围 Not eligible', reasons: out.eligibilityReasons }, key('checked'));
      return;
    }
    const division = out.division;
    await registry.record(applicationId, { kind: 'routed', step: topic, name: '申报范围 Eligible, routed', data: { division } }, key('checked'), { route: JSON.stringify(out.route), division_code: division?.code ?? null });
    await registry.openStep(
      applicationId,
      { ...waitingStep('unit-review-task'), office: out.unitGroup, deadline: out.unitDeadline, level: out.route?.[0]?.level ?? 'unit', warning: out.unitDeadlineWarning, provisional: out.unitDeadlineProvisional },
      key('opened'),
    );
  },
});
