// The browser side of the Tasklist tests: Chromium launched as the product runs it, a user signed in
// to Tasklist in a context of their own, a button clicked by its text.
import { createServer } from 'node:net';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

/** The little of the DOM the page functions use (the project compiles without the DOM library). */
export interface PageElement {
  innerText: string;
  disabled?: boolean;
  readOnly?: boolean;
  value?: string;
  href?: string;
  click(): void;
}
/** The `document` a page function sees: each test file declares `declare const document: PageDocument;`. */
export interface PageDocument {
  body: { innerText: string };
  querySelector(selector: string): (PageElement & { placeholder?: string; getAttribute(name: string): string | null }) | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
}
declare const document: PageDocument;

/**
 * Chromium (Debian's, CHROMIUM_PATH) without the network chatter of a first run; `lang` sets the
 * browser's language (navigator.language and Accept-Language, e.g. zh-CN), `timezone` its time zone.
 */
export function launchBrowser(executablePath: string, options: { lang?: string; timezone?: string } = {}): Promise<Browser> {
  const args = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];
  if (options.lang) args.push(`--lang=${options.lang}`, `--accept-lang=${options.lang}`);
  return puppeteer.launch({ executablePath, args, env: { ...process.env, ...(options.timezone ? { TZ: options.timezone } : {}), ...(options.lang ? { LANGUAGE: options.lang.replace('-', '_') } : {}) } });
}

export interface SignIn {
  /** Tasklist's base URL, without a trailing slash. */
  webapp: string;
  user: string;
  password: string;
  /** Text the page shows once the user is in (a filter's name). */
  landedOn: string;
  viewport?: { width: number; height: number };
  /** Accept-Language of every request (with the browser's `lang`). */
  acceptLanguage?: string;
  /** The page's time zone, e.g. Asia/Shanghai. */
  timezone?: string;
}

/** Signs a user in to Tasklist in a browser context of its own; the page shows `landedOn`. */
export async function signIn(browser: Browser, s: SignIn): Promise<Page> {
  const page = await (await browser.createBrowserContext()).newPage();
  await page.setViewport(s.viewport ?? { width: 1400, height: 1500 });
  if (s.acceptLanguage) await page.setExtraHTTPHeaders({ 'Accept-Language': s.acceptLanguage });
  if (s.timezone) await page.emulateTimezone(s.timezone);
  await page.goto(`${s.webapp}/`, { waitUntil: 'networkidle2' });
  // The login form renders after the page's scripts have run: on a busy machine, after networkidle2.
  await page.waitForSelector('input[type=text]', { timeout: 30_000 });
  await page.type('input[type=text]', s.user);
  await page.type('input[type=password]', s.password);
  await page.keyboard.press('Enter');
  await page.waitForFunction((text) => document.body.innerText.includes(text), { timeout: 30_000 }, s.landedOn);
  return page;
}

/** Clicks the enabled button whose text is `text`; false when there is none. */
export const clickButton = (page: Page, text: string): Promise<boolean> =>
  page.evaluate((t) => {
    const button = Array.from(document.querySelectorAll('button')).find((b) => b.innerText.trim() === t && !b.disabled);
    button?.click();
    return Boolean(button);
  }, text);

/** A TCP port free on 127.0.0.1 now (for a service whose links must name its own address). */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
