// The last return for correction (退回补正) in an application's history: who returned it, why, and
// which fields the applicant may correct and which kinds of materials replace or add.
import { isCorrectableField } from '../domain/corrections.js';

/** The events `returnOf` reads. */
export type ReturnEvents = ReadonlyArray<{ kind: string; decision: string | null; level: string | null; step_name: string | null; reasons: unknown; comment: string | null; at: Date; office: string | null; data: unknown }>;

/** The last return for correction in an application's history: who returned it and what to correct. */
export function returnOf(events: ReturnEvents) {
  const e = [...events].reverse().find((x) => x.kind === 'decision' && x.decision === 'return');
  if (!e) return null;
  const data = e.data as { fields?: unknown[]; materials?: unknown[] } | null;
  const fields = (data?.fields ?? []).filter(isCorrectableField);
  // The kinds of electronic materials the applicant may replace or add (a return recorded before
  // materials existed names none).
  const materials = (data?.materials ?? []).filter((k): k is string => typeof k === 'string');
  return { level: e.level, office: e.office, stepName: e.step_name, reasons: (e.reasons as string[] | null) ?? [], comment: e.comment, at: e.at, fields, materials };
}
