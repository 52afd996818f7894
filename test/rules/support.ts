// Shared fixtures of the rule tests: the SPEC's example application, the shipped policy, and the
// same policy one year later.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applicationSchema, type Application, type ApplicationInput } from '../../workers/domain/application.js';
import { ROOT } from '../../workers/config.js';
import { type Policy } from '../../workers/rules/index.js';
import { loadPolicy } from '../../workers/policy/load.js';

export const POLICY_DIR = path.join(ROOT, 'policy');
export const policy2024 = loadPolicy('2024', POLICY_DIR);

const example = JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures/application-regular.json'), 'utf8')) as ApplicationInput;

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object | null ? DeepPartial<NonNullable<T[K]>> | T[K] : T[K] };

/** The SPEC's example application with some fields changed. */
export function app(over: DeepPartial<ApplicationInput> = {}): Application {
  const merged = {
    ...example,
    ...over,
    applicant: { ...example.applicant, ...(over.applicant ?? {}) },
    unit: { ...example.unit, ...(over.unit ?? {}) },
    qualification: { ...example.qualification, ...(over.qualification ?? {}) },
  };
  return applicationSchema.parse(merged);
}

/** An instant from a +08:00 local time. */
export const at = (local: string) => new Date(`${local}+08:00`);

/** `{rule}@{field}` of every reason of an answer, for compact assertions. */
export const rulesOf = (r: object): string[] =>
  ('reasons' in r ? (r.reasons as Array<{ rule: string; field: string }>) : []).map((x) => `${x.rule}@${x.field}`);

/** Moves the notice's years (cut-off 2023, windows 2024) one year on, in any JSON text. */
export const yearLater = (text: string): string =>
  text.replace(/\b(2023|2024)-(\d\d)/g, (_m, y: string, mm: string) => `${Number(y) + 1}-${mm}`).replace(/(2023|2024)年/g, (_m, y: string) => `${Number(y) + 1}年`);

/** The JSON of policy/2024.json with every date a year later, as policy `2025`. */
export function yearLaterJson(): Record<string, unknown> {
  return { ...JSON.parse(yearLater(readFileSync(path.join(POLICY_DIR, '2024.json'), 'utf8'))), id: '2025' };
}

/** Runs `use` with a fresh folder that is removed afterwards. */
export function withFolder<T>(use: (dir: string) => T): T {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'policy-'));
  try {
    return use(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The year-later policy, written as `2025.json` in a folder of its own and loaded from there like a shipped one. */
export function policyYearLater(): Policy {
  return withFolder((dir) => {
    writeFileSync(path.join(dir, '2025.json'), JSON.stringify(yearLaterJson()));
    return loadPolicy('2025', dir);
  });
}
