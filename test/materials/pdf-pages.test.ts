// A PDF's pages, counted while its upload streams (workers/materials/pdf-pages.ts): the count
// pdf-lib's getPageCount gives for the whole file, whatever the chunks it arrives in, with objects
// cut anywhere between two chunks, packed in object streams or not.
import { PDFDocument } from 'pdf-lib';
import { PdfPageCounter } from '../../workers/materials/pdf-pages.js';

async function pdf(pages: number, options: { objectStreams?: boolean; attachment?: Uint8Array } = {}): Promise<Buffer> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage([200 + i, 200]);
  if (options.attachment) await doc.attach(options.attachment, 'attached.pdf', { mimeType: 'application/pdf' });
  return Buffer.from(await doc.save({ useObjectStreams: options.objectStreams ?? true, addDefaultPage: false }));
}

/** The count of `file` fed in chunks of `size` bytes. */
function counted(file: Buffer, size: number): number | null {
  const counter = new PdfPageCounter();
  for (let at = 0; at < file.length; at += size) counter.write(file.subarray(at, at + size));
  return counter.pages();
}

/** The count of `file` cut in two at `cut`. */
function cutAt(file: Buffer, cut: number): number | null {
  const counter = new PdfPageCounter();
  counter.write(file.subarray(0, cut));
  counter.write(file.subarray(cut));
  return counter.pages();
}

const pdfLibCount = async (file: Buffer) => (await PDFDocument.load(file, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false })).getPageCount();

describe('the pages of a PDF, counted as it streams', () => {
  it.each([
    ['with object streams', true],
    ['without object streams', false],
  ])('counts what pdf-lib counts, %s, in chunks of any size', async (_name, objectStreams) => {
    for (const pages of [1, 2, 7, 40]) {
      const file = await pdf(pages, { objectStreams });
      expect(await pdfLibCount(file)).toBe(pages);
      for (const size of [1, 3, 7, 64, 1000, 65536]) expect([pages, size, counted(file, size)]).toEqual([pages, size, pages]);
    }
  });

  it('counts the same whichever byte an object, a keyword or an object stream is cut at', async () => {
    for (const objectStreams of [true, false]) {
      const file = await pdf(3, { objectStreams });
      const wrong = [];
      for (let cut = 1; cut < file.length; cut++) if (cutAt(file, cut) !== 3) wrong.push(cut);
      expect(wrong).toEqual([]);
    }
  });

  it('counts no page of an embedded PDF, however its stream is cut', async () => {
    const inner = await pdf(5, { objectStreams: false });
    const file = await pdf(2, { attachment: inner, objectStreams: false });
    expect(await pdfLibCount(file)).toBe(2);
    for (const size of [1, 13, 4096]) expect(counted(file, size)).toBe(2);
  });

  it('skips a stream by its length, or up to its endstream when the length is a reference; a later definition of an object replaces the earlier one', () => {
    // Data that looks like a page object, inside streams: never counted.
    const inside = '9 0 obj << /Type /Page >> endobj';
    const file = Buffer.from(
      [
        '%PDF-1.4',
        '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
        '2 0 obj << /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >> endobj',
        '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] /Contents 5 0 R >> endobj',
        '4 0 obj << /Type/Page/Parent 2 0 R /MediaBox [0 0 10 10] >> endobj',
        `5 0 obj << /Length 6 0 R >>\nstream\n${inside}\nendstream\nendobj`,
        `6 0 obj ${inside.length} endobj`,
        `8 0 obj << /Length ${inside.length} >>\r\nstream\r\n${inside}endstream\nendobj`,
        '7 0 obj << /Type /Annot /P << /Type /Page >> (a string /Type /Page) >> endobj',
        // An incremental update: object 4 is no longer a page, the tree holds object 3 alone.
        '4 0 obj << /Type /XObject >> endobj',
        '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
        'trailer << /Root 1 0 R >>',
        '%%EOF',
      ].join('\n'),
      'latin1',
    );
    for (const size of [1, 5, 64, 10_000]) expect(counted(file, size)).toBe(1);
  });

  it('answers null for what shows no page tree, and 0 for a PDF of no pages (as pdf-lib does)', async () => {
    expect(counted(Buffer.from('%PDF-1.7\nnothing here at all\n'), 7)).toBeNull();
    const empty = await pdf(0);
    expect(await pdfLibCount(empty)).toBe(0);
    expect(counted(empty, 64)).toBe(0);
  });

  it('answers null for an object stream it does not inflate, rather than a wrong count', () => {
    const file = Buffer.from(
      ['%PDF-1.5', '1 0 obj << /Type /Pages /Count 1 /Kids [] >> endobj', '2 0 obj << /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length 8 >>\nstream\nnotzlib!\nendstream\nendobj', '%%EOF'].join('\n'),
      'latin1',
    );
    expect(counted(file, 16)).toBeNull();
  });
});
