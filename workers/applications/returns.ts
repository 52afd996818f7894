// The last return for correction (退回补正) in an application's history: who returned it, why, and
// which fields the applicant may correct.
import { isCorrectableField } from '../domain/corrections.js';

/** The events `returnOf` reads. */
export type ReturnEvents = ReadonlyArray<{ kind: string; decision: string | null; level: string | null; step_name: string | null; reasons: unknown; comment: string | null; at: Date; office: string | null; data: unknown }>;

/** The last return for correction in an application's history: who returned it and what to correct. */
export function returnOf(events: ReturnEvents) {
  const e = [...events].reverse().find((x) => x.kind === 'decision' && x.decision === 'return');
  if (!e) return null;
  const fields = ((e.data as { fields?: unknown[] } | null)?.fields ?? []).filter(isCorrectableField);
  return { level: e.level, office: e.office, stepName: e.step_name, reasons: (e.reasons as string[] | null) ?? [], comment: e.comment, at: e.at, fields };
}
