// PDF rendering with one headless Chromium per process. Documents requested close together are
// printed as one multi-page print and split afterwards, because one print of 50 pages costs far
// less than 50 prints of one. The page runs no JavaScript and may load nothing but data: URLs, so
// a document can neither reach the network nor be altered by its own (escaped) content.
import { PDFDocument } from 'pdf-lib';
import puppeteer, { type Browser, type HTTPRequest, type Page } from 'puppeteer-core';
import { charset, DEFAULT_FACE_FAMILY, DEFAULT_FONT_FILES, loadFace, subsetFace } from './fonts.js';
import { TemplateSet, TEMPLATES_DIR } from './templates.js';

/** Options of createRenderer; every one has a working default. */
export interface RendererOptions {
  /** Chromium binary; defaults to $CHROMIUM_PATH or Debian's /usr/bin/chromium. */
  executablePath?: string;
  /** Documents printed by one browser before it is replaced (bounds leaks and fragmentation). */
  maxDocsPerBrowser?: number;
  /** Time limit of one document; a print of n documents gets timeoutMs + (n - 1) * timeoutMs / 10. */
  timeoutMs?: number;
  /** How long documents queued behind a running print wait for companions before the next print. */
  batchWindowMs?: number;
  /** Most documents in one print. */
  maxBatch?: number;
  /** Folder of the .hbs templates, partials/ and print.css. */
  templatesDir?: string;
  /** Extra templates by name, as Handlebars source (they take precedence over files). */
  templates?: Record<string, string>;
  /** Public base URL printed on certificates (QR code and verification link). */
  baseUrl?: string;
  /** Complete CJK serif fonts (sfnt or collection) the per-print subsets are cut from. */
  fontFiles?: { regular: string; bold?: string };
  /** Face to take from a font collection. */
  fontFamily?: string;
}

/** Renders named templates with data into standalone PDFs. */
export interface Renderer {
  /** One standalone PDF of `template` filled with `data`. */
  render(template: string, data: object): Promise<Buffer>;
  /** Stops accepting work, fails what is queued, and closes the browser. */
  close(): Promise<void>;
}

/** Statistics of a renderer, for metrics and tests. */
export interface RendererStats {
  prints: number;
  documents: number;
  browserLaunches: number;
}

/** Raised when a print exceeds its time limit (the browser is then replaced). */
export class RenderTimeoutError extends Error {
  override name = 'RenderTimeoutError';
}

/** Chromium switches: headless printing only, no background traffic of the browser itself. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-extensions',
  '--disable-dev-shm-usage',
  '--disable-default-apps',
  '--mute-audio',
  '--hide-scrollbars',
  '--font-render-hinting=none',
];

const FONT_FAMILY_CSS = 'DocSerif';
const MAX_FACE_RULES = 500;
// Only data: URLs may load; the request interception below enforces the same thing.
const CSP = "default-src 'none'; img-src data:; font-src data:; style-src 'unsafe-inline'";

/** The few DOM members used inside the page (the project compiles without the DOM library). */
interface PageDocument {
  createElement(tag: 'style'): { textContent: string | null };
  head: { appendChild(node: unknown): unknown };
  body: { innerHTML: string };
}

interface Job {
  template: string;
  html: string;
  pages: number;
  resolve: (pdf: Buffer) => void;
  reject: (error: unknown) => void;
}

/** Least-recently-used cache of font subsets by character set: repeated documents skip subsetting. */
class SubsetCache {
  private readonly map = new Map<string, Promise<string>>();
  constructor(private readonly size: number) {}
  get(key: string, make: () => Promise<string>): Promise<string> {
    let hit = this.map.get(key);
    if (hit) {
      this.map.delete(key);
    } else {
      hit = make();
      hit.catch(() => this.map.delete(key));
    }
    this.map.set(key, hit);
    if (this.map.size > this.size) this.map.delete(this.map.keys().next().value!);
    return hit;
  }
}

/** Creates a renderer; the browser starts with the first document, not here. */
export function createRenderer(options: RendererOptions = {}): Renderer & { stats(): RendererStats } {
  const executablePath = options.executablePath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const maxDocsPerBrowser = options.maxDocsPerBrowser ?? 1000;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const windowMs = options.batchWindowMs ?? 5;
  const maxBatch = Math.max(1, options.maxBatch ?? 50);
  const fontFiles = options.fontFiles ?? DEFAULT_FONT_FILES;
  const fontFamily = options.fontFamily ?? DEFAULT_FACE_FAMILY;
  const templates = new TemplateSet(options.templatesDir ?? TEMPLATES_DIR, options.templates, options.baseUrl);
  const css = templates.stylesheet();
  const subsets = new SubsetCache(64);
  const stats: RendererStats = { prints: 0, documents: 0, browserLaunches: 0 };

  let browser: Browser | null = null;
  let page: Page | null = null;
  let launching: Promise<Page> | null = null;
  let docsOnBrowser = 0;
  // Characters the current page already has font faces for, and how many faces it holds.
  let loadedChars = new Set<string>();
  let faceRules = 0;
  let closed = false;

  const queue: (Job & { at: number })[] = [];
  let running = false;
  let wake: NodeJS.Timeout | NodeJS.Immediate | null = null;

  async function launch(): Promise<Page> {
    const b = await puppeteer.launch({
      executablePath,
      headless: true,
      pipe: true,
      args: CHROMIUM_ARGS,
      // The renderer owns the browser's lifetime; signals are handled by the process.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    stats.browserLaunches++;
    b.on('disconnected', () => {
      if (browser === b) {
        browser = null;
        page = null;
      }
    });
    const p = await b.newPage();
    await p.setJavaScriptEnabled(false);
    await p.setRequestInterception(true);
    p.on('request', (req: HTTPRequest) => {
      if (req.url().startsWith('data:')) void req.continue();
      else void req.abort('blockedbyclient');
    });
    // A crashed tab is dropped; the next print opens the browser afresh.
    p.on('error', () => void discardBrowser(b));
    await p.setContent(
      `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">` +
        `<meta http-equiv="Content-Security-Policy" content="${CSP}">` +
        `<title>document</title><style>${css}</style></head><body></body></html>`,
      { waitUntil: 'load' },
    );
    browser = b;
    page = p;
    docsOnBrowser = 0;
    loadedChars = new Set();
    faceRules = 0;
    return p;
  }

  async function discardBrowser(b: Browser | null): Promise<void> {
    if (!b) return;
    if (browser === b) {
      browser = null;
      page = null;
    }
    const proc = b.process();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([b.close(), new Promise((r) => (timer = setTimeout(r, 2_000)))]);
    } catch {
      // Already gone.
    } finally {
      clearTimeout(timer);
    }
    if (proc && proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
  }

  async function currentPage(): Promise<Page> {
    // Font faces accumulate in the page; past a bound the browser starts over with a clean one.
    if (page && browser?.connected && docsOnBrowser < maxDocsPerBrowser && faceRules < MAX_FACE_RULES) return page;
    if (browser) await discardBrowser(browser);
    launching ??= launch().finally(() => {
      launching = null;
    });
    return launching;
  }

  /**
   * @font-face rules for the characters of `text` the page has no face for yet. Each rule is a
   * subset holding exactly those characters, declared with a matching unicode-range, so the
   * faces of one family add up and a print only pays for characters it is the first to use.
   */
  async function newFontFaces(text: string): Promise<string> {
    const missing = [...charset(text)].filter((ch) => !loadedChars.has(ch));
    if (missing.length === 0) return '';
    const chars = missing.join('');
    const range = missing.map((ch) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase()}`).join(',');
    const faces = [{ file: fontFiles.regular, weight: 400 }];
    if (fontFiles.bold) faces.push({ file: fontFiles.bold, weight: 700 });
    const rules = await Promise.all(
      faces.map(async ({ file, weight }) => {
        const b64 = await subsets.get(`${file}\n${chars}`, async () =>
          (await subsetFace(await loadFace(file, fontFamily), chars)).toString('base64'),
        );
        return (
          `@font-face{font-family:"${FONT_FAMILY_CSS}";font-weight:${weight};font-style:normal;` +
          `unicode-range:${range};src:url(data:font/otf;base64,${b64}) format("opentype");}`
        );
      }),
    );
    // Characters the font lacks are marked too: they fall back to system fonts, every time.
    for (const ch of missing) loadedChars.add(ch);
    faceRules++;
    return rules.join('\n');
  }

  async function print(jobs: Job[]): Promise<Buffer> {
    const body = jobs.map((j) => `<div class="doc">${j.html}</div>`).join('\n');
    const p = await currentPage();
    const owner = browser;
    const fonts = await newFontFaces(body);
    const limit = timeoutMs + ((jobs.length - 1) * timeoutMs) / 10;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new RenderTimeoutError(`print of ${jobs.length} document(s) exceeded ${limit} ms`)), limit);
    });
    try {
      const pdf = await Promise.race([
        (async () => {
          // The document persists between prints (its stylesheet and font faces stay decoded);
          // only new font faces and the body change. innerHTML never runs scripts, and the
          // page's CSP and request interception still apply to what it loads.
          await p.evaluate(
            (fontCss: string, html: string) => {
              // Runs in the page; the project compiles without the DOM library, so type it here.
              const document = (globalThis as unknown as { document: PageDocument }).document;
              if (fontCss) {
                const style = document.createElement('style');
                style.textContent = fontCss;
                document.head.appendChild(style);
              }
              document.body.innerHTML = html;
            },
            fonts,
            body,
          );
          // Untagged: building the accessibility structure of a tagged PDF more than doubles the
          // print time and the file size, and these forms are printed, not read aloud.
          return p.pdf({ preferCSSPageSize: true, printBackground: true, tagged: false, outline: false, timeout: limit });
        })(),
        deadline,
      ]);
      docsOnBrowser += jobs.length;
      stats.prints++;
      stats.documents += jobs.length;
      return Buffer.from(pdf);
    } catch (error) {
      // After a timeout or crash the page's state is unknown: start over with a new browser.
      await discardBrowser(owner);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Cuts the batch PDF into one standalone PDF per job, in job order. */
  async function split(pdf: Buffer, jobs: Job[]): Promise<Buffer[]> {
    const src = await PDFDocument.load(pdf, { updateMetadata: false });
    const expected = jobs.reduce((n, j) => n + j.pages, 0);
    if (src.getPageCount() !== expected) {
      throw new Error(`print has ${src.getPageCount()} pages where the documents have ${expected}`);
    }
    const out: Buffer[] = [];
    let first = 0;
    for (const job of jobs) {
      const doc = await PDFDocument.create({ updateMetadata: false });
      const indices = Array.from({ length: job.pages }, (_, i) => first + i);
      for (const copied of await doc.copyPages(src, indices)) doc.addPage(copied);
      doc.setTitle(job.template);
      doc.setProducer('jilin-title-review');
      out.push(Buffer.from(await doc.save({ useObjectStreams: false })));
      first += job.pages;
    }
    return out;
  }

  async function runBatch(jobs: Job[]): Promise<void> {
    try {
      const pdf = await print(jobs);
      if (jobs.length === 1) {
        const pages = (await PDFDocument.load(pdf, { updateMetadata: false })).getPageCount();
        if (pages !== jobs[0]!.pages) throw new Error(`print has ${pages} pages where the document has ${jobs[0]!.pages}`);
        jobs[0]!.resolve(pdf);
        return;
      }
      // Splitting runs while the next print is already under way in Chromium.
      void split(pdf, jobs).then(
        (pdfs) => jobs.forEach((j, i) => j.resolve(pdfs[i]!)),
        (error) => jobs.forEach((j) => j.reject(error)),
      );
    } catch (error) {
      if (jobs.length === 1 || closed) {
        jobs.forEach((j) => j.reject(error));
        return;
      }
      // One bad document must not fail its companions: print each alone once.
      for (const job of jobs) await runBatch([job]);
    }
  }

  function schedule(): void {
    if (running || wake || queue.length === 0 || closed) return;
    const waited = Date.now() - queue[0]!.at;
    const go = () => {
      wake = null;
      void drain();
    };
    wake = queue.length >= maxBatch || waited >= windowMs ? setImmediate(go) : setTimeout(go, windowMs - waited);
  }

  async function drain(): Promise<void> {
    if (running || closed) return;
    running = true;
    try {
      while (queue.length > 0 && !closed) {
        const jobs = queue.splice(0, maxBatch);
        await runBatch(jobs);
        // Documents that arrived during the print wait out the window for companions.
        if (queue.length > 0 && queue.length < maxBatch && Date.now() - queue[0]!.at < windowMs) break;
      }
    } finally {
      running = false;
      schedule();
    }
  }

  return {
    render(template: string, data: object): Promise<Buffer> {
      if (closed) return Promise.reject(new Error('renderer is closed'));
      let rendered;
      try {
        rendered = templates.render(template, data);
      } catch (error) {
        return Promise.reject(error);
      }
      return new Promise<Buffer>((resolve, reject) => {
        // A document reaching an idle renderer counts as having waited out the window: a lone
        // document prints at once, with whatever else was requested in the same turn.
        const at = running || queue.length > 0 ? Date.now() : Date.now() - windowMs;
        queue.push({ template, ...rendered, resolve, reject, at });
        schedule();
      });
    },
    async close(): Promise<void> {
      closed = true;
      if (wake) {
        clearTimeout(wake as NodeJS.Timeout);
        clearImmediate(wake as NodeJS.Immediate);
        wake = null;
      }
      for (const job of queue.splice(0)) job.reject(new Error('renderer is closed'));
      if (launching) await launching.catch(() => undefined);
      await discardBrowser(browser);
    },
    stats: () => ({ ...stats }),
  };
}
