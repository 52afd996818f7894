// The example data a policy still holds: what its provenance marks `source: example` and what says
// `example: true` (or the fee schedule `id: example`), grouped under names an operator acknowledges
// one by one (POLICY_EXAMPLES_ACKNOWLEDGED). Production refuses a policy with an example nobody
// acknowledged: the shipped policy's fee amounts, committees, committee offices and competent
// departments are this product's examples, not facts of the notice.
import type { Policy } from '../rules/policy.js';

/** The names of the example groups, in the order they are reported. */
export const EXAMPLE_NAMES = ['fees', 'committees', 'committee-offices', 'competent-departments', 'proofs'] as const;
export type ExampleName = (typeof EXAMPLE_NAMES)[number];

/** One group of example data of a policy: its name and where in the policy file it is. */
export interface PolicyExample {
  /** `fees`, `committees`, ... or, for an example the product has no name for, its provenance key. */
  name: string;
  /** Paths of the example values in the policy (committees.3.office, feeSchedule, ...). */
  paths: string[];
}

/** The group a provenance key belongs to (`categories.rural-revitalization.proofs` -> proofs), or the key itself. */
function groupOf(key: string): string {
  if (key === 'feeSchedule' || key.startsWith('feeSchedule.')) return 'fees';
  if (/^committees\.\d+\.office(\.|$)/.test(key)) return 'committee-offices';
  if (key === 'committees' || key.startsWith('committees.')) return 'committees';
  if (key === 'competentDepartments' || key.startsWith('competentDepartments.')) return 'competent-departments';
  if (/(^|\.)proofs(\.|$)/.test(key)) return 'proofs';
  return key;
}

/** The value at a dotted path of the policy, or undefined. */
function valueAt(policy: Policy, dotted: string): unknown {
  let at: unknown = policy;
  for (const key of dotted.split('.')) {
    if (!at || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/** Whether a value holds data at all (an emptied list of examples is no example). */
const holdsData = (value: unknown) => value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);

/** Every group of example data the policy holds, with the paths that hold it. */
export function policyExamples(policy: Policy): PolicyExample[] {
  const found = new Map<string, Set<string>>();
  const add = (name: string, at: string) => {
    if (!found.has(name)) found.set(name, new Set());
    found.get(name)!.add(at);
  };
  for (const [key, p] of Object.entries(policy.provenance)) if (p.source === 'example' && holdsData(valueAt(policy, key))) add(groupOf(key), key);
  if (policy.feeSchedule.id === 'example') add('fees', 'feeSchedule');
  policy.committees.forEach((c, i) => {
    if (c.example) add('committees', `committees.${i}`);
    if (c.office.example) add('committee-offices', `committees.${i}.office`);
  });
  for (const [id, c] of Object.entries(policy.categories)) {
    c.proofs.forEach((p, i) => p.example && add('proofs', `categories.${id}.proofs.${i}`));
    for (const [sid, s] of Object.entries(c.subtypes)) s.requires.proofs.forEach((p, i) => p.example && add('proofs', `categories.${id}.subtypes.${sid}.requires.proofs.${i}`));
  }
  const order = (name: string) => {
    const i = EXAMPLE_NAMES.indexOf(name as ExampleName);
    return i < 0 ? EXAMPLE_NAMES.length : i;
  };
  return [...found.entries()].map(([name, paths]) => ({ name, paths: [...paths] })).sort((a, b) => order(a.name) - order(b.name) || a.name.localeCompare(b.name));
}

/**
 * Why production may not run the policy: each example not acknowledged by name, and each
 * acknowledged name that is no example name (a misspelling acknowledges nothing). Empty: it may.
 * `setting` is the configuration key the acknowledgements come from, named in every line.
 */
export function unacknowledgedExamples(policy: Policy, acknowledged: readonly string[], setting: string): string[] {
  const examples = policyExamples(policy);
  const known = new Set<string>([...EXAMPLE_NAMES, ...examples.map((e) => e.name)]);
  const problems = acknowledged.filter((name) => !known.has(name)).map((name) => `${setting}: "${name}" names no example data (the names are ${[...known].join(', ')})`);
  for (const e of examples.filter((x) => !acknowledged.includes(x.name))) {
    const shown = e.paths.length > 3 ? `${e.paths.slice(0, 3).join(', ')} and ${e.paths.length - 3} more` : e.paths.join(', ');
    problems.push(`${setting}: policy ${policy.id} holds example data "${e.name}" (${shown}): replace it with the real data, or acknowledge it by adding "${e.name}" to ${setting}`);
  }
  return problems;
}
