// PDF rendering with one headless Chromium per process. createRenderer composes:
//   render-queue.ts  the waiting documents: batched (a print's fixed cost is far above the cost of
//                    one more page), retried one by one after a failed print;
//   print-batch.ts   one print of a batch, with its time limit, split into standalone PDFs;
//   batch-fonts.ts   the font subset of each print;
//   browser-pool.ts  the browser's life (replaced after a crash, a timeout, N documents or a
//                    memory ceiling) and its warm pages, each locked down by page-sandbox.ts.
import { chromiumPath } from '../config.js';
import { createBatchFonts } from './batch-fonts.js';
import { createBrowserPool } from './browser-pool.js';
import { charset, type FontFiles } from './fonts.js';
import { createBatchPrinter } from './print-batch.js';
import { DocumentError } from './render-errors.js';
import { createRenderQueue } from './render-queue.js';
import { emptyStats, type RendererStats } from './render-stats.js';
import { TemplateSet, TEMPLATES_DIR } from './templates.js';

export { CHROMIUM_ARGS } from './browser-pool.js';
export { DocumentError, RendererClosedError, RenderTimeoutError } from './render-errors.js';
export type { RendererStats } from './render-stats.js';

/** Options of createRenderer; every one has a working default. */
export interface RendererOptions {
  /** Chromium binary; see `defaultChromiumPath`. */
  executablePath?: string;
  /** Pages printing in parallel in the one browser (each prints one batch at a time); 2 keeps two cores busy. */
  pages?: number;
  /** Documents printed by one browser before it is replaced (bounds leaks and fragmentation). */
  maxDocsPerBrowser?: number;
  /** Memory of the browser's process tree (MB, proportional set size) above which it is replaced. */
  maxBrowserMemoryMb?: number;
  /** Time limit of a one-page print; each further page adds a tenth of it. */
  timeoutMs?: number;
  /** How long the first queued document waits for companions before its print starts. */
  batchWindowMs?: number;
  /** Most documents in one print: a print's fixed cost is high, so larger batches go faster. */
  maxBatch?: number;
  /** Most documents waiting; beyond it render() fails at once (the caller retries later). */
  maxQueued?: number;
  /** Folder of the .hbs templates, partials/ and print.css. */
  templatesDir?: string;
  /** Extra templates by name, as Handlebars source (they take precedence over files). */
  templates?: Record<string, string>;
  /** Public base URL printed on certificates (QR code and verification link). */
  baseUrl?: string;
  /** Complete CJK fonts (sfnt or collection) the per-print subsets are cut from. */
  fontFiles?: FontFiles;
  /** Face to take from a font collection. */
  fontFamily?: string;
  /** Called when a document holds characters no font has (they print as boxes). */
  onMissingGlyphs?: (template: string, chars: string[]) => void;
  /**
   * Templates printed alone, each with a font subset of its own text only: documents others see
   * (published or handed out) must not carry the glyphs of other applicants' names printed in the
   * same batch. Default PUBLIC_TEMPLATES.
   */
  isolatedTemplates?: readonly string[];
}

/** The documents that leave the offices: the publicity forms (the committee's, the unit's), certificates and post-appointment notices. */
export const PUBLIC_TEMPLATES: readonly string[] = ['publicity-form', 'unit-publicity-form', 'certificate', 'appointment-notice'];

/** Renders named templates with data into standalone PDFs. */
export interface Renderer {
  /** One standalone PDF of `template` filled with `data` (batched with concurrent calls). */
  render(template: string, data: object): Promise<Buffer>;
  /** Starts the browser and loads the fonts now instead of with the first document. */
  warmUp(): Promise<void>;
  /** Whether a browser is running and connected now. */
  browserConnected(): boolean;
  /** Counters for metrics and tests. */
  stats(): RendererStats;
  /** Digest of the templates and stylesheet in use (part of every render key). */
  templatesVersion(): string;
  /** Refuses new documents, finishes the accepted ones, then closes the browser. */
  close(): Promise<void>;
}

/** The Chromium binary when none is given: CHROMIUM_PATH of the configuration (Debian's by default). */
export function defaultChromiumPath(): string {
  return chromiumPath();
}

/** Creates a renderer; the browser starts with the first document (or `warmUp`), not here. */
export function createRenderer(options: RendererOptions = {}): Renderer {
  const isolated = new Set(options.isolatedTemplates ?? PUBLIC_TEMPLATES);
  const templates = new TemplateSet(options.templatesDir ?? TEMPLATES_DIR, options.templates, options.baseUrl);
  const stats = emptyStats();
  const fonts = createBatchFonts(options, stats);
  const pool = createBrowserPool(
    {
      executablePath: options.executablePath ?? defaultChromiumPath(),
      pagesPerBrowser: Math.max(1, options.pages ?? 2),
      maxDocsPerBrowser: options.maxDocsPerBrowser ?? 2000,
      maxMemoryMb: options.maxBrowserMemoryMb ?? 1024,
      css: templates.stylesheet(),
    },
    stats,
  );
  const queue = createRenderQueue({
    windowMs: options.batchWindowMs ?? 3,
    maxBatch: Math.max(1, options.maxBatch ?? 100),
    maxQueued: options.maxQueued ?? 5000,
    pool,
    print: createBatchPrinter({ pool, fonts, stats, timeoutMs: options.timeoutMs ?? 10_000 }),
  });

  return {
    render(template: string, data: object): Promise<Buffer> {
      const refused = queue.refusal();
      if (refused) return Promise.reject(refused);
      let html: string;
      try {
        html = templates.render(template, data).html;
      } catch (error) {
        return Promise.reject(new DocumentError(error instanceof Error ? error.message : String(error)));
      }
      return queue.add({ template, html, chars: charset(html), alone: isolated.has(template) });
    },

    async warmUp(): Promise<void> {
      await fonts.load();
      if (!queue.closed()) await pool.start();
    },

    browserConnected: () => pool.connected(),

    stats: () => ({ ...stats }),

    templatesVersion: () => templates.version(),

    async close(): Promise<void> {
      await queue.close();
      await pool.close();
    },
  };
}
