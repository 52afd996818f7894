// Splits one multi-page print into standalone PDFs, one per document.
//
// Chromium's PDFs hold their CJK text as Type 3 fonts (Skia's way of embedding CFF outlines): one
// small stream per glyph. A document therefore references hundreds of objects, and a generic copy
// (pdf-lib's copyPages + save) spends about 20 ms per document parsing, cloning and re-serialising
// them, more than Chromium spends printing the page. Skia writes a plain PDF (one classic xref
// table, no object streams, no incremental updates, no inherited page attributes), so the fast path
// copies each document's objects as bytes: it follows the references from its pages, renumbers
// them compactly and writes a new page tree, catalog and xref. Anything outside that shape goes to
// the generic pdf-lib path, which handles any PDF.
import { PDFDocument } from 'pdf-lib';

/** One document inside a print: its pages and metadata. */
export interface DocumentPages {
  /** Index of its first page in the print (0-based). */
  start: number;
  /** Its number of pages. */
  count: number;
  /** Document title (shown by readers instead of the file name). */
  title?: string;
}

/** Producer written into every split document. */
export const PRODUCER = 'jilin-title-review';

/** A PDF the byte-level splitter does not handle (the generic path does). */
export class UnsupportedPdfError extends Error {
  override name = 'UnsupportedPdfError';
}

interface ParsedObject {
  /** The object's dictionary (or value) cut at its references: parts.length === refs.length + 1. */
  parts: string[];
  /** Object numbers referenced from the dictionary, in order. */
  refs: number[];
  /** Index in `refs` of a page's /Parent reference, or -1. */
  parentRef: number;
  /** Offset where the stream keyword starts (or the end of the object's value). */
  dictEnd: number;
  /** Offset just after `endobj`. */
  end: number;
}

const REF = /(\d+)\s+(\d+)\s+R\b/g;
const INHERITABLE = /\/(Resources|MediaBox|CropBox|Rotate)\b/;

/** UTF-16BE hex string with BOM: how PDF carries non-Latin text in its strings. */
function pdfTextString(text: string): string {
  const utf16 = Buffer.from(text, 'utf16le').swap16();
  return `<FEFF${utf16.toString('hex').toUpperCase()}>`;
}

class ChromiumPdf {
  readonly text: string;
  readonly objects = new Map<number, ParsedObject>();
  readonly pages: number[] = [];
  private readonly pageSet = new Set<number>();
  readonly version: string;
  private readonly pageTreeNodes = new Set<number>();

  constructor(readonly bytes: Buffer) {
    // latin1 maps bytes to characters one to one, so string offsets are byte offsets.
    this.text = bytes.toString('latin1');
    const version = /^%PDF-(\d\.\d)/.exec(this.text);
    if (!version) throw new UnsupportedPdfError('not a PDF');
    this.version = version[1]!;
    const sx = this.text.lastIndexOf('startxref');
    const xrefAt = sx < 0 ? NaN : Number(/^startxref\s+(\d+)/.exec(this.text.slice(sx, sx + 40))?.[1]);
    if (!Number.isFinite(xrefAt) || !this.text.startsWith('xref', xrefAt)) {
      throw new UnsupportedPdfError('no classic xref table (xref stream or damaged file)');
    }
    const trailerAt = this.text.indexOf('trailer', xrefAt);
    if (trailerAt < 0) throw new UnsupportedPdfError('no trailer');
    const trailer = this.text.slice(trailerAt, sx);
    if (/\/(Prev|Encrypt|XRefStm)\b/.test(trailer)) throw new UnsupportedPdfError('incremental update or encryption');
    const root = /\/Root\s+(\d+)\s+0\s+R/.exec(trailer);
    if (!root) throw new UnsupportedPdfError('trailer without /Root');

    const offsets: [number, number][] = [];
    const section = /(\d+)\s+(\d+)\s*[\r\n]+/y;
    let at = xrefAt + 4;
    while (at < trailerAt) {
      while (/\s/.test(this.text[at]!)) at++;
      if (at >= trailerAt) break;
      section.lastIndex = at;
      const head = section.exec(this.text);
      if (!head) throw new UnsupportedPdfError('malformed xref section');
      const first = Number(head[1]);
      const count = Number(head[2]);
      at = section.lastIndex;
      for (let i = 0; i < count; i++, at += 20) {
        const entry = this.text.slice(at, at + 18);
        const m = /^(\d{10}) (\d{5}) ([nf])$/.exec(entry);
        if (!m) throw new UnsupportedPdfError('malformed xref entry');
        if (m[3] === 'n') {
          if (m[2] !== '00000') throw new UnsupportedPdfError('object generations other than 0');
          offsets.push([first + i, Number(m[1])]);
        }
      }
    }
    offsets.sort((a, b) => a[1] - b[1]);
    offsets.forEach(([num, offset], i) => {
      const limit = i + 1 < offsets.length ? offsets[i + 1]![1] : xrefAt;
      const head = new RegExp(`^${num}\\s+0\\s+obj\\b`).exec(this.text.slice(offset, offset + 24));
      if (!head) throw new UnsupportedPdfError(`xref offset of object ${num} does not point at it`);
      const endobj = this.text.lastIndexOf('endobj', limit);
      if (endobj < offset) throw new UnsupportedPdfError(`object ${num} has no endobj`);
      const dictStart = offset + head[0].length;
      // A stream's dictionary ends where the stream keyword starts; only the dictionary holds
      // references (stream data is copied untouched).
      const body = this.text.slice(dictStart, endobj);
      const stream = /(>>\s*)stream\r?\n/.exec(body);
      const dictEnd = stream ? dictStart + stream.index + stream[1]!.length : endobj;
      const dict = this.text.slice(dictStart, dictEnd);
      const parts: string[] = [];
      const refs: number[] = [];
      let parentRef = -1;
      let last = 0;
      for (const m of dict.matchAll(REF)) {
        if (m[2] !== '0') throw new UnsupportedPdfError('reference to a generation other than 0');
        if (/\/Parent\s+$/.test(dict.slice(Math.max(last, m.index - 12), m.index))) parentRef = refs.length;
        parts.push(dict.slice(last, m.index));
        refs.push(Number(m[1]));
        last = m.index + m[0].length;
      }
      parts.push(dict.slice(last));
      this.objects.set(num, { parts, refs, parentRef, dictEnd, end: endobj + 'endobj'.length });
    });

    const catalog = this.dict(Number(root[1]));
    const pagesRef = /\/Pages\s+(\d+)\s+0\s+R/.exec(catalog);
    if (!pagesRef) throw new UnsupportedPdfError('catalog without /Pages');
    this.collectPages(Number(pagesRef[1]), 0);
  }

  object(num: number): ParsedObject {
    const o = this.objects.get(num);
    if (!o) throw new UnsupportedPdfError(`reference to missing object ${num}`);
    return o;
  }

  dict(num: number): string {
    const o = this.object(num);
    let out = o.parts[0]!;
    for (let i = 0; i < o.refs.length; i++) out += `${o.refs[i]} 0 R${o.parts[i + 1]}`;
    return out;
  }

  private collectPages(num: number, depth: number): void {
    if (depth > 32) throw new UnsupportedPdfError('page tree too deep');
    const d = this.dict(num);
    if (/\/Type\s*\/Pages\b/.test(d)) {
      // Attributes a page would inherit from its tree node would be lost with the node.
      if (INHERITABLE.test(d)) throw new UnsupportedPdfError('page tree node with inheritable attributes');
      this.pageTreeNodes.add(num);
      const kids = /\/Kids\s*\[([^\]]*)\]/.exec(d);
      if (!kids) throw new UnsupportedPdfError('page tree node without /Kids');
      for (const m of kids[1]!.matchAll(REF)) this.collectPages(Number(m[1]), depth + 1);
    } else if (/\/Type\s*\/Page\b/.test(d)) {
      this.pages.push(num);
      this.pageSet.add(num);
    } else {
      throw new UnsupportedPdfError(`page tree holds object ${num}, which is no page`);
    }
  }

  /** Objects reachable from `pages`, pages first, not following the pages' /Parent. */
  closure(pages: number[]): number[] {
    const allowedPages = new Set(pages);
    const order: number[] = [];
    const seen = new Set<number>();
    const visit = (num: number) => {
      if (seen.has(num)) return;
      if (this.pageTreeNodes.has(num)) throw new UnsupportedPdfError('an object refers to the page tree');
      seen.add(num);
      order.push(num);
    };
    pages.forEach(visit);
    for (let i = 0; i < order.length; i++) {
      const num = order[i]!;
      const o = this.object(num);
      const isPage = allowedPages.has(num);
      if (!isPage && this.pageSet.has(num)) throw new UnsupportedPdfError('a document refers to a page of another');
      o.refs.forEach((ref, r) => {
        if (!(isPage && r === o.parentRef)) visit(ref);
      });
    }
    return order;
  }
}

/** Serialises `order` renumbered by `renumber`; a page's /Parent points at `pagesNum`. */
function serialise(
  src: ChromiumPdf,
  order: number[],
  renumber: Map<number, number>,
  pageSet: Set<number>,
  pagesNum: number,
): { text: string; offsets: number[] } {
  const out: string[] = [];
  const offsets: number[] = [];
  let size = 0;
  const push = (chunk: string) => {
    out.push(chunk);
    size += chunk.length;
  };
  for (const num of order) {
    const o = src.object(num);
    const isPage = pageSet.has(num);
    offsets.push(size);
    push(`${renumber.get(num)} 0 obj`);
    push(o.parts[0]!);
    for (let r = 0; r < o.refs.length; r++) {
      const target = isPage && r === o.parentRef ? pagesNum : renumber.get(o.refs[r]!);
      if (target === undefined) throw new Error(`object ${num} refers to ${o.refs[r]}, which was not copied`);
      push(`${target} 0 R`);
      push(o.parts[r + 1]!);
    }
    push(src.text.slice(o.dictEnd, o.end));
    push('\n');
  }
  return { text: out.join(''), offsets };
}

/** Byte-level split of a PDF as Chromium (Skia) writes it; throws UnsupportedPdfError otherwise. */
export function splitChromiumPdf(pdf: Uint8Array, documents: DocumentPages[]): Buffer[] {
  const src = new ChromiumPdf(Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength));
  const total = documents.reduce((n, d) => n + d.count, 0);
  if (total !== src.pages.length) {
    throw new Error(`print has ${src.pages.length} pages where the documents have ${total}`);
  }
  const plans = documents.map((doc) => {
    const pages = src.pages.slice(doc.start, doc.start + doc.count);
    if (pages.length !== doc.count || doc.count === 0) throw new Error(`no pages ${doc.start}..${doc.start + doc.count - 1} in print`);
    return { doc, pages, closure: src.closure(pages) };
  });
  // The objects every document needs (the fonts, mostly) are numbered alike in all of them, so
  // their bytes are built once. A reachable set is closed under references, so these objects
  // refer only to one another.
  const uses = new Map<number, number>();
  for (const plan of plans) for (const num of plan.closure) uses.set(num, (uses.get(num) ?? 0) + 1);
  const common = plans.length > 1 ? [...uses].filter(([, n]) => n === plans.length).map(([num]) => num).sort((a, b) => a - b) : [];
  const commonSet = new Set(common);
  const commonNumbers = new Map(common.map((num, i) => [num, i + 1]));
  const shared = serialise(src, common, commonNumbers, new Set(), 0);
  const header = `%PDF-${src.version}\n%\xE2\xE3\xCF\xD3\n`;
  // Bytes are joined as buffers: encoding one long concatenated string would flatten it per document.
  const headerBytes = Buffer.from(header + shared.text, 'latin1');

  return plans.map(({ doc, pages, closure }) => {
    const own = closure.filter((num) => !commonSet.has(num));
    const renumber = new Map(commonNumbers);
    own.forEach((num, i) => renumber.set(num, common.length + i + 1));
    const count = common.length + own.length;
    const pagesNum = count + 1;
    const catalogNum = count + 2;
    const infoNum = count + 3;
    const mine = serialise(src, own, renumber, new Set(pages), pagesNum);
    const offsets = [
      ...shared.offsets.map((o) => o + header.length),
      ...mine.offsets.map((o) => o + header.length + shared.text.length),
    ];
    let size = header.length + shared.text.length + mine.text.length;
    const kids = pages.map((p) => `${renumber.get(p)} 0 R`).join(' ');
    let tail = '';
    [
      `<</Type /Pages\n/Kids [${kids}]\n/Count ${pages.length}>>`,
      `<</Type /Catalog\n/Pages ${pagesNum} 0 R\n/ViewerPreferences <</DisplayDocTitle true>>>>`,
      `<</Producer (${PRODUCER})${doc.title ? `\n/Title ${pdfTextString(doc.title)}` : ''}>>`,
    ].forEach((body, i) => {
      offsets.push(size + tail.length);
      tail += `${pagesNum + i} 0 obj\n${body}\nendobj\n`;
    });
    size += tail.length;
    let xref = `xref\n0 ${offsets.length + 1}\n0000000000 65535 f \n`;
    for (const off of offsets) xref += `${String(off).padStart(10, '0')} 00000 n \n`;
    xref += `trailer\n<</Size ${offsets.length + 1}\n/Root ${catalogNum} 0 R\n/Info ${infoNum} 0 R>>\nstartxref\n${size}\n%%EOF\n`;
    return Buffer.concat([headerBytes, Buffer.from(mine.text + tail + xref, 'latin1')]);
  });
}

/** Generic split with pdf-lib: slower, but handles any PDF pdf-lib can read. */
export async function splitWithPdfLib(pdf: Uint8Array, documents: DocumentPages[]): Promise<Buffer[]> {
  const src = await PDFDocument.load(pdf, { updateMetadata: false });
  const total = documents.reduce((n, d) => n + d.count, 0);
  if (src.getPageCount() !== total) {
    throw new Error(`print has ${src.getPageCount()} pages where the documents have ${total}`);
  }
  const out: Buffer[] = [];
  for (const doc of documents) {
    const dst = await PDFDocument.create({ updateMetadata: false });
    const indices = Array.from({ length: doc.count }, (_, i) => doc.start + i);
    for (const page of await dst.copyPages(src, indices)) dst.addPage(page);
    dst.setProducer(PRODUCER);
    if (doc.title) dst.setTitle(doc.title, { showInWindowTitleBar: true });
    out.push(Buffer.from(await dst.save({ useObjectStreams: false })));
  }
  return out;
}

/** Splits `pdf` into one standalone PDF per document, in order (fast path, else pdf-lib). */
export async function splitPdf(pdf: Uint8Array, documents: DocumentPages[]): Promise<Buffer[]> {
  try {
    return splitChromiumPdf(pdf, documents);
  } catch (error) {
    if (!(error instanceof UnsupportedPdfError)) throw error;
    return splitWithPdfLib(pdf, documents);
  }
}
