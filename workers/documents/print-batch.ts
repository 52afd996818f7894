// One print: a batch of documents laid out on a warm page, printed as one PDF and split into a
// standalone PDF per document.
//
// Throughput: every page.pdf() call has a fixed cost far above the cost of one more page, so a
// batch is printed as one multi-page print and split afterwards (split.ts). Each document is a run
// of fixed-size A4 `.page` sections, so the page where each document starts is known from the DOM
// before printing; the print's page count is checked against it.
import type { Page } from 'puppeteer-core';
import type { BatchFonts } from './batch-fonts.js';
import type { BrowserPool, Slot } from './browser-pool.js';
import type { FontSubset } from './fonts.js';
import { DocumentError, RenderTimeoutError } from './render-errors.js';
import type { RendererStats } from './render-stats.js';
import { splitPdf } from './split.js';
import { documentTitle } from './templates.js';

const FONT_FAMILY = 'DocSerif';

/**
 * Runs in the page (as a string, so no compiler helper can leak into it): installs the print's
 * fonts from their bytes (no URL, so nothing to fetch), replaces the body, and reports each
 * document's number of `.page` sections. Documents whose content does not fit their pages are
 * removed from the print and reported.
 */
const AsyncFunction = (async () => undefined).constructor as new (...source: string[]) => (...args: unknown[]) => Promise<unknown>;
const SET_CONTENT = new AsyncFunction(
  'family',
  'regular',
  'bold',
  'html',
  `const bytes = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  document.fonts.clear();
  const faces = [new FontFace(family, bytes(regular), { weight: '400' })];
  if (bold) faces.push(new FontFace(family, bytes(bold), { weight: '700' }));
  for (const face of faces) document.fonts.add(face);
  await Promise.all(faces.map((face) => face.loaded));
  document.body.innerHTML = html;
  const pages = [];
  const overflow = [];
  const docs = Array.from(document.body.children);
  docs.forEach((doc, i) => {
    const sections = Array.from(doc.children).filter((el) => el.classList.contains('page'));
    pages.push(sections.length);
    if (sections.some((p) => p.scrollHeight > p.clientHeight + 1 || p.scrollWidth > p.clientWidth + 1)) overflow.push(i);
  });
  for (const i of overflow) docs[i].remove();
  return { pages, overflow };`,
);

/** A document to print, with what its caller waits on. */
export interface PrintJob {
  template: string;
  html: string;
  /** The characters of `html` (see `charset`). */
  chars: string;
  resolve: (pdf: Buffer) => void;
  reject: (error: unknown) => void;
}

/** The print of a batch: the PDF, each document's pages, and the documents left out for overflow. */
interface Printed {
  pdf: Uint8Array;
  pages: number[];
  overflow: number[];
}

/** Prints `jobs` on `slot`; resolves or rejects each job, or throws when the print as a whole failed. */
export type BatchPrinter = (slot: Slot, jobs: PrintJob[]) => Promise<void>;

export interface BatchPrinterOptions {
  pool: BrowserPool;
  fonts: BatchFonts;
  stats: RendererStats;
  /** Time limit of a one-page print; each further page adds a tenth of it. */
  timeoutMs: number;
}

/** Lays `jobs` out on `page` and prints them, within `limit` ms. */
async function printOnPage(page: Page, font: FontSubset, jobs: PrintJob[], limit: number): Promise<Printed> {
  const body = jobs.map((j) => `<div class="doc">${j.html}</div>`).join('');
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      (async () => {
        const laid = (await page.evaluate(
          SET_CONTENT,
          FONT_FAMILY,
          font.regular.toString('base64'),
          font.bold?.toString('base64') ?? '',
          body,
        )) as { pages: number[]; overflow: number[] };
        const printed = jobs.length - laid.overflow.length;
        // Untagged, no outline: the structure tree more than doubles print time and size,
        // and these forms are printed, not navigated. Fonts are already loaded.
        const pdf =
          printed === 0
            ? new Uint8Array()
            : await page.pdf({
                preferCSSPageSize: true,
                printBackground: true,
                tagged: false,
                outline: false,
                waitForFonts: false,
                timeout: limit,
              });
        return { pdf, ...laid };
      })(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new RenderTimeoutError(`print of ${jobs.length} document(s) exceeded ${limit} ms`)),
          limit,
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Splits the print into one PDF per document and settles each job. */
async function deliver(jobs: PrintJob[], result: Printed): Promise<void> {
  const overflow = new Set(result.overflow);
  const printed: { job: PrintJob; start: number; count: number }[] = [];
  let start = 0;
  jobs.forEach((job, i) => {
    const count = result.pages[i] ?? 0;
    if (overflow.has(i)) {
      job.reject(new DocumentError(`${job.template}: the content does not fit its page(s); shorten the longest fields`));
    } else if (count === 0) {
      job.reject(new DocumentError(`${job.template}: the template produced no <section class="page">`));
    } else {
      printed.push({ job, start, count });
      start += count;
    }
  });
  if (printed.length === 0) return;
  let pdfs: Buffer[];
  try {
    pdfs = await splitPdf(
      result.pdf,
      printed.map((p) => ({ start: p.start, count: p.count, title: documentTitle(p.job.template) })),
    );
  } catch (error) {
    // Printed alone and still not the planned pages: the template lets content spill.
    if (jobs.length === 1) throw new DocumentError(`${jobs[0]!.template}: ${error instanceof Error ? error.message : String(error)}`);
    throw error;
  }
  printed.forEach((p, i) => p.job.resolve(pdfs[i]!));
}

export function createBatchPrinter({ pool, fonts, stats, timeoutMs }: BatchPrinterOptions): BatchPrinter {
  return async (slot, jobs) => {
    let font: FontSubset;
    try {
      font = await fonts.forBatch(jobs);
    } catch (error) {
      pool.release(slot, true);
      throw error;
    }
    const limit = Math.round(timeoutMs * (1 + (jobs.length - 1) / 10));
    let result: Printed;
    try {
      result = await printOnPage(slot.page, font, jobs, limit);
    } catch (error) {
      pool.release(slot, false);
      throw error;
    }
    pool.recordPrint(slot, jobs.length);
    stats.prints++;
    stats.documents += jobs.length;
    // The page is free again: the next print starts in Chromium while this one is split here.
    pool.release(slot, true);
    await deliver(jobs, result);
  };
}
