// 四（二）, 四（五）: an application is withdrawn only at a deadline the notice states. The unit's task
// is due earlier (its publicity must fit before the notice's date), but that earlier date is a due
// date with a warning: the timers that withdraw wait for the notice's own deadline.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../workers/config.js';

const xml = (file: string) => readFileSync(path.join(ROOT, 'bpmn', file), 'utf8');
/** The expression of the timer of a boundary or catch event, by the event's id. */
function timerOf(source: string, eventId: string): string | undefined {
  const start = source.indexOf(`id="${eventId}"`);
  if (start < 0) return undefined;
  const block = source.slice(start, source.indexOf('</bpmn:boundaryEvent>', start));
  return /<bpmn:timeDate[^>]*>([^<]+)<\/bpmn:timeDate>/.exec(block)?.[1];
}

describe('四（二）, 四（五）: withdrawal only at the notice\'s deadline', () => {
  const review = xml('application-review.bpmn');

  it('the unit\'s withdrawal timers (review and correction) wait for unitNoticeDeadline', () => {
    expect(timerOf(review, 'unit-deadline')).toBe('${unitNoticeDeadline}');
    expect(timerOf(review, 'correction-deadline')).toBe('${unitNoticeDeadline}');
  });

  it('the unit\'s task is due at unitDeadline, the earlier date that leaves room for the publicity', () => {
    expect(xml('unit-review.bpmn')).toMatch(/id="unit-review-task"[^>]*camunda:dueDate="\$\{unitDeadline\}"/);
  });

  it('every withdrawn end event records the deadline it missed', () => {
    const ends = [...review.matchAll(/<bpmn:endEvent id="(ar-withdrawn-[^"]+)"[\s\S]*?<\/bpmn:endEvent>/g)];
    expect(ends.map((m) => m[1]).sort()).toEqual(['ar-withdrawn-correction', 'ar-withdrawn-level', 'ar-withdrawn-level-correction', 'ar-withdrawn-unit']);
    for (const [block] of ends) expect(block).toMatch(/setVariable\(&#34;missedDeadline&#34;, (unitNoticeDeadline|reviewDeadline)\)/);
  });
});
