// Page planning before printing. Every document is a run of fixed A4 sheets, so where each document
// starts in a batch print is known in advance; the price is that the templates must decide which
// text goes on which sheet. These estimates do that from character widths (the face's ideographs
// are 1 em wide, Latin letters and digits about half), erring on the side of more lines. The
// renderer still measures every sheet and refuses a document whose content does not fit, so an
// estimate that is wrong fails loudly instead of clipping text.

/** Width of `text` in em of the document font: ideographs and full-width forms 1, others 0.6. */
export function emWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    // CJK blocks, full-width forms, CJK punctuation and general punctuation (“ ” — …) are full width.
    w += cp >= 0x2e80 || (cp >= 0x2010 && cp <= 0x206f) || (cp >= 0x3000 && cp <= 0x303f) ? 1 : 0.6;
  }
  return w;
}

/** Lines `text` takes in a box `em` wide; each paragraph (newline) starts a line, with `indent` em. */
export function lineCount(text: string, em: number, indent = 0): number {
  let lines = 0;
  for (const paragraph of text.split('\n')) lines += Math.max(1, Math.ceil((emWidth(paragraph) + indent) / em));
  return lines;
}

/** The longest prefix of `text` that fits `lines` lines of `em` (at a character boundary), and the rest. */
export function takeLines(text: string, em: number, lines: number, indent = 0): [string, string] {
  const chars = [...text];
  let width = indent;
  let line = 1;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === '\n') {
      if (line + 1 > lines) return [chars.slice(0, i).join(''), chars.slice(i + 1).join('')];
      line++;
      width = indent;
      continue;
    }
    const w = emWidth(ch);
    if (width + w > em) {
      if (line + 1 > lines) return [chars.slice(0, i).join(''), chars.slice(i).join('')];
      line++;
      width = 0;
    }
    width += w;
  }
  return [text, ''];
}

/** A block of an appendix page: an optional heading and paragraphs (continued ones flagged). */
export interface AppendixBlock {
  heading: string | null;
  paragraphs: string[];
  continued: boolean;
}

/** A long text field moved to the appendix. */
export interface AppendixSection {
  heading: string;
  paragraphs: string[];
  /** Indent of each paragraph's first line, in em. */
  indent?: number;
}

/**
 * Lays `sections` out on appendix pages of `linesPerPage` lines of `em` each. A heading takes two
 * lines and is never left alone at the bottom of a page; paragraphs split across pages.
 */
export function paginateAppendix(sections: AppendixSection[], em: number, linesPerPage: number): AppendixBlock[][] {
  const pages: AppendixBlock[][] = [];
  let page: AppendixBlock[] = [];
  let left = linesPerPage;
  const newPage = () => {
    if (page.length > 0) pages.push(page);
    page = [];
    left = linesPerPage;
  };
  for (const section of sections) {
    const indent = section.indent ?? 0;
    if (left < 3) newPage();
    let block: AppendixBlock = { heading: section.heading, paragraphs: [], continued: false };
    page.push(block);
    left -= 2;
    for (let text of section.paragraphs) {
      for (;;) {
        const need = lineCount(text, em, indent);
        if (need <= left) {
          block.paragraphs.push(text);
          left -= need;
          break;
        }
        const [head, rest] = left > 0 ? takeLines(text, em, left, indent) : ['', text];
        if (head) block.paragraphs.push(head);
        newPage();
        block = { heading: section.heading, paragraphs: [], continued: true };
        page.push(block);
        left -= 2;
        text = rest;
        if (!text) break;
      }
    }
  }
  newPage();
  return pages;
}

/**
 * Splits rows of estimated heights into pages: `firstBudget` and `nextBudget` are the heights
 * available for rows, `closing` the room the last page must keep after its rows.
 */
export function paginateRows<T>(rows: T[], height: (row: T) => number, firstBudget: number, nextBudget: number, closing: number): T[][] {
  const pages: T[][] = [[]];
  let left = firstBudget;
  for (const row of rows) {
    const h = height(row);
    if (h > left && pages.at(-1)!.length > 0) {
      pages.push([]);
      left = nextBudget;
    }
    pages.at(-1)!.push(row);
    left -= h;
  }
  if (left < closing) pages.push([]);
  return pages;
}
