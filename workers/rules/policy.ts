// A year's notice as data. Files in policy/ are validated here; a bad value stops start-up with
// the path of that value. Next year's notice needs a new file, not new code.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { CATEGORY_IDS, LEVELS } from '../domain/application.js';
import { addDays, daysBetween } from '../domain/time.js';

const date = z.iso.date({ error: 'must be a date YYYY-MM-DD' });
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'must be a month YYYY-MM' });
const code = z.string().regex(/^\d{6}$/, { error: 'must be a 6-digit division code' });
const fraction = z.object({ numerator: z.number().int().positive(), denominator: z.number().int().positive() });
export const ROUTE_LEVELS = ['unit', 'federation', 'competent-department', 'county-hr', 'city-hr', 'province-hr'] as const;

const windowSchema = z.discriminatedUnion('kind', [
  /** The standard windows: applicant window, then one deadline per level. */
  z.object({ kind: z.literal('standard') }),
  /** One window for the applicant and every level (k12-senior). */
  z.object({ kind: z.literal('fixed'), start: date, end: date }),
  /** Days firstDay..lastDay of every month from..to, for the applicant and every level (3010). */
  z.object({ kind: z.literal('monthly'), firstDay: z.number().int().min(1).max(28), lastDay: z.number().int().min(1).max(28), from: month, to: month }),
]);

const categorySchema = z.object({
  name: z.string().min(1),
  window: windowSchema,
  feeExempt: z.boolean(),
  /** Unit kinds that may apply in this category (all when absent). */
  unitKinds: z.array(z.enum(['enterprise', 'institution'])).optional(),
  subtypes: z.record(z.string(), z.object({ name: z.string().min(1), feeExempt: z.boolean() })).default({}),
  /** What a success yields. */
  outcome: z.enum(['certificate', 'post-appointment-notice']).default('certificate'),
  /** Extra verification step of the category, if any (documents the category must prove). */
  extraVerification: z.string().nullable().default(null),
});

const divisionSchema = z.object({
  code,
  name: z.string().min(1),
  level: z.enum(['city', 'county']),
  /** The division whose HR department comes next on the route. */
  reportsTo: code,
  /** Other spellings found in registration authorities' names. */
  aliases: z.array(z.string().min(1)).default([]),
});

export const policySchema = z
  .object({
    id: z.string().regex(/^[\w-]+$/),
    title: z.string().min(1),
    /** Qualification years, appointment years, education and achievements count up to this day. */
    cutoffDate: date,
    /** Applicants must be in post on this day. */
    inPostDate: date,
    applicantWindow: z.object({ start: date, end: date }),
    /** Last day (until 24:00) each level may review and submit, in the standard window. */
    levelDeadlines: z.object({ unit: date, 'competent-department': date, federation: date, 'county-hr': date, 'city-hr': date }),
    categories: z.record(z.enum(CATEGORY_IDS), categorySchema).refine((c) => CATEGORY_IDS.every((id) => id in c), {
      error: `every category must be configured: ${CATEGORY_IDS.join(', ')}`,
    }),
    /** 初级认定 (junior certification) is fee-exempt. */
    juniorCertificationFeeExempt: z.boolean(),
    publicity: z.object({ unitWorkingDays: z.number().int().positive(), resultWorkingDays: z.number().int().positive() }),
    /** Days after committee acceptance to pay before the application counts as withdrawn. */
    paymentDays: z.number().int().positive(),
    votes: z.object({ quorum: fraction, pass: fraction }),
    province: z.object({ code, name: z.string().min(1), hrOffice: z.string().min(1) }),
    federations: z.object({ default: z.string().min(1), literature: z.string().min(1), literaturePattern: z.string().min(1) }),
    divisions: z.object({
      /** Divisions that GB/T 2260 lacks or that report elsewhere than it says (梅河口, 长白山, 长春新区, 中韩). */
      overrides: z.array(divisionSchema),
      /** Branch names of market-supervision bureaus (绿园分局, 高新分局) -> division code, per city code. */
      branchAliases: z.record(code, z.record(z.string(), code)).default({}),
    }),
    /** HR office names; `{name}` is the division's name. */
    offices: z.object({ pattern: z.string().includes('{name}'), overrides: z.record(code, z.string().min(1)).default({}) }),
    feeSchedule: z.object({
      id: z.string().min(1),
      note: z.string().min(1),
      currency: z.literal('CNY'),
      amounts: z.record(z.enum(LEVELS), z.number().nonnegative()),
    }),
    committees: z.array(
      z.object({
        id: z.string().min(1),
        name: z.string().min(1),
        series: z.string().min(1),
        /** Specialties reviewed; `*` for every specialty of the series. */
        specialties: z.array(z.string().min(1)).min(1),
        levels: z.array(z.enum(LEVELS)).min(1),
        /** Who authorised it to review (省人社厅, or a city for delegated levels). */
        authority: z.string().min(1),
        members: z.number().int().positive(),
      }),
    ),
  })
  .superRefine((p, ctx) => {
    if (p.applicantWindow.end < p.applicantWindow.start) ctx.addIssue({ code: 'custom', path: ['applicantWindow', 'end'], message: 'must not be before start' });
    const order = ['unit', 'county-hr', 'city-hr'] as const;
    for (let i = 1; i < order.length; i++) {
      if (p.levelDeadlines[order[i]!] < p.levelDeadlines[order[i - 1]!]) {
        ctx.addIssue({ code: 'custom', path: ['levelDeadlines', order[i]!], message: `must not be before ${order[i - 1]}` });
      }
    }
  });

export type Policy = z.infer<typeof policySchema>;
export type CategoryPolicy = Policy['categories'][keyof Policy['categories']];

/** Validates parsed JSON; the error names the source and the path of every bad value. */
export function parsePolicy(json: unknown, sourceName: string): Policy {
  const result = policySchema.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${sourceName}: ${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
    throw new Error(`invalid policy\n${problems.join('\n')}`);
  }
  return result.data;
}

const cache = new Map<string, Policy>();

/** Loads `<dir>/<id>.json` (cached). */
export function loadPolicy(id: string, dir: string): Policy {
  const file = path.join(dir, `${id}.json`);
  const cached = cache.get(file);
  if (cached) return cached;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`policy ${file}: ${(error as Error).message}`);
  }
  const policy = parsePolicy(json, path.relative(process.cwd(), file) || file);
  if (policy.id !== id) throw new Error(`invalid policy\n${file}: id: must be "${id}" like the file name`);
  cache.set(file, policy);
  return policy;
}

/** Ids of the policy files of a folder. */
export function listPolicies(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /^[\w-]+\.json$/.test(f))
    .map((f) => f.slice(0, -5))
    .sort();
}

/** Moves every date of a policy by `days` calendar days (and every month of monthly windows). */
export function shiftPolicy(policy: Policy, days: number, id: string): Policy {
  const shiftMonth = (m: string) => addDays(`${m}-01`, days).slice(0, 7);
  const categories = Object.fromEntries(
    Object.entries(policy.categories).map(([k, c]) => {
      const w = c.window;
      const window =
        w.kind === 'fixed'
          ? { ...w, start: addDays(w.start, days), end: addDays(w.end, days) }
          : w.kind === 'monthly'
            ? { ...w, from: shiftMonth(w.from), to: shiftMonth(w.to) }
            : w;
      return [k, { ...c, window }];
    }),
  ) as Policy['categories'];
  const deadlines = Object.fromEntries(Object.entries(policy.levelDeadlines).map(([k, d]) => [k, addDays(d, days)])) as Policy['levelDeadlines'];
  return {
    ...policy,
    id,
    title: `${policy.title} (dates moved by ${days} days)`,
    cutoffDate: addDays(policy.cutoffDate, days),
    inPostDate: addDays(policy.inPostDate, days),
    applicantWindow: { start: addDays(policy.applicantWindow.start, days), end: addDays(policy.applicantWindow.end, days) },
    levelDeadlines: deadlines,
    categories,
  };
}

/**
 * The demo policy: the rules of `base` with every date moved so that the applicant window opens
 * on `today` (an Asia/Shanghai date). Used by `make start`, since the notice's windows are past.
 */
export function demoPolicy(base: Policy, today: string): Policy {
  return { ...shiftPolicy(base, daysBetween(base.applicantWindow.start, today), 'demo'), title: `DEMO: ${base.title}, windows opened on ${today}` };
}
