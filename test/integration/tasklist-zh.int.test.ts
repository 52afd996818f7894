// Tasklist, Admin and the welcome page in Chinese for a Chinese browser, in headless Chromium
// against the real engine: the product's zh locale files translate every label of the engine's
// en.json, a browser whose language is zh-CN sees 认领, 完成 and 筛选任务 with dates as
// 2027年3月2日 18:00 in Asia/Shanghai, and an English browser still sees English.
// The screenshot of the Chinese Tasklist is kept in docs/screenshots/tasklist-zh.png.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { launchBrowser, signIn, type PageDocument } from '../support/tasklist-page.js';
import { loadConfig, ROOT } from '../../workers/config.js';
import { OFFICE_FILTERS } from '../../workers/adapters/camunda7/filters.js';
import { createLogger } from '../../workers/log.js';
import { startService, type Running } from '../../workers/main.js';
import { engineWebapps, rest, serviceEnv } from '../setup/engine.js';
import { application, openTask, removeApplications, submit } from '../support/offices.js';

const config = loadConfig(serviceEnv({ PROVISION_IDENTITY: 'demo' }));
const MINE = OFFICE_FILTERS[0]!.name;
const results = path.join(ROOT, 'test-results');
const ZH_DATE_TIME = /\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/;

let service: Running;
let webapps: Awaited<ReturnType<typeof engineWebapps>>;
let appRoot: string;
let zh: Browser;
let en: Browser;
let id: string;
let task: { id: string; name: string };

declare const document: PageDocument;

beforeAll(async () => {
  mkdirSync(results, { recursive: true });
  webapps = await engineWebapps();
  appRoot = webapps.tasklist.replace(/\/tasklist\/?$/, '');
  service = await startService(config, createLogger('silent'));
  id = await submit(`http://127.0.0.1:${service.port}`, application({ name: '孙中文' }));
  task = await openTask(id, 'unit-review-task');
  zh = await launchBrowser(config.CHROMIUM_PATH, { lang: 'zh-CN' });
  en = await launchBrowser(config.CHROMIUM_PATH, { lang: 'en-US' });
}, 180_000);

afterAll(async () => {
  await zh?.close();
  await en?.close();
  await service?.stop();
  await removeApplications(id ? [id] : []);
});

const logIn = (browser: Browser, lang: string, user = 'unit-hr', password = 'demo'): Promise<Page> =>
  signIn(browser, { webapp: webapps.tasklist.replace(/\/$/, ''), user, password, landedOn: MINE, acceptLanguage: lang, timezone: 'Asia/Shanghai', viewport: { width: 1400, height: 1000 } });

const text = (page: Page) => page.evaluate(() => document.body.innerText);

it.each(['tasklist', 'admin', 'welcome'])('serves a Chinese label for every English one of %s', async (app) => {
  const get = async (locale: string) => {
    const res = await fetch(`${appRoot}/${app}/locales/${locale}.json`);
    expect([locale, res.status]).toEqual([locale, 200]);
    return JSON.parse((await res.text()).replace(/^\uFEFF/, '')) as { labels: Record<string, string>; dateLocales?: { longDateFormat: Record<string, string> } };
  };
  const [english, chinese] = [await get('en'), await get('zh')];
  const missing = Object.keys(english.labels).filter((k) => chinese.labels[k] === undefined || (english.labels[k] !== '' && chinese.labels[k] === ''));
  expect(missing).toEqual([]);
  // Translated, not copied: all but a handful of symbols and names are Chinese.
  const copied = Object.keys(english.labels).filter((k) => english.labels[k]!.length > 3 && chinese.labels[k] === english.labels[k]);
  expect(copied.length).toBeLessThanOrEqual(3);
  if (english.dateLocales) expect(chinese.dateLocales?.longDateFormat.LLL).toBe('YYYY年M月D日 HH:mm');
  const configJs = await (await fetch(`${appRoot}/${app}/scripts/config.js`)).text();
  expect(configJs).toMatch(/availableLocales:\s*\['en', 'zh'\]/);
});

it('shows Tasklist in Chinese to a Chinese browser, dates as 2027年3月2日 18:00 in Asia/Shanghai', async () => {
  const page = await logIn(zh, 'zh-CN');
  expect(await page.evaluate(() => (globalThis as unknown as { navigator: { language: string } }).navigator.language)).toMatch(/^zh/);
  const [filter] = await rest.request<Array<{ id: string }>>('GET', `/filter?resourceType=Task&name=${encodeURIComponent(MINE)}`);
  await page.goto(`${webapps.tasklist.replace(/\/$/, '')}/default/#/?filter=${filter!.id}&task=${task.id}`, { waitUntil: 'networkidle2' });
  await page.waitForFunction(() => document.body.innerText.includes('审核小组成员'), { timeout: 30_000 });
  await page.waitForFunction(() => /认领/.test(document.body.innerText), { timeout: 30_000 });
  const body = await text(page);
  expect(body).toContain('完成');
  expect(body).toContain('日期和时间按本地时区显示');
  expect(body).toContain('Asia/Shanghai');
  for (const english of ['Claim', 'Complete', 'Filter Tasks', 'Date and Time displayed']) expect(body).not.toContain(english);
  expect(await page.evaluate(() => document.querySelector('input[placeholder]')?.getAttribute('placeholder') ?? '')).not.toContain('Filter Tasks');
  expect(await page.evaluate(() => Array.from(document.querySelectorAll('input[placeholder]')).map((i) => (i as unknown as { placeholder: string }).placeholder))).toContain('筛选任务');
  // The task's dates in the long format (the creation date's tooltip and the history).
  const dates = await page.evaluate(() => Array.from(document.querySelectorAll('[uib-tooltip], [title], [tooltip]')).map((e) => (e as unknown as { getAttribute(n: string): string | null }).getAttribute('uib-tooltip') ?? (e as unknown as { getAttribute(n: string): string | null }).getAttribute('title') ?? '').join('\n'));
  expect(`${body}\n${dates}`).toMatch(ZH_DATE_TIME);
  // The relative dates on the card and in the task are Chinese too ("1 个月后").
  expect(body).not.toMatch(/\bin a month\b|\bago\b/);
  await page.screenshot({ path: path.join(results, 'tasklist-zh-task.png') });
  await page.browserContext().close();
});

it('shows the welcome page and Admin in Chinese to a Chinese browser', async () => {
  const page = await logIn(zh, 'zh-CN', config.ENGINE_ADMIN_USER ?? 'demo', config.ENGINE_ADMIN_PASSWORD ?? 'demo');
  await page.goto(`${appRoot}/welcome/default/`, { waitUntil: 'networkidle2' });
  await page.waitForFunction(() => document.body.innerText.includes('任务列表'), { timeout: 30_000 });
  await page.goto(`${appRoot}/admin/default/#/users`, { waitUntil: 'networkidle2' });
  await page.waitForFunction(() => document.body.innerText.includes('用户列表') || document.body.innerText.includes('创建新用户'), { timeout: 30_000 });
  expect(await text(page)).not.toContain('List of Users');
  await page.browserContext().close();
});

it('still shows English to an English browser', async () => {
  const page = await logIn(en, 'en-US');
  const [filter] = await rest.request<Array<{ id: string }>>('GET', `/filter?resourceType=Task&name=${encodeURIComponent(MINE)}`);
  await page.goto(`${webapps.tasklist.replace(/\/$/, '')}/default/#/?filter=${filter!.id}&task=${task.id}`, { waitUntil: 'networkidle2' });
  await page.waitForFunction(() => document.body.innerText.includes('Claim'), { timeout: 30_000 });
  expect(await text(page)).not.toContain('认领');
  await page.browserContext().close();
});
