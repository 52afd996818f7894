// The review record of an application as each later reviewer reads it: every decision of the unit,
// the levels and the committee's intake so far, with the panel, the supervisor and the comment
// (SPEC 2.3, 2.4: each level reviews what the levels below it decided). Made from the registry's
// events, never from variables a form wrote; shown in the review forms as Markdown and printed in
// the 一览表's 单位推荐意见 and 主管部门审核意见 boxes.
import { z } from 'zod';
import { formatDateZh } from './dates-zh.js';
import { markdownText } from './markdown.js';
import { clipText } from './text.js';
import { toShanghaiIso } from './time.js';

/** The events a review record reads (the registry's decision events). */
export type DecisionEvents = ReadonlyArray<{ kind: string; step: string | null; level: string | null; step_name: string | null; decision: string | null; comment: string | null; at: Date; data: unknown }>;

/** One decision of the record. */
export interface ReviewDecision {
  step: string;
  level: string | null;
  /** The step as people read it (单位审核, 绿园区人社局审核, …). */
  name: string | null;
  /** The reviewing office's name where the record has it. */
  officeName: string | null;
  decision: string;
  comment: string | null;
  /** When it was decided, +08:00. */
  at: string;
  panel: string[];
  supervisor: string | null;
}

/** A handler's input of the record (a registry fact, registry/facts.ts). */
export const reviewRecordSchema = z
  .array(
    z.object({
      step: z.string(),
      level: z.string().nullable(),
      name: z.string().nullable(),
      officeName: z.string().nullable(),
      decision: z.string(),
      comment: z.string().nullable(),
      at: z.string(),
      panel: z.array(z.string()),
      supervisor: z.string().nullable(),
    }),
  )
  .optional();

/** The review steps whose decisions the record keeps. */
const REVIEW_STEPS = new Set(['unit-review-task', 'level-review-task']);

const DECISION_LABELS: Record<string, string> = { approve: '同意', return: '退回补正', reject: '不同意' };

/** A decision as people read it: 同意, 退回补正, 不同意 (the code itself for any other). */
export const decisionLabel = (decision: string): string => DECISION_LABELS[decision] ?? decision;

/** The unit's and the levels' decisions, oldest first. */
export function reviewDecisions(events: DecisionEvents): ReviewDecision[] {
  return events
    .filter((e) => e.kind === 'decision' && e.step !== null && REVIEW_STEPS.has(e.step) && e.decision)
    .map((e) => {
      const data = (e.data ?? {}) as { panel?: unknown; supervisor?: unknown; officeName?: unknown };
      return {
        step: e.step!,
        level: e.level,
        name: e.step_name,
        officeName: typeof data.officeName === 'string' ? data.officeName : null,
        decision: e.decision!,
        comment: e.comment,
        at: toShanghaiIso(e.at),
        panel: Array.isArray(data.panel) ? data.panel.filter((p): p is string => typeof p === 'string') : [],
        supervisor: typeof data.supervisor === 'string' ? data.supervisor : null,
      };
    });
}

/** One line of the record: 2027年1月5日 单位审核：同意。审核小组：王一、李二、赵三；纪检监督：周四。意见：… */
function line(d: ReviewDecision): string {
  const who = [d.name, d.officeName && !d.name?.includes(d.officeName) ? `（${d.officeName}）` : ''].join('');
  const parts = [`${formatDateZh(d.at)} ${who || d.step}：${decisionLabel(d.decision)}`];
  if (d.panel.length) parts.push(`审核小组：${d.panel.join('、')}${d.supervisor ? `；纪检监督：${d.supervisor}` : ''}`);
  if (d.comment) parts.push(`意见：${d.comment}`);
  return parts.join('。');
}

/** The record as a review form shows it (Markdown, every applicant- or reviewer-typed text escaped); null when empty. */
export function reviewRecordText(decisions: readonly ReviewDecision[]): string | null {
  if (decisions.length === 0) return null;
  return decisions.map((d) => `- ${markdownText(line(d))}`).join('\n');
}

/** The characters an opinion box of the 一览表 holds (two lines of 9pt over the cell's width). */
export const OPINION_CHARS = 90;

/**
 * What the 一览表 prints in the box of a level (单位推荐意见 for `unit-review-task`, 主管部门审核意见
 * for the competent department): the last approval of that level, with its panel and date; null
 * while there is none.
 */
export function levelOpinion(decisions: readonly ReviewDecision[], match: (d: ReviewDecision) => boolean): { text: string; on: string } | null {
  const d = decisions.filter(match).findLast((x) => x.decision === 'approve');
  if (!d) return null;
  const panel = d.panel.length ? `审核小组：${d.panel.join('、')}${d.supervisor ? `；纪检监督：${d.supervisor}` : ''}。` : '';
  const text = `经审核，同意推荐。${panel}${d.comment ? `意见：${d.comment}` : ''}`;
  // The box holds two lines of small print; the whole record stays in the history and the forms.
  return { text: clipText(text, OPINION_CHARS), on: d.at };
}
