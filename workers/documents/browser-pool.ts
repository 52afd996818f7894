// The one headless Chromium of a renderer and its warm pages.
//
// Robustness: a browser is replaced after a crash, a timeout (its print reports it unhealthy), N
// documents or a memory ceiling; a browser on its way out finishes its in-flight prints first.
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { preparePage } from './page-sandbox.js';
import { processTreePssMb } from './process-tree.js';
import type { RendererStats } from './render-stats.js';

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

export interface BrowserPoolOptions {
  /** Chromium binary. */
  executablePath: string;
  /** Warm pages per browser. */
  pagesPerBrowser: number;
  /** Documents printed by one browser before it is replaced. */
  maxDocsPerBrowser: number;
  /** Memory of the browser's process tree (MB, proportional set size) above which it is replaced. */
  maxMemoryMb: number;
  /** Stylesheet of every page. */
  css: string;
}

/** A warm page lent out for one print. */
export interface Slot {
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

export interface BrowserPool {
  /** A free warm page of a browser in service, launching or replacing the browser as needed. */
  acquire(): Promise<Slot>;
  /** Gives a page back; an unhealthy one (crash, timeout) takes its browser out of service. */
  release(slot: Slot, healthy: boolean): void;
  /** Counts a finished print of `documents` documents against the slot's browser. */
  recordPrint(slot: Slot, documents: number): void;
  /** Free warm pages of the browser in service. */
  idlePages(): number;
  /** Starts the browser now unless one is in service. */
  start(): Promise<void>;
  /** Whether a browser is in service and connected now. */
  connected(): boolean;
  /** Closes every browser, waiting for one still launching. */
  close(): Promise<void>;
}

export function createBrowserPool(options: BrowserPoolOptions, stats: RendererStats): BrowserPool {
  let session: Session | null = null;
  // Browsers on their way out (after a failure or retirement): close() waits for them too.
  const closing = new Set<Session>();
  let launching: Promise<Session> | null = null;
  // Wakes acquire() when a page becomes free.
  let wakeSlot: (() => void) | null = null;

  async function launch(): Promise<Session> {
    const browser = await puppeteer.launch({
      executablePath: options.executablePath,
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
      for (let i = 0; i < options.pagesPerBrowser; i++) {
        const page = i === 0 && initial ? initial : await browser.newPage();
        await preparePage(page, options.css, () => stats.blockedRequests++);
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

  /** Launches a browser (or joins the launch under way) and puts it in service. */
  async function replace(): Promise<void> {
    launching ??= launch().finally(() => (launching = null));
    session = await launching;
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

  return {
    async acquire() {
      for (;;) {
        if (session && !session.retired) {
          if (session.documents >= options.maxDocsPerBrowser) retire(session);
          else {
            const slot = session.idle.pop();
            if (slot) {
              session.inflight++;
              return slot;
            }
          }
        }
        if (!session || session.retired) {
          await replace();
          continue;
        }
        await new Promise<void>((resolve) => (wakeSlot = resolve));
        wakeSlot = null;
      }
    },

    release(slot, healthy) {
      const s = slot.session;
      s.inflight--;
      if (!healthy) fail(s);
      else if (!s.retired) {
        s.idle.push(slot);
        // Reading /proc costs a few milliseconds: look at the memory every few prints.
        const pid = s.browser.process()?.pid;
        if (s.prints % 20 === 0 && pid && processTreePssMb(pid) > options.maxMemoryMb) retire(s);
      }
      if (s.retired && s.inflight === 0) void shutdown(s);
      wakeSlot?.();
    },

    recordPrint(slot, documents) {
      slot.session.prints++;
      slot.session.documents += documents;
    },

    idlePages: () => session?.idle.length ?? 0,

    async start() {
      if (!session) await replace();
    },

    connected: () => Boolean(session && !session.retired && session.browser.connected),

    async close() {
      if (launching) await launching.catch(() => undefined);
      if (session) await shutdown(session);
      await Promise.all([...closing].map((s) => s.closing));
    },
  };
}
