// Shared fixtures of the rule tests: the SPEC's example application and the shipped policy.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { applicationSchema, type Application, type ApplicationInput } from '../../workers/domain/application.js';
import { ROOT } from '../../workers/config.js';
import { loadPolicy } from '../../workers/rules/index.js';

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
