// Policy files: read, validated (the schema, then the division and department data) and cached, and
// the demo policy made from one by moving its dates.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { addDays, dateOf, daysBetween } from '../domain/time.js';
import { departmentProblems } from '../rules/departments.js';
import { divisionProblems } from '../rules/divisions.js';
import { policySchema, type Policy } from '../rules/policy.js';
import { mapDates } from '../rules/policy-dates.js';

/** Thrown for a policy that fails validation; `problems` are `<source>: <path>: <message>` lines. */
export class PolicyError extends Error {
  override readonly name = 'PolicyError';
  constructor(readonly problems: string[]) {
    super(`invalid policy\n${problems.join('\n')}`);
  }
}

/** Validates parsed JSON, division data included; the error names the source and the path of every bad value. */
export function parsePolicy(json: unknown, sourceName: string): Policy {
  const result = policySchema.safeParse(json);
  if (!result.success) {
    throw new PolicyError(result.error.issues.map((i) => `${sourceName}: ${i.path.map(String).join('.') || '(root)'}: ${i.message}`));
  }
  const problems = [...divisionProblems(result.data), ...departmentProblems(result.data)];
  if (problems.length) throw new PolicyError(problems.map((p) => `${sourceName}: ${p.path}: ${p.message}`));
  return result.data;
}

/** policy/ of the repository, from source (workers/policy) or from the build (dist/workers/policy). */
function defaultDir(): string {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  return path.join(path.basename(root) === 'dist' ? path.dirname(root) : root, 'policy');
}

const cache = new Map<string, Policy>();

/** Loads and validates `<dir>/<id>.json` (cached per file); `dir` defaults to the repository's policy/. */
export function loadPolicy(id: string, dir: string = defaultDir()): Policy {
  if (!/^[\w-]+$/.test(id)) throw new PolicyError([`${id}: id: must be letters, digits, _ and -`]);
  const file = path.join(dir, `${id}.json`);
  const cached = cache.get(file);
  if (cached) return cached;
  const source = path.relative(process.cwd(), file) || file;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new PolicyError([`${source}: (file): ${(error as Error).message}`]);
  }
  const policy = parsePolicy(json, source);
  if (policy.id !== id) throw new PolicyError([`${source}: id: must be "${id}" like the file name`]);
  cache.set(file, policy);
  return policy;
}

/** Ids of the policy files of a folder (the repository's policy/ by default). */
export function listPolicies(dir: string = defaultDir()): string[] {
  return readdirSync(dir)
    .filter((f) => /^[\w-]+\.json$/.test(f))
    .map((f) => f.slice(0, -5))
    .sort();
}

/** Moves every date of a policy by `days` calendar days (a month moves with its first day), then validates it again. */
export function shiftPolicy(policy: Policy, days: number, id: string): Policy {
  const shifted = mapDates(
    policy,
    (d) => addDays(d, days),
    (m) => addDays(`${m}-01`, days).slice(0, 7),
  ) as Record<string, unknown>;
  return parsePolicy({ ...shifted, id, title: `${policy.title} (dates moved by ${days} days)` }, `${policy.id} moved by ${days} days`);
}

/**
 * The demo policy: the rules of `base` with every date moved by the same number of days, so that
 * the applicant window opens on `today` (an instant, or an Asia/Shanghai date YYYY-MM-DD).
 */
export function demoPolicy(base: Policy, today: Date | string): Policy {
  const day = typeof today === 'string' ? today : dateOf(today);
  const days = daysBetween(base.applicantWindow.start, day);
  const moved = shiftPolicy(base, days, 'demo');
  return { ...moved, title: `DEMO: ${base.title}, windows opened on ${day}`, demoOf: { policy: base.id, days } };
}
