// Splitting one print into standalone PDFs. The fixture is a three-page print by Chromium 156 (as the
// renderer makes them: a CJK web-font subset, Type 3 glyphs), one "document" per page.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { PRODUCER, splitChromiumPdf, splitPdf, UnsupportedPdfError } from '../../workers/documents/split.js';
import { pdfFonts, pdfPages, pdfText } from './helpers.js';

const FIXTURE = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'chromium-3-pages.pdf'));

describe('byte-level split of a Chromium print', () => {
  it('makes one standalone PDF per document, each with its own pages, fonts and text', async () => {
    const docs = splitChromiumPdf(FIXTURE, [
      { start: 0, count: 1, title: '吉林省专业技术资格评审一览表' },
      { start: 1, count: 2 },
    ]);
    expect(docs).toHaveLength(2);
    expect(pdfPages(docs[0]!)).toBe(1);
    expect(pdfPages(docs[1]!)).toBe(2);
    expect(pdfText(docs[0]!)).toBe('甲first文档䶮');
    expect(pdfText(docs[1]!)).toBe('乙second文档堃丙third文档喆');
    for (const doc of docs) {
      expect(pdfFonts(doc).every((f) => f.embedded && f.unicode)).toBe(true);
      // A strict reader opens it too.
      const parsed = await PDFDocument.load(doc, { updateMetadata: false });
      expect(parsed.getPageCount()).toBeGreaterThan(0);
      expect(parsed.getProducer()).toBe(PRODUCER);
    }
    expect((await PDFDocument.load(docs[0]!, { updateMetadata: false })).getTitle()).toBe('吉林省专业技术资格评审一览表');
    for (const doc of docs) {
      // poppler reports damage on stderr ("Syntax Error: ...").
      const info = spawnSync('pdfinfo', ['-'], { input: doc, encoding: 'utf8' });
      expect(info.status).toBe(0);
      expect(info.stderr).toBe('');
      expect(info.stdout).not.toMatch(/CreationDate/);
    }
  });

  it('gives equal output for equal input (no dates or random ids)', () => {
    const a = splitChromiumPdf(FIXTURE, [{ start: 0, count: 3 }]);
    const b = splitChromiumPdf(FIXTURE, [{ start: 0, count: 3 }]);
    expect(Buffer.compare(a[0]!, b[0]!)).toBe(0);
  });

  it('refuses page plans that do not match the print', () => {
    expect(() => splitChromiumPdf(FIXTURE, [{ start: 0, count: 2 }])).toThrow(/3 pages where the documents have 2/);
    expect(() => splitChromiumPdf(FIXTURE, [{ start: 0, count: 4 }])).toThrow(/3 pages/);
  });

  it('leaves anything but a plain classic-xref PDF to the generic path', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    for (const word of ['alpha', 'beta', 'gamma']) doc.addPage([300, 300]).drawText(word, { x: 20, y: 150, font });
    // pdf-lib writes object streams and an xref stream.
    const pdf = await doc.save();
    expect(() => splitChromiumPdf(pdf, [{ start: 0, count: 3 }])).toThrow(UnsupportedPdfError);
    const docs = await splitPdf(pdf, [
      { start: 0, count: 2, title: 'x' },
      { start: 2, count: 1 },
    ]);
    expect(docs.map(pdfPages)).toEqual([2, 1]);
    expect(pdfText(docs[1]!)).toBe('gamma');
  });
});
