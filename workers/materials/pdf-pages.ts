// The pages of a PDF, counted while its upload streams through: no second read of the stored blob,
// and memory bounded whatever the file's size. What is counted is what pdf-lib's getPageCount
// counted before (the page objects, `/Type /Page`, never the `/Pages` nodes of the tree), read from
// the objects as they pass:
// - `N G obj … endobj` at the top level of the file; a later definition of the same object number
//   (an incremental update) replaces the earlier one;
// - the objects packed in object streams (`/Type /ObjStm`, PDF 1.5, pdf-lib's own default), each
//   inflated once it has passed;
// - any other stream's data is skipped by its `/Length` (or, when that is an indirect reference, up
//   to `endstream`), so an embedded file that is itself a PDF adds no pages.
// Unlike pdf-lib, a page object that no page tree reaches any more is counted too. The count is
// null (as pdf-lib's failure was) when no page tree was seen, or when the file holds what this
// scan will not guess at: a dictionary over MAX_OBJECT, an object stream over MAX_OBJECT_STREAM or
// not Flate-encoded (an encrypted one does not inflate).
import { inflateSync } from 'node:zlib';

/** The largest object text kept to read its dictionary (a page dictionary is a few KiB). */
const MAX_OBJECT = 256 * 1024;
/** The largest object stream kept, compressed and inflated, to read the objects it holds. */
const MAX_OBJECT_STREAM = 4 * 1024 * 1024;
const MAX_INFLATED = 16 * 1024 * 1024;
/** Bytes kept from one chunk to the next, so that a keyword or an object header cut in two is found. */
const CARRY = 64;

const HEADER = /(\d+)\s+\d+\s+obj(?![A-Za-z0-9])/g;
const DICT_END = />>\s*stream(\r\n|\n|\r)|endobj/g;
const ENDSTREAM = 'endstream';

type Mode =
  | { kind: 'seek' }
  /** An object's text from `start` of the text being scanned; `from`: where its end may be. */
  | { kind: 'object'; num: number; start: number; from: number }
  /** A stream's data: `left` bytes (its direct length) or up to `endstream`; `kept` for an object stream. */
  | { kind: 'data'; entries: string; left: number | null; eatLf: boolean; kept: Buffer[] | null; keptBytes: number }
  | { kind: 'stop' };

/** The dictionary of an object's text with what it nests (dictionaries, strings, comments) left out: its own keys and values. */
export function ownEntries(text: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '%') {
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
    } else if (c === '(') {
      let nested = 1;
      for (i++; i < text.length && nested > 0; i++) {
        if (text[i] === '\\') i++;
        else if (text[i] === '(') nested++;
        else if (text[i] === ')') nested--;
      }
      i--;
      if (depth === 1) out += ' () ';
    } else if (c === '<' && text[i + 1] === '<') {
      depth++;
      i++;
      if (depth === 2) out += ' <<>> ';
    } else if (c === '<') {
      while (i < text.length && text[i] !== '>') i++;
      if (depth === 1) out += ' <> ';
    } else if (c === '>' && text[i + 1] === '>') {
      depth--;
      i++;
      if (depth === 0) break;
    } else if (depth === 1) out += c;
  }
  return out;
}

const NAME = '([^\\s/<>\\[\\]()%{}]+)';
const decodeName = (name: string) => name.replace(/#([0-9a-fA-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
/** The value of the name entry `key` of a dictionary's own entries (`/Type /Page` -> Page). */
function nameOf(entries: string, key: string): string | null {
  const match = new RegExp(`/${key}\\s*/${NAME}`).exec(entries);
  return match ? decodeName(match[1]!) : null;
}
/** The direct integer `key` of a dictionary's own entries; null when absent or an indirect reference. */
function integerOf(entries: string, key: string): number | null {
  const match = new RegExp(`/${key}\\s+(\\d+)(\\s+\\d+\\s+R)?(?![\\d.])`).exec(entries);
  return match && !match[2] ? Number(match[1]) : null;
}

/** Counts the pages of a PDF fed to it chunk by chunk; `pages()` once it is all through. */
export class PdfPageCounter {
  private readonly pageObjects = new Set<number>();
  private sawPageTree = false;
  private uncertain = false;
  private mode: Mode = { kind: 'seek' };
  private carry = '';

  write(chunk: Buffer): void {
    const mode = this.mode;
    if (mode.kind === 'stop') return;
    // Data skipped whole: not even read as text.
    if (mode.kind === 'data' && !mode.kept && !mode.eatLf && mode.left !== null && mode.left >= chunk.length && this.carry === '') {
      mode.left -= chunk.length;
      return;
    }
    try {
      this.scan(this.carry + chunk.toString('latin1'));
    } catch {
      this.giveUp();
    }
  }

  /** The count, or null when the file did not show its pages (see the file's comment). */
  pages(): number | null {
    if (this.uncertain || (!this.sawPageTree && this.pageObjects.size === 0)) return null;
    return this.pageObjects.size;
  }

  private giveUp(): void {
    this.uncertain = true;
    this.mode = { kind: 'stop' };
    this.carry = '';
  }

  private define(num: number, text: string): void {
    const type = nameOf(ownEntries(text), 'Type');
    if (type === 'Pages') this.sawPageTree = true;
    if (type === 'Page') this.pageObjects.add(num);
    else this.pageObjects.delete(num);
  }

  /** Scans `s` (latin1: one character a byte), what the last chunk left over first; keeps what the next one needs. */
  private scan(s: string): void {
    this.carry = '';
    let pos = 0;
    for (;;) {
      const mode = this.mode;
      if (mode.kind === 'stop') return;
      if (mode.kind === 'seek') {
        HEADER.lastIndex = pos;
        const match = HEADER.exec(s);
        if (!match) return void (this.carry = s.slice(Math.max(pos, s.length - CARRY)));
        pos = match.index + match[0].length;
        this.mode = { kind: 'object', num: Number(match[1]), start: pos, from: pos };
      } else if (mode.kind === 'object') {
        DICT_END.lastIndex = mode.from;
        const match = DICT_END.exec(s);
        if (!match) {
          this.carry = s.slice(mode.start);
          if (this.carry.length > MAX_OBJECT) return this.giveUp();
          mode.from = Math.max(0, this.carry.length - CARRY);
          mode.start = 0;
          return;
        }
        pos = match.index + match[0].length;
        if (match[0] === 'endobj') {
          this.define(mode.num, s.slice(mode.start, match.index));
          this.mode = { kind: 'seek' };
        } else {
          const dict = s.slice(mode.start, match.index + 2);
          this.define(mode.num, dict);
          const entries = ownEntries(dict);
          const kept = nameOf(entries, 'Type') === 'ObjStm' ? [] : null;
          this.mode = { kind: 'data', entries, left: integerOf(entries, 'Length'), eatLf: match[1] === '\r', kept, keptBytes: 0 };
        }
      } else {
        if (mode.eatLf) {
          if (pos >= s.length) return;
          if (s[pos] === '\n') pos++;
          mode.eatLf = false;
        }
        let end: number;
        if (mode.left !== null) {
          end = Math.min(s.length, pos + mode.left);
          mode.left -= end - pos;
          if (mode.kept) this.keep(mode, s.slice(pos, end));
          if (mode.left > 0) return;
          pos = end;
        } else {
          // No direct length: the data ends at `endstream`; the last bytes are carried, as it may be cut in two.
          end = s.indexOf(ENDSTREAM, pos);
          if (end < 0) {
            const cut = Math.max(pos, s.length - ENDSTREAM.length);
            if (mode.kept) this.keep(mode, s.slice(pos, cut));
            this.carry = s.slice(cut);
            return;
          }
          if (mode.kept) this.keep(mode, s.slice(pos, end));
          pos = end + ENDSTREAM.length;
        }
        if (this.uncertain) return;
        if (mode.kept) this.objectStream(mode.entries, Buffer.concat(mode.kept));
        if (this.uncertain) return;
        this.mode = { kind: 'seek' };
      }
    }
  }

  private keep(mode: Extract<Mode, { kind: 'data' }>, text: string): void {
    mode.keptBytes += text.length;
    if (mode.keptBytes > MAX_OBJECT_STREAM) return this.giveUp();
    mode.kept!.push(Buffer.from(text, 'latin1'));
  }

  /** The objects an object stream holds, each defined as it would be at the top level. */
  private objectStream(entries: string, data: Buffer): void {
    const filter = /\/Filter\s*\[?\s*\/([^\s/<>[\]()%{}]+)\s*\]?/.exec(entries)?.[1];
    const n = integerOf(entries, 'N');
    const first = integerOf(entries, 'First');
    if ((filter !== undefined && decodeName(filter) !== 'FlateDecode') || /\/DecodeParms/.test(entries) || n === null || first === null) return this.giveUp();
    // Data found by its `endstream` ends with the end-of-line before it; inflating stops at the data's own end.
    let text: string;
    try {
      text = (filter === undefined ? data : inflateSync(data, { maxOutputLength: MAX_INFLATED })).toString('latin1');
    } catch {
      return this.giveUp();
    }
    const numbers = text.slice(0, first).trim().split(/\s+/).map(Number);
    for (let i = 0; i < n; i++) {
      const num = numbers[2 * i];
      const offset = numbers[2 * i + 1];
      if (num === undefined || offset === undefined || !Number.isInteger(num) || !Number.isInteger(offset)) return this.giveUp();
      const next = numbers[2 * i + 3];
      this.define(num, text.slice(first + offset, next === undefined ? undefined : first + next));
    }
  }
}
