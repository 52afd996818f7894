// PDF rendering with one headless Chromium per process.
//
// Throughput: every page.pdf() call has a fixed cost far above the cost of one more page, so
// documents requested close together (the tasks of one fetch, or calls within a few milliseconds)
// are printed as one multi-page print and split afterwards into standalone PDFs (split.ts). Each
// document is a run of fixed-size A4 `.page` sections, so the page where each document starts is
// known from the DOM before printing; the print's page count is checked against it.
//
// Safety: the page runs no JavaScript of its own, its Content-Security-Policy allows nothing but
// inline styles and data: images, every request is intercepted and aborted (data: URLs aside), and
// the network is emulated offline. User text is HTML-escaped by the templates.
//
// Robustness: a time limit per print, a browser replaced after a crash, a timeout, N documents or
// a memory ceiling; a failed batch is retried one document at a time so one bad document cannot
// fail its companions.
import puppeteer, { type Browser, type HTTPRequest, type Page } from 'puppeteer-core';
import { chromiumPath } from '../config.js';
import { charset, DEFAULT_FACE_FAMILY, DEFAULT_FONT_FILES, FontSubsetter, type FontFiles, type FontSubset } from './fonts.js';
import { processTreePssMb } from './process-tree.js';
import { splitPdf } from './split.js';
import { documentTitle, TemplateSet, TEMPLATES_DIR } from './templates.js';

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

/** The documents that leave the offices: the publicity form, certificates and post-appointment notices. */
export const PUBLIC_TEMPLATES: readonly string[] = ['publicity-form', 'certificate', 'appointment-notice'];

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

/** Counters of a renderer since it was created. */
export interface RendererStats {
  prints: number;
  documents: number;
  browserLaunches: number;
  /** Browsers replaced after a crash or a timeout. */
  browserFailures: number;
  /** Requests the pages attempted (all aborted). */
  blockedRequests: number;
  /** Characters printed without a glyph. */
  missingGlyphs: number;
}

/** A document that can never render as given (unknown template, content too long): do not retry. */
export class DocumentError extends Error {
  override name = 'DocumentError';
  readonly permanent = true;
}

/** A print exceeded its time limit (the browser was replaced; a retry may succeed). */
export class RenderTimeoutError extends Error {
  override name = 'RenderTimeoutError';
  readonly permanent = false;
}

/** The renderer was closed before the document was accepted. */
export class RendererClosedError extends Error {
  override name = 'RendererClosedError';
  readonly permanent = false;
}

/** The Chromium binary when none is given: CHROMIUM_PATH of the configuration (Debian's by default). */
export function defaultChromiumPath(): string {
  return chromiumPath();
}

/** Chromium switches: headless printing only, no traffic of the browser itself. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
  '--disable-extensions',
  '--disable-domain-reliability',
  '--font-render-hinting=none',
];

// The page's own policy: no scripts, no frames, no fetches; only inline styles and data: images.
const CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";
const FONT_FAMILY = 'DocSerif';
const A4_WIDTH_PX = 794;
const A4_HEIGHT_PX = 1123;

/** Characters kept in every subset besides ASCII: spaces and punctuation templates may produce. */
const BASE_CHARS = '\u00a0\u3000，。、；：？！“”‘’（）《》〔〕【】—…·－～';

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

interface Job {
  template: string;
  html: string;
  chars: string;
  at: number;
  /** Print this one alone (it failed in a batch). */
  alone: boolean;
  resolve: (pdf: Buffer) => void;
  reject: (error: unknown) => void;
}

interface Slot {
  session: Session;
  page: Page;
}

/** One browser with its warm pages. */
interface Session {
  browser: Browser;
  idle: Slot[];
  inflight: number;
  documents: number;
  prints: number;
  /** No new prints; closed once the in-flight ones end. */
  retired: boolean;
  closing: Promise<void> | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function preparePage(page: Page, css: string, onBlocked: () => void): Promise<void> {
  await page.setJavaScriptEnabled(false);
  await page.setRequestInterception(true);
  page.on('request', (req: HTTPRequest) => {
    if (req.url().startsWith('data:')) {
      void req.continue().catch(() => undefined);
      return;
    }
    onBlocked();
    // A navigation of the page itself (a meta refresh, say) answered "204 No Content" keeps the
    // page where it is; aborted, it would replace the page with an error page.
    if (req.isNavigationRequest() && req.frame() === page.mainFrame()) {
      void req.respond({ status: 204, body: '' }).catch(() => undefined);
      return;
    }
    void req.abort('blockedbyclient').catch(() => undefined);
  });
  await page.setOfflineMode(true);
  await page.setViewport({ width: A4_WIDTH_PX, height: A4_HEIGHT_PX });
  // Lay out for print from the start, so the overflow check measures what will be printed.
  await page.emulateMediaType('print');
  await page.setContent(
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">` +
      `<meta http-equiv="Content-Security-Policy" content="${CSP}">` +
      `<title>document</title><style>${css}</style></head><body></body></html>`,
    { waitUntil: 'load' },
  );
}

/** Creates a renderer; the browser starts with the first document (or `warmUp`), not here. */
export function createRenderer(options: RendererOptions = {}): Renderer {
  const executablePath = options.executablePath ?? defaultChromiumPath();
  const pagesPerBrowser = Math.max(1, options.pages ?? 2);
  const maxDocsPerBrowser = options.maxDocsPerBrowser ?? 2000;
  const maxMemoryMb = options.maxBrowserMemoryMb ?? 1024;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const windowMs = options.batchWindowMs ?? 3;
  const maxBatch = Math.max(1, options.maxBatch ?? 100);
  const maxQueued = options.maxQueued ?? 5000;
  const isolated = new Set(options.isolatedTemplates ?? PUBLIC_TEMPLATES);
  const templates = new TemplateSet(options.templatesDir ?? TEMPLATES_DIR, options.templates, options.baseUrl);
  const css = templates.stylesheet();
  const stats: RendererStats = {
    prints: 0,
    documents: 0,
    browserLaunches: 0,
    browserFailures: 0,
    blockedRequests: 0,
    missingGlyphs: 0,
  };

  let fonts: Promise<FontSubsetter> | null = null;
  const loadFonts = () => {
    fonts ??= FontSubsetter.create(options.fontFiles ?? DEFAULT_FONT_FILES, options.fontFamily ?? DEFAULT_FACE_FAMILY);
    fonts.catch(() => (fonts = null));
    return fonts;
  };
  // Recently used subsets by character set: a document printed alone again costs no subsetting.
  const subsets = new Map<string, FontSubset>();
  const subsetFor = (subsetter: FontSubsetter, chars: string): FontSubset => {
    let hit = subsets.get(chars);
    if (hit) subsets.delete(chars);
    else hit = subsetter.subset(chars);
    subsets.set(chars, hit);
    if (subsets.size > 16) subsets.delete(subsets.keys().next().value!);
    return hit;
  };

  let session: Session | null = null;
  // Browsers on their way out (after a failure or retirement): close() waits for them too.
  const closing = new Set<Session>();
  let launching: Promise<Session> | null = null;
  const queue: Job[] = [];
  let inflight = 0;
  let closed = false;
  let pumping = false;
  // Wakes the pump when a page becomes free.
  let wakeSlot: (() => void) | null = null;
  const idleWaiters: (() => void)[] = [];

  async function launch(): Promise<Session> {
    const browser = await puppeteer.launch({
      executablePath,
      headless: true,
      pipe: true,
      args: CHROMIUM_ARGS,
      // The renderer owns the browser's lifetime; the process handles its own signals.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    stats.browserLaunches++;
    const s: Session = { browser, idle: [], inflight: 0, documents: 0, prints: 0, retired: false, closing: null };
    try {
      // The tab the browser opens with is the first warm page: a tab less is a process less.
      const [initial] = await browser.pages();
      for (let i = 0; i < pagesPerBrowser; i++) {
        const page = i === 0 && initial ? initial : await browser.newPage();
        await preparePage(page, css, () => stats.blockedRequests++);
        // A crashed tab takes its browser out of service; the next print launches a fresh one.
        page.on('error', () => fail(s));
        s.idle.push({ session: s, page });
      }
    } catch (error) {
      await shutdown(s);
      throw error;
    }
    browser.on('disconnected', () => fail(s));
    return s;
  }

  /** Closes a browser: politely, then by force. */
  function shutdown(s: Session): Promise<void> {
    s.retired = true;
    if (session === s) session = null;
    if (s.closing) return s.closing;
    s.closing = (async () => {
      const proc = s.browser.process();
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([s.browser.close(), new Promise((resolve) => (timer = setTimeout(resolve, 3_000)))]);
      } catch {
        // Already gone.
      } finally {
        clearTimeout(timer);
      }
      if (proc && proc.exitCode === null && proc.signalCode === null) {
        const exited = new Promise((resolve) => proc.once('exit', resolve));
        proc.kill('SIGKILL');
        await exited;
      }
    })().finally(() => closing.delete(s));
    closing.add(s);
    return s.closing;
  }

  function fail(s: Session): void {
    if (s.closing) return;
    stats.browserFailures++;
    void shutdown(s);
    wakeSlot?.();
  }

  function retire(s: Session): void {
    s.retired = true;
    if (session === s) session = null;
    if (s.inflight === 0) void shutdown(s);
  }

  /** A free warm page of a browser in service, launching or replacing the browser as needed. */
  async function acquire(): Promise<Slot> {
    for (;;) {
      if (session && !session.retired) {
        if (session.documents >= maxDocsPerBrowser) retire(session);
        else {
          const slot = session.idle.pop();
          if (slot) {
            session.inflight++;
            return slot;
          }
        }
      }
      if (!session || session.retired) {
        launching ??= launch().finally(() => (launching = null));
        session = await launching;
        continue;
      }
      await new Promise<void>((resolve) => (wakeSlot = resolve));
      wakeSlot = null;
    }
  }

  function release(slot: Slot, healthy: boolean): void {
    const s = slot.session;
    s.inflight--;
    if (!healthy) fail(s);
    else if (!s.retired) {
      s.idle.push(slot);
      // Reading /proc costs a few milliseconds: look at the memory every few prints.
      const pid = s.browser.process()?.pid;
      if (s.prints % 20 === 0 && pid && processTreePssMb(pid) > maxMemoryMb) retire(s);
    }
    if (s.retired && s.inflight === 0) void shutdown(s);
    wakeSlot?.();
  }

  /** The print's font subset (one for the whole batch), reporting characters no font has. */
  async function batchFont(jobs: Job[]): Promise<FontSubset> {
    const subsetter = await loadFonts();
    const chars = charset(BASE_CHARS + jobs.map((j) => j.chars).join(''));
    const font = subsetFor(subsetter, chars);
    if (font.missing.length > 0) {
      for (const job of jobs) {
        const own = font.missing.filter((ch) => job.chars.includes(ch));
        if (own.length === 0) continue;
        stats.missingGlyphs += own.length;
        options.onMissingGlyphs?.(job.template, own);
      }
    }
    return font;
  }

  async function printBatch(slot: Slot, jobs: Job[]): Promise<void> {
    let font: FontSubset;
    try {
      font = await batchFont(jobs);
    } catch (error) {
      release(slot, true);
      throw error;
    }
    const body = jobs.map((j) => `<div class="doc">${j.html}</div>`).join('');
    const pageTotal = jobs.length;
    const limit = Math.round(timeoutMs * (1 + (pageTotal - 1) / 10));
    let timer: NodeJS.Timeout | undefined;
    let result: { pdf: Uint8Array; pages: number[]; overflow: number[] };
    try {
      result = await Promise.race([
        (async () => {
          const laid = (await slot.page.evaluate(
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
              : await slot.page.pdf({
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
    } catch (error) {
      release(slot, false);
      throw error;
    } finally {
      clearTimeout(timer);
    }
    slot.session.prints++;
    slot.session.documents += jobs.length;
    stats.prints++;
    stats.documents += jobs.length;
    // The page is free again: the next print starts in Chromium while this one is split here.
    release(slot, true);

    const overflow = new Set(result.overflow);
    const printed: { job: Job; start: number; count: number }[] = [];
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

  async function runBatch(slot: Slot, jobs: Job[]): Promise<void> {
    inflight++;
    try {
      await printBatch(slot, jobs);
    } catch (error) {
      if (jobs.length > 1 && !(error instanceof DocumentError)) {
        // Print each alone once, so that one document that breaks the print fails alone.
        for (const job of jobs.reverse()) queue.unshift({ ...job, alone: true });
      } else {
        jobs.forEach((j) => j.reject(error));
      }
    } finally {
      inflight--;
      void pump();
      if (queue.length === 0 && inflight === 0) idleWaiters.splice(0).forEach((resolve) => resolve());
    }
  }

  /** Takes batches off the queue while there is work, one per free page. */
  async function pump(): Promise<void> {
    if (pumping) return;
    pumping = true;
    try {
      while (queue.length > 0) {
        const wait = windowMs - (Date.now() - queue[0]!.at);
        if (wait > 0 && queue.length < maxBatch && !queue[0]!.alone) {
          await sleep(wait);
          continue;
        }
        let slot: Slot;
        try {
          slot = await acquire();
        } catch (error) {
          // The browser cannot start: fail what waits rather than spin.
          queue.splice(0).forEach((j) => j.reject(error));
          break;
        }
        if (queue.length === 0) {
          release(slot, true);
          break;
        }
        const freePages = 1 + (session?.idle.length ?? 0);
        const size = queue[0]!.alone ? 1 : Math.min(maxBatch, Math.ceil(queue.length / freePages));
        const jobs: Job[] = [];
        while (jobs.length < size && queue.length > 0 && !(jobs.length > 0 && queue[0]!.alone)) jobs.push(queue.shift()!);
        void runBatch(slot, jobs);
      }
    } finally {
      pumping = false;
      if (queue.length === 0 && inflight === 0) idleWaiters.splice(0).forEach((resolve) => resolve());
    }
  }

  return {
    render(template: string, data: object): Promise<Buffer> {
      if (closed) return Promise.reject(new RendererClosedError('renderer is closed'));
      if (queue.length >= maxQueued) return Promise.reject(new Error(`renderer queue is full (${maxQueued} documents)`));
      let html: string;
      try {
        html = templates.render(template, data).html;
      } catch (error) {
        return Promise.reject(new DocumentError(error instanceof Error ? error.message : String(error)));
      }
      return new Promise<Buffer>((resolve, reject) => {
        queue.push({ template, html, chars: charset(html), at: Date.now(), alone: isolated.has(template), resolve, reject });
        void pump();
      });
    },

    async warmUp(): Promise<void> {
      await loadFonts();
      if (!session && !closed) {
        launching ??= launch().finally(() => (launching = null));
        session = await launching;
      }
    },

    browserConnected: () => Boolean(session && !session.retired && session.browser.connected),

    stats: () => ({ ...stats }),

    templatesVersion: () => templates.version(),

    async close(): Promise<void> {
      closed = true;
      if (queue.length > 0 || inflight > 0) await new Promise<void>((resolve) => idleWaiters.push(resolve));
      if (launching) await launching.catch(() => undefined);
      if (session) await shutdown(session);
      await Promise.all([...closing].map((s) => s.closing));
    },
  };
}
