// The office page in headless Chromium against the real engine: 绿园区人社局's demo user (lvyuan-hr,
// signed in with the browser's HTTP basic sign-in, checked by the engine) opens /offices/hr-220106/,
// finds its applications by applicant, reads their labels (中级, 审核中) and times, sees the charts
// drawn by Chart.js (the working days of its decision on a third one, now at the city), downloads the 上报汇总 workbook and runs a batch print of the 一览表 to its PDF.
// Another office's user gets the Chinese 403 page. The page breaks no rule of its
// Content-Security-Policy. UPDATE_SCREENSHOTS=1 rewrites the README's screenshot, docs/screenshots/office-page.png.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'puppeteer-core';
import { loadConfig, ROOT } from '../../workers/config.js';
import { createLogger } from '../../workers/log.js';
import { startService, type Running } from '../../workers/main.js';
import { serviceEnv } from '../setup/engine.js';
import { application, approveUpTo, atOffice, removeApplications, submit } from '../support/offices.js';
import { launchBrowser } from '../support/tasklist-page.js';

// The page functions run in the browser; the project compiles without the DOM library.
declare const document: any;
declare const window: any;

const config = loadConfig(serviceEnv({ PROVISION_IDENTITY: 'demo' }));
const OFFICE = 'hr-220106';
const names = ['孟页甲', '孟页乙'];
/** Decided by the county and gone on to the city: the page's working days per level count it. */
const decidedName = '孟页丙';
let service: Running;
let api: string;
let browser: Browser;
let page: Page;
const ids: string[] = [];
const cspViolations: string[] = [];

/** A page of its own browser context, signed in as `user` through the basic-auth challenge. */
async function openAs(user: string, password: string): Promise<Page> {
  const p = await (await browser.createBrowserContext()).newPage();
  await p.setViewport({ width: 1400, height: 900 });
  await p.authenticate({ username: user, password });
  p.on('console', (m) => void (/Content.Security.Policy/i.test(m.text()) && cspViolations.push(m.text())));
  return p;
}

/** Fetches `href` in the page (with the page's sign-in): status, type and the body as base64. */
const fetchInPage = (p: Page, href: string) =>
  p.evaluate(async (url: string) => {
    const res = await fetch(url);
    const bytes = new Uint8Array(await res.arrayBuffer());
    let binary = '';
    for (const b of bytes) binary += String.fromCharCode(b);
    return { status: res.status, type: res.headers.get('content-type') as string, base64: window.btoa(binary) as string };
  }, href);

beforeAll(async () => {
  service = await startService(config, createLogger('silent'));
  api = `http://127.0.0.1:${service.port}`;
  for (const name of [...names, decidedName]) ids.push(await submit(api, application({ name })));
  await Promise.all(ids.map((id, i) => approveUpTo(id, i < names.length ? 0 : 1)));
  await Promise.all(ids.map((id, i) => atOffice(api, id, i < names.length ? OFFICE : 'hr-220100')));
  browser = await launchBrowser(config.CHROMIUM_PATH);
  page = await openAs('lvyuan-hr', 'demo');
  await page.goto(`${api}/offices/${OFFICE}/`, { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await service?.stop();
  await removeApplications(ids);
});

describe('the office page in a browser', () => {
  it("lists the office's applications with labels, found by applicant", async () => {
    expect(await page.$eval('#office-name', (e: any) => e.textContent)).toBe('绿园区人力资源和社会保障局');
    await page.type('input[name=q]', '孟页');
    await page.click('#filters button[type=submit]');
    await page.waitForFunction((n: number) => document.querySelectorAll('#rows tbody tr').length === n && document.querySelector('#summary').textContent === `共 ${n} 件`, { timeout: 30_000 }, names.length);
    const rows: string[][] = await page.$$eval('#rows tbody tr', (trs: any[]) => trs.map((tr) => Array.from(tr.cells as ArrayLike<any>).map((td) => td.textContent as string)));
    expect(rows.map((r) => r[1]).sort()).toEqual([...names].sort());
    for (const r of rows) {
      expect(ids.slice(0, names.length)).toContain(r[0]);
      expect(r[3]).toBe('绿园区');
      expect(r[6]).toBe('中级');
      expect(r[7]).toBe('审核中');
      expect(r[9]).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日(24时| \d{2}:\d{2})/);
      expect(r[10]).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);
    }
  });

  it('draws the statistics with Chart.js', async () => {
    const charts = await page.$$eval('.charts canvas', (canvases: any[]) =>
      canvases.map((c) => ({ id: c.id as string, width: c.getBoundingClientRect().width as number, height: c.getBoundingClientRect().height as number, chart: Boolean(window.Chart.getChart(c)) })),
    );
    expect(charts.map((c) => c.id)).toEqual(['chart-state', 'chart-level', 'chart-overdue', 'chart-division', 'chart-days']);
    for (const c of charts) expect(c).toMatchObject({ chart: true, width: expect.any(Number), height: expect.any(Number) });
    for (const c of charts) expect(Math.min(c.width, c.height)).toBeGreaterThan(50);
    expect(Number(await page.$eval('#fig-waiting', (e: any) => e.textContent))).toBeGreaterThanOrEqual(names.length);
    // The waiting-by-state chart counts these applications among what is 审核中.
    const state = await page.evaluate(() => {
      const chart = window.Chart.getChart(document.getElementById('chart-state'));
      return { labels: chart.data.labels as string[], data: chart.data.datasets[0].data as number[] };
    });
    expect(state.data[state.labels.indexOf('审核中')]).toBeGreaterThanOrEqual(names.length);
    const days: string[] = await page.evaluate(() => window.Chart.getChart(document.getElementById('chart-days')).data.labels);
    expect(days.some((label) => label.startsWith('县（市、区）人社部门（'))).toBe(true);
  });

  it('downloads the 上报汇总 workbook of the selection', async () => {
    const href: string = await page.$eval('#export', (a: any) => a.href);
    expect(href).toContain('q=');
    const file = await fetchInPage(page, href);
    expect(file.status).toBe(200);
    expect(file.type).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const text = JSON.stringify(book.worksheets[0]!.getSheetValues());
    for (const name of names) expect(text).toContain(name);
  });

  it('prints the 一览表 of the selection in one batch, showing its progress, then offers the PDF', async () => {
    await page.select('#print-document', 'review-summary');
    await page.click('#print');
    await page.waitForFunction(() => !document.getElementById('print-pdf').hidden || /失败/.test(document.getElementById('print-status').textContent), { timeout: 180_000 });
    expect(await page.$eval('#print-status', (e: any) => e.textContent)).toMatch(/^打印完成：共 \d+ 页/);
    expect(await page.$eval('#print-progress', (e: any) => [e.value, e.max])).toEqual([names.length, names.length]);
    const pdf = await fetchInPage(page, await page.$eval('#print-pdf', (a: any) => a.href));
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    expect(Buffer.from(pdf.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');

    // The README's screenshot is rewritten on request only (UPDATE_SCREENSHOTS=1); a run keeps its own in test-results/.
    const shots = process.env.UPDATE_SCREENSHOTS ? path.join(ROOT, 'docs', 'screenshots') : path.join(ROOT, 'test-results');
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: path.join(shots, 'office-page.png'), fullPage: true });
  });

  it("refuses another office's user with the Chinese page", async () => {
    const other = await openAs('changchun-hr', 'demo');
    const res = await other.goto(`${api}/offices/${OFFICE}/`, { waitUntil: 'load' });
    expect(res?.status()).toBe(403);
    expect(await other.$eval('h1', (e: any) => e.textContent)).toBe('无权访问');
    await other.close();
  });

  it('breaks no rule of its Content-Security-Policy', () => {
    expect(cspViolations).toEqual([]);
  });
});
