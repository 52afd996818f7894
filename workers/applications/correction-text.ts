// What the applicant changed in a correction (退回补正), as the review form of the level that asked
// for it shows it: each field with its label, before and after; each new file and the one it
// replaced; the applicant's comment. Markdown, every typed text escaped.
import type { Application } from '../domain/application.js';
import { CORRECTABLE_FIELDS, isCorrectableField, valueAt } from '../domain/corrections.js';
import { formatInstantZh } from '../domain/dates-zh.js';
import { markdownText } from '../domain/markdown.js';
import { clipText } from '../domain/text.js';

/** A field's value as a line of the form reads it: texts as they are, lists and objects by their values. */
export function shownValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '（空）';
  if (Array.isArray(value)) return value.map(shownValue).join('；');
  if (typeof value === 'object') return Object.values(value as Record<string, unknown>).filter((v) => v !== null && v !== undefined && v !== '').map(shownValue).join(' ');
  return String(value);
}

const clip = (text: string, max = 120) => clipText(text, max);

export function correctionText(c: {
  returnedBy: string | null;
  at: Date;
  changed: readonly string[];
  before: Application;
  after: Application;
  materials: ReadonlyArray<{ kind: string; fileName: string; replaces: ReadonlyArray<{ fileName: string }> }>;
  comment: string | null;
}): string {
  const lines = [`申报人于${formatInstantZh(c.at)}补正${c.returnedBy ? `（应${markdownText(c.returnedBy)}要求）` : ''}：`];
  for (const field of c.changed) {
    const label = isCorrectableField(field) ? CORRECTABLE_FIELDS[field] : field;
    lines.push(`- ${markdownText(label)}：${markdownText(clip(shownValue(valueAt(c.before, field))))} → ${markdownText(clip(shownValue(valueAt(c.after, field))))}`);
  }
  for (const m of c.materials) {
    const replaced = m.replaces.map((r) => r.fileName).join('、');
    lines.push(`- 电子材料：${markdownText(m.fileName)}${replaced ? `（替换 ${markdownText(replaced)}）` : '（新增）'}`);
  }
  if (c.comment) lines.push(`- 申报人说明：${markdownText(clip(c.comment, 300))}`);
  return lines.join('\n');
}
