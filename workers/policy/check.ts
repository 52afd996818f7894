// What an analyst runs before a new year's policy goes live (`npm run policy:check`): every policy
// file of a folder validated as the service validates it at start-up, the example data production
// would refuse, and the years its dates reach that have no official holiday schedule yet (their
// working days would be provisional). Pure of the process: the command prints what this answers.
import { mapDates } from '../rules/policy-dates.js';
import type { WorkingDayCalendar } from '../rules/calendar.js';
import { createCalendar } from './calendar.js';
import { policyExamples } from './examples.js';
import { listPolicies, loadPolicy, PolicyError } from './load.js';

export interface PolicyCheck {
  id: string;
  /** `<file>: <path>: <message>` lines; empty when the policy loads. */
  problems: string[];
  /** Example data production refuses unless acknowledged (POLICY_EXAMPLES_ACKNOWLEDGED). */
  examples: string[];
  /** Years its dates reach without the State Council's schedule (policy/calendar/<year>.json adds one). */
  provisionalYears: number[];
  /** The applicant window, when it loads. */
  window: { start: string; end: string } | null;
}

/** Checks `ids` (every policy of `dir` when none is given). */
export function checkPolicies(dir: string, ids: readonly string[] = listPolicies(dir), calendar: WorkingDayCalendar = createCalendar(dir)): PolicyCheck[] {
  return ids.map((id) => {
    try {
      const policy = loadPolicy(id, dir);
      const years = new Set<number>();
      mapDates(
        policy,
        (d) => (years.add(Number(d.slice(0, 4))), d),
        (m) => (years.add(Number(m.slice(0, 4))), m),
      );
      return {
        id,
        problems: [],
        examples: policyExamples(policy).map((e) => e.name),
        provisionalYears: [...years].filter((y) => !calendar.isOfficial(y)).sort((a, b) => a - b),
        window: { start: policy.applicantWindow.start, end: policy.applicantWindow.end },
      };
    } catch (error) {
      if (error instanceof PolicyError) return { id, problems: error.problems, examples: [], provisionalYears: [], window: null };
      throw error;
    }
  });
}
