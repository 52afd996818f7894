// The policies a process can run under: every file in POLICY_DIR, plus `demo` (the demo base
// policy with its windows opened on the day the server started).
import { dateOf, type Policy, type WorkingDayCalendar } from '../rules/index.js';
import { createCalendar } from './calendar.js';
import { demoPolicy, listPolicies, loadPolicy } from './load.js';

/** Thrown for a policy id that is not shipped. */
export class UnknownPolicyError extends Error {
  override readonly name = 'UnknownPolicyError';
}

/** Gives the active policy and any shipped one by id. */
export interface PolicyProvider {
  readonly activeId: string;
  active(): Policy;
  get(id: string): Policy;
  ids(): string[];
  /**
   * The working-day calendar: chinese-days, the holiday schedules added from `<dir>/calendar/` for
   * years the package lacks (`calendar.supplements` says which), statutory holidays after them.
   */
  readonly calendar: WorkingDayCalendar;
}

export interface PolicyProviderOptions {
  dir: string;
  activeId: string;
  demoBaseId: string;
  /** The day the demo windows open. */
  today: Date;
}

/** Loads and validates every policy and calendar supplement now, so that a bad file stops start-up. */
export function createPolicyProvider(options: PolicyProviderOptions): PolicyProvider {
  const calendar = createCalendar(options.dir);
  const byId = new Map<string, Policy>();
  for (const id of listPolicies(options.dir)) byId.set(id, loadPolicy(id, options.dir));
  const base = byId.get(options.demoBaseId);
  if (base) byId.set('demo', demoPolicy(base, dateOf(options.today)));
  const get = (id: string): Policy => {
    const policy = byId.get(id);
    if (!policy) throw new UnknownPolicyError(`unknown policy "${id}"; shipped: ${[...byId.keys()].join(', ')}`);
    return policy;
  };
  get(options.activeId);
  return {
    activeId: options.activeId,
    active: () => get(options.activeId),
    get,
    ids: () => [...byId.keys()],
    calendar,
  };
}
