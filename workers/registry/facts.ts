// What is decided is read from the registry, never from what a task, a form or a caller wrote into
// the process: a handler whose input names one of these facts gets the registry's value, whatever a
// process variable of that name holds. A unit reviewer who completes their task with a forged
// `route`, `reviewLevelIndex` or `application` changes nothing: the next level, the committee and
// the fee are decided from the application as submitted (or corrected through the API) and the
// route the eligibility check recorded. The engine's variables of these names remain for the forms
// and the diagrams' expressions only.
import type { z } from 'zod';
import { reviewDecisions } from '../domain/review-record.js';
import { describeInputError } from '../runtime/execute.js';
import type { AnyHandler, HandlerContext } from '../runtime/handler.js';
import { PermanentError, type Outcome } from '../runtime/outcome.js';
import type { ApplicationRow, EventRow, Registry } from './registry.js';

/** The facts a handler may read, and where the registry keeps each. */
const FACTS = {
  application: (row: ApplicationRow) => row.application,
  submittedAt: (row: ApplicationRow) => (row.application as { submittedAt?: string } | null)?.submittedAt,
  policyId: (row: ApplicationRow) => row.policy_id,
  route: (row: ApplicationRow) => row.route ?? undefined,
  committeeId: (row: ApplicationRow) => row.committee_id ?? undefined,
  committeeGroup: (row: ApplicationRow) => row.committee_group ?? undefined,
  fee: (row: ApplicationRow) => row.fee ?? undefined,
} as const satisfies Record<string, (row: ApplicationRow) => unknown>;

/**
 * The index in `route` of the level reviewed last: the level of the last level review the registry
 * opened (its offices reviewed it; the next level follows it), or null before the first level above
 * the unit.
 */
export function reviewedLevelIndex(route: ReadonlyArray<{ level: string }>, events: readonly EventRow[]): number | null {
  const opened = events.findLast((e) => e.kind === 'step-opened' && e.step === 'level-review-task' && e.level !== null);
  if (!opened) return null;
  const index = route.findIndex((s) => s.level === opened.level);
  return index < 0 ? null : index;
}

/**
 * Facts of the steps the registry opened, from its events: the office (engine group) the current
 * unit review and level review were opened for, as the registry's route names it. A recording step
 * compares the group its task went to with these.
 */
const STEP_FACTS = {
  unitOffice: (events: readonly EventRow[]) => lastOpened(events, 'unit-review-task'),
  levelOffice: (events: readonly EventRow[]) => lastOpened(events, 'level-review-task'),
  /** The unit's and the levels' decisions so far, for the forms and the 一览表 (domain/review-record.ts). */
  reviewRecord: (events: readonly EventRow[]) => reviewDecisions(events),
} as const satisfies Record<string, (events: readonly EventRow[]) => unknown>;

function lastOpened(events: readonly EventRow[], step: string): string | null {
  return events.findLast((e) => e.kind === 'step-opened' && e.step === step)?.office ?? null;
}

/**
 * The application's electronic materials as the registry keeps them (kind, file, pages, digest): a
 * handler that names `materials` lists what the applicant attached, never what a variable says.
 */
export interface MaterialFact {
  id: string;
  kind: string;
  label: string;
  fileName: string;
  bytes: number;
  pages: number | null;
  sha256: string;
}

type Registryish = Pick<Registry, 'factsOf' | 'events' | 'materialsOf'>;

/** How long a handler waits for a claimed correction to be recorded before its task is retried. */
const CLAIM_WAIT_MS = 10_000;

/** Wraps a handler so that the facts its input names come from the registry. Others pass unchanged. */
export function withRegistryFacts(handler: AnyHandler, registry: Registryish): AnyHandler {
  const shape = handler.input.shape as Record<string, unknown>;
  // The committee is a fact of an application's steps (those that read its application or policy);
  // a certificate's objection case, keyed by the certificate number, keeps the variables the API
  // started it with.
  const ofApplication = 'application' in shape || 'policyId' in shape;
  const facts = (Object.keys(FACTS) as Array<keyof typeof FACTS>).filter((k) => k in shape && (ofApplication || (k !== 'committeeId' && k !== 'committeeGroup')));
  const levelIndex = 'reviewLevelIndex' in shape && 'route' in shape;
  const stepFacts = (Object.keys(STEP_FACTS) as Array<keyof typeof STEP_FACTS>).filter((k) => k in shape);
  const materials = 'materials' in shape && ofApplication;
  if (facts.length === 0 && !levelIndex && stepFacts.length === 0 && !materials) return handler;
  const omitted = [...facts, ...(levelIndex ? ['reviewLevelIndex'] : []), ...stepFacts, ...(materials ? ['materials'] : [])];
  // These variables are not even fetched from the engine.
  const mask = Object.fromEntries(omitted.map((k) => [k, true])) as never;
  const relaxed = (handler.input as z.ZodObject).omit(mask);
  // The facts alone are parsed here: the rest was parsed (and transformed) by the runtime already.
  const factSchema = (handler.input as z.ZodObject).pick(mask);
  return {
    ...handler,
    input: relaxed,
    registryFacts: omitted,
    async handle(vars: Record<string, unknown>, ctx: HandlerContext): Promise<Outcome> {
      if (!ctx.businessKey) throw new PermanentError('the instance has no business key (the application id): its facts cannot be read');
      // A locking read: a change being recorded under the row's lock is waited for, not read half-done;
      // and so is a correction claimed and not yet recorded (registry/corrections.ts): the flow may
      // already have it, the registry a moment later. One that stays claimed fails the task, retried.
      let row = await registry.factsOf(ctx.businessKey);
      for (let waited = 0; row.correction_claim && waited < CLAIM_WAIT_MS; waited += 100) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        row = await registry.factsOf(ctx.businessKey);
      }
      if (row.correction_claim) throw new Error(`a correction of application ${ctx.businessKey} is claimed and not yet recorded; its facts are read again on the retry`);
      const values: Record<string, unknown> = {};
      for (const k of facts) values[k] = FACTS[k](row);
      const events = levelIndex || stepFacts.length > 0 ? await registry.events(ctx.businessKey) : [];
      if (levelIndex) values.reviewLevelIndex = reviewedLevelIndex((row.route ?? []) as Array<{ level: string }>, events);
      for (const k of stepFacts) values[k] = STEP_FACTS[k](events);
      if (materials) values.materials = (await registry.materialsOf(ctx.businessKey)).map(materialFact);
      const parsed = factSchema.safeParse(values);
      if (!parsed.success) throw new PermanentError(`the registry's facts: ${describeInputError(handler.topic, parsed.error)}`);
      return handler.handle({ ...vars, ...(parsed.data as Record<string, unknown>) }, ctx);
    },
  };
}

function materialFact(m: Awaited<ReturnType<Registry['materialsOf']>>[number]): MaterialFact {
  return { id: m.id, kind: m.kind, label: m.label, fileName: m.file_name, bytes: m.bytes, pages: m.pages, sha256: m.sha256 };
}
