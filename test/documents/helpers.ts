// Shared by the document tests: sample data, pdftotext/pdftoppm wrappers and image comparison.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { TEMPLATES_DIR } from '../../workers/documents/templates.js';

/** Names of the four document templates. */
export const TEMPLATE_NAMES = ['review-summary', 'publicity-form', 'certificate', 'committee-report'] as const;

/** The committed sample data of a template. */
export function sample(name: string): Record<string, any> {
  return JSON.parse(readFileSync(path.join(TEMPLATES_DIR, `${name}.sample.json`), 'utf8'));
}

/** Sample data of `name` with the applicant renamed. */
export function withName(name: string, applicant: string): Record<string, any> {
  const data = sample(name);
  return { ...data, applicant: { ...data.applicant, name: applicant } };
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'documents-test-'));
let seq = 0;

/** The text poppler extracts from a PDF, whitespace removed (table cells split words). */
export function pdfText(pdf: Buffer): string {
  const file = path.join(tmp, `t${seq++}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}

/** Number of pages of a PDF according to poppler. */
export function pdfPages(pdf: Buffer): number {
  const file = path.join(tmp, `p${seq++}.pdf`);
  writeFileSync(file, pdf);
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
}

/** First page of a PDF as a PNG at 40 dpi. */
export function firstPagePng(pdf: Buffer): Buffer {
  const root = path.join(tmp, `r${seq++}`);
  writeFileSync(`${root}.pdf`, pdf);
  execFileSync('pdftoppm', ['-r', '40', '-f', '1', '-l', '1', '-png', '-singlefile', `${root}.pdf`, root]);
  return readFileSync(`${root}.png`);
}

/** Share of pixels that differ between two PNGs (1 when the sizes differ). */
export function pixelDifference(a: Buffer, b: Buffer): number {
  const pa = PNG.sync.read(a);
  const pb = PNG.sync.read(b);
  if (pa.width !== pb.width || pa.height !== pb.height) return 1;
  const diff = pixelmatch(pa.data, pb.data, undefined, pa.width, pa.height, { threshold: 0.2 });
  return diff / (pa.width * pa.height);
}
