// The verification page as a phone shows it, in headless Chromium: the text rendered (no boxes for
// missing glyphs, with the system's CJK fonts), nothing wider than the screen. UPDATE_SCREENSHOTS=1
// saves the valid page to docs/screenshots/verification.png.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { chromiumPath, ROOT } from '../../workers/config.js';
import { certificatePages, type CertificatePages } from '../support/certificate-page.js';
import { launchBrowser } from '../support/tasklist-page.js';

let pages: CertificatePages;
let browser: Browser;

beforeAll(async () => {
  pages = await certificatePages();
  browser = await launchBrowser(chromiumPath());
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await pages?.close();
});

/** Opens a code's page as a phone does (a browser's Accept), and answers its status and visible text. */
async function open(code: string): Promise<{ page: Page; status: number; text: string }> {
  const page = await browser.newPage();
  await page.setViewport({ width: 390, height: 844, deviceScaleFactor: 2, isMobile: true });
  const res = await page.goto(`${pages.serving.base}/api/certificates/${code}`, { waitUntil: 'load' });
  return { page, status: res!.status(), text: (await page.evaluate('document.body.innerText')) as string };
}

/**
 * Characters of the page drawn as the box of a missing glyph: drawn exactly like a character no font
 * has. (Run in the page; a string, since this project's types have no DOM.)
 */
const BOXES = `(() => {
  const family = getComputedStyle(document.body).fontFamily;
  const canvas = document.createElement('canvas');
  canvas.width = 48;
  canvas.height = 48;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  const draw = (c) => {
    ctx.clearRect(0, 0, 48, 48);
    ctx.font = '32px ' + family;
    ctx.fillText(c, 4, 38);
    return Array.from(ctx.getImageData(0, 0, 48, 48).data).join(',');
  };
  const missing = draw('\u{10FFFD}');
  const chars = [...new Set(Array.from(document.body.innerText))].filter((c) => c.trim() !== '');
  return chars.filter((c) => draw(c) === missing);
})()`;
const boxes = (page: Page) => page.evaluate(BOXES) as Promise<string[]>;

/** The font families Chromium used for the text of `selector`. */
async function fontsOf(page: Page, selector: string): Promise<string[]> {
  const cdp = await page.createCDPSession();
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument');
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  return fonts.map((f) => f.familyName);
}

describe('the verification page in a browser', () => {
  it('有效: shows the valid certificate with the holder masked, in a CJK font, without boxes', async () => {
    const { page, status, text } = await open(pages.valid);
    expect(status).toBe(200);
    for (const t of ['吉林省专业技术职务任职资格证书核验', '有效', '该证书真实有效', '王*堃', '工程师', '计算机应用', '中级', '吉林省工程系列中级职称评审委员会', '2024年7月5日']) expect(text).toContain(t);
    expect(text).not.toContain('王䶮堃');
    expect(await boxes(page)).toEqual([]);
    expect((await fontsOf(page, '.row dd')).join()).toMatch(/CJK|Noto Sans SC|Source Han|WenQuanYi|PingFang|YaHei/);
    // Fits a phone's width: nothing scrolls sideways.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    if (process.env.UPDATE_SCREENSHOTS) {
      const file = path.join(ROOT, 'docs', 'screenshots', 'verification.png');
      mkdirSync(path.dirname(file), { recursive: true });
      await page.screenshot({ path: file as `${string}.png`, fullPage: true });
    }
    await page.close();
  }, 60_000);

  it('已撤销 with its day, and 未查询到该证书 for an unknown code', async () => {
    const revoked = await open(pages.revoked);
    expect(revoked.text).toContain('已撤销');
    expect(revoked.text).toContain('该证书已于2027年3月2日撤销');
    expect(revoked.text).toContain('欧阳**');
    expect(await boxes(revoked.page)).toEqual([]);
    await revoked.page.close();
    const unknown = await open('ABCDEFGHJKMNPQRSTUVW');
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('未查询到该证书');
    expect(await boxes(unknown.page)).toEqual([]);
    await unknown.page.close();
  }, 60_000);
});
