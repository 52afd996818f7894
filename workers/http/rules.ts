// The rule endpoints (SPEC section 9): preview an application, resolve a registration authority,
// count working days. They call the same rule functions as the workers.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { applicationSchema, fieldErrors } from '../domain/application.js';
import { UnknownPolicyError, type PolicyProvider } from '../policy/provider.js';
import { CalendarDataError, FIRST_CALENDAR_YEAR, LAST_CALENDAR_YEAR, preview, resolveDivision, type Policy, type WorkingDayPeriod } from '../rules/index.js';

export interface RulesDeps {
  policies: PolicyProvider;
  clock: () => Date;
}

/** The policy of `?policy=`, or the active one; null after answering 400 for an unknown id. */
function policyOf(req: Request, res: Response, deps: RulesDeps): { policy: Policy; explicit: boolean } | null {
  const id = req.query.policy;
  if (id === undefined) return { policy: deps.policies.active(), explicit: false };
  try {
    return { policy: deps.policies.get(String(id)), explicit: true };
  } catch (error) {
    if (!(error instanceof UnknownPolicyError)) throw error;
    res.status(400).json({ errors: [{ field: 'policy', message: error.message }] });
    return null;
  }
}

/** POST /api/applications/preview (behind the bearer token, mounted by the caller). */
export function previewRouter(deps: RulesDeps): Router {
  const router = Router();
  router.post('/preview', (req, res) => {
    const chosen = policyOf(req, res, deps);
    if (!chosen) return;
    const parsed = applicationSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ errors: fieldErrors(parsed.error) });
      return;
    }
    // Live previews are dated by the server; against another policy, submittedAt is hypothetical.
    const at = chosen.explicit && parsed.data.submittedAt ? new Date(parsed.data.submittedAt) : deps.clock();
    res.json(preview({ ...parsed.data, submittedAt: at.toISOString() }, chosen.policy, at));
  });
  return router;
}

const workingDaysQuery = z.object({
  start: z.iso
    .date({ error: 'must be a date YYYY-MM-DD' })
    .refine((d) => Number(d.slice(0, 4)) >= FIRST_CALENDAR_YEAR && Number(d.slice(0, 4)) <= LAST_CALENDAR_YEAR - 1, {
      error: `must be a date from ${FIRST_CALENDAR_YEAR} to ${LAST_CALENDAR_YEAR - 1}`,
    }),
  days: z.coerce.number({ error: 'must be a number' }).int({ error: 'must be a whole number' }).min(1, { error: 'must be at least 1' }).max(366, { error: 'must be at most 366' }),
});

/** The public rule endpoints: /api/divisions/resolve and /api/calendar/working-days. */
export function publicRulesRouter(deps: RulesDeps): Router {
  const router = Router();
  router.get('/divisions/resolve', (req, res) => {
    const chosen = policyOf(req, res, deps);
    if (!chosen) return;
    const authority = typeof req.query.authority === 'string' ? req.query.authority.trim() : '';
    if (!authority) {
      res.status(400).json({ errors: [{ field: 'authority', message: 'the registration authority name is required' }] });
      return;
    }
    const result = resolveDivision(authority, chosen.policy);
    if (result.ok) res.json(result.division);
    else res.status(422).json({ reasons: result.reasons.map((r) => ({ ...r, field: 'authority' })) });
  });

  router.get('/calendar/working-days', (req, res) => {
    const parsed = workingDaysQuery.safeParse(req.query);
    if (!parsed.success) {
      res.status(400).json({ errors: fieldErrors(parsed.error) });
      return;
    }
    // A year without the State Council's schedule counts on the statutory holidays, and says so.
    // A period running past the last year counted at all is refused, naming the field and the range.
    let period: WorkingDayPeriod;
    try {
      period = deps.policies.calendar.period(parsed.data.start, parsed.data.days);
    } catch (error) {
      if (!(error instanceof CalendarDataError)) throw error;
      const { start, days } = parsed.data;
      res.status(422).json({
        reasons: [
          {
            rule: 'calendar.range',
            field: 'days',
            message: `${days} working days from ${start} run past ${LAST_CALENDAR_YEAR}-12-31; working days are counted from ${FIRST_CALENDAR_YEAR}-01-01 to ${LAST_CALENDAR_YEAR}-12-31`,
          },
        ],
      });
      return;
    }
    res.json({
      start: period.start,
      days: period.days,
      end: period.end,
      lastDay: period.lastDay,
      provisional: period.provisional !== null,
      ...(period.provisional ? { provisionalYears: period.provisionalYears, provisionalReason: period.provisional } : {}),
    });
  });
  return router;
}
