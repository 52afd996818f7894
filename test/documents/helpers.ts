// Shared by the document tests: sample data, poppler wrappers and image comparison.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { TEMPLATE_NAMES, TEMPLATES_DIR } from '../../workers/documents/templates.js';

export { TEMPLATE_NAMES };

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
// Each test file loads these helpers once: its scratch folder goes when its worker exits.
process.once('exit', () => rmSync(tmp, { recursive: true, force: true }));

function tmpFile(pdf: Uint8Array): string {
  const file = path.join(tmp, `d${seq++}.pdf`);
  writeFileSync(file, pdf);
  return file;
}

/** The text poppler extracts from a PDF, whitespace removed (table cells split words). */
export function pdfText(pdf: Uint8Array): string {
  return execFileSync('pdftotext', ['-layout', tmpFile(pdf), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}

/** The text poppler extracts in content order (a wrapped cell reads as one run), whitespace removed. */
export function pdfRawText(pdf: Uint8Array): string {
  return execFileSync('pdftotext', ['-raw', tmpFile(pdf), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}

/** Number of pages of a PDF according to poppler. */
export function pdfPages(pdf: Uint8Array): number {
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [tmpFile(pdf)], { encoding: 'utf8' }))![1]);
}

/** pdffonts rows: [type, embedded, has ToUnicode]. */
export function pdfFonts(pdf: Uint8Array): { type: string; embedded: boolean; unicode: boolean }[] {
  const lines = execFileSync('pdffonts', [tmpFile(pdf)], { encoding: 'utf8' }).trim().split('\n').slice(2);
  return lines.map((line) => {
    const m = /^\S+\s+(.+?)\s+\S+\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.exec(line)!;
    return { type: m[1]!, embedded: m[2] === 'yes', unicode: m[4] === 'yes' };
  });
}

/** First page of a PDF as a PNG at 50 dpi. */
export function firstPagePng(pdf: Uint8Array): Buffer {
  const root = path.join(tmp, `r${seq++}`);
  writeFileSync(`${root}.pdf`, pdf);
  execFileSync('pdftoppm', ['-r', '50', '-f', '1', '-l', '1', '-png', '-singlefile', `${root}.pdf`, root]);
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
