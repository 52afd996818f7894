// Page planning: text widths, line estimates, appendix pages and row pagination.
import { describe, expect, it } from '@jest/globals';
import { emWidth, lineCount, paginateAppendix, paginateRows, takeLines } from '../../workers/documents/layout.js';

describe('text estimates', () => {
  it('counts ideographs and full-width punctuation as 1 em, Latin as less', () => {
    expect(emWidth('吉林省')).toBe(3);
    expect(emWidth('，。“”')).toBe(4);
    expect(emWidth('ab12')).toBeCloseTo(2.4);
    expect(emWidth('䶮')).toBe(1);
  });

  it('counts wrapped lines per paragraph, with a first-line indent', () => {
    expect(lineCount('', 10)).toBe(1);
    expect(lineCount('一二三四五六七八九十', 10)).toBe(1);
    expect(lineCount('一二三四五六七八九十', 10, 2)).toBe(2);
    expect(lineCount('一二三\n四五六', 10)).toBe(2);
  });

  it('cuts text after a number of lines, losing nothing', () => {
    const text = '一二三四五六七八九十'.repeat(5);
    const [head, rest] = takeLines(text, 10, 2);
    expect(head).toBe(text.slice(0, 20));
    expect(head + rest).toBe(text);
    expect(takeLines('短', 10, 1)).toEqual(['短', '']);
  });
});

describe('appendix pages', () => {
  it('keeps short sections on one page and continues long ones', () => {
    const pages = paginateAppendix(
      [
        { heading: '工作经历', paragraphs: ['甲', '乙'] },
        { heading: '主要业绩成果', paragraphs: ['业'.repeat(10 * 30)] },
      ],
      10,
      20,
    );
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[0]![0]).toEqual({ heading: '工作经历', paragraphs: ['甲', '乙'], continued: false });
    expect(pages[1]![0]!.continued).toBe(true);
    const all = pages.flat().filter((b) => b.heading === '主要业绩成果').flatMap((b) => b.paragraphs).join('');
    expect(all).toBe('业'.repeat(300));
    for (const page of pages) {
      const lines = page.reduce((n, b) => n + 2 + b.paragraphs.reduce((m, p) => m + lineCount(p, 10), 0), 0);
      expect(lines).toBeLessThanOrEqual(20);
    }
  });
});

describe('row pagination', () => {
  it('fills pages up to their budget and keeps room for the closing block', () => {
    const rows = Array.from({ length: 10 }, (_, i) => i);
    expect(paginateRows(rows, () => 10, 50, 60, 0)).toEqual([
      [0, 1, 2, 3, 4],
      [5, 6, 7, 8, 9],
    ]);
    // The last page has 10 left, the closing block needs 15: it goes on a page of its own.
    expect(paginateRows(rows.slice(0, 4), () => 10, 50, 60, 15)).toEqual([[0, 1, 2, 3], []]);
    expect(paginateRows([], () => 10, 50, 60, 15)).toEqual([[]]);
  });
});
