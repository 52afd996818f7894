// The dates of a policy, wherever its schema puts them: read (policyDates) and moved (mapDates).
import type { Policy } from './policy.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-\d{2}$/;
/** Keys whose values are not policy dates. */
const NOT_DATES = new Set(['source', 'demoOf']);

/** Maps every date (YYYY-MM-DD) and month (YYYY-MM) of a JSON value, wherever the schema puts it. */
export function mapDates(value: unknown, days: (d: string) => string, months: (m: string) => string): unknown {
  if (typeof value === 'string') return DATE.test(value) ? days(value) : MONTH.test(value) ? months(value) : value;
  if (Array.isArray(value)) return value.map((v) => mapDates(v, days, months));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, NOT_DATES.has(k) ? v : mapDates(v, days, months)]));
  }
  return value;
}

/** Every date of a policy, months as their first day. */
export function policyDates(policy: Policy): string[] {
  const found: string[] = [];
  mapDates(
    policy,
    (d) => (found.push(d), d),
    (m) => (found.push(`${m}-01`), m),
  );
  return found.sort();
}
