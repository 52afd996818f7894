// Reviewers in the real Tasklist, in headless Chromium: log in as demo, open the unit-review task
// of a fresh application, fill the panel, the supervisor and the decision, complete it, and see
// the application move on to the county level; then log in as the demo users of three offices and
// see that each sees only the tasks of its own group. Screenshots land in test/artifacts/.
import { createHash } from 'node:crypto';
import { postMaterial, withMaterials } from '../support/materials.js';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { clickButton, freePort, launchBrowser, signIn, type PageDocument } from '../support/tasklist-page.js';
import { signReviewTicket } from '../../workers/http/review-tickets.js';
import { loadConfig, ROOT } from '../../workers/config.js';
import { createLogger } from '../../workers/log.js';
import { startService, type Running } from '../../workers/main.js';
import { engineWebapps, rest, serviceEnv, waitFor } from '../setup/engine.js';
import { randomResidentId } from '../support/ids.js';
import { fireTimers } from '../support/timers.js';

// The service creates the office groups and the demo users at start, as `make start` does; the
// form's links name its own address, so that the browser opens them.
const apiPort = await freePort();
const config = loadConfig(serviceEnv({ PROVISION_IDENTITY: 'demo', API_PORT: String(apiPort), PUBLIC_BASE_URL: `http://127.0.0.1:${apiPort}` }));
// Tasklist of the engine under test: /operaton/app/tasklist on Operaton, /camunda/app/tasklist on Camunda 7.
let webapp: string;
let sessionApi: string;
let webappPath: string;
/** The engine's own origin (Tasklist's). */
const webapps_origin = () => new URL(webapp).origin;
const artifacts = path.join(ROOT, 'test/artifacts');
let service: Running;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  const webapps = await engineWebapps();
  webapp = webapps.tasklist.replace(/\/$/, '');
  sessionApi = webapps.sessionApi;
  webappPath = webapps.path;
  service = await startService(config, createLogger('silent'));
  browser = await launchBrowser(config.CHROMIUM_PATH);
});

afterAll(async () => {
  await browser?.close();
  await service?.stop();
});

declare const document: PageDocument;

// A scanned diploma (PNG) among the PDFs: Chromium shows an image inline, so the test sees the page.
const SCAN_NAME = '李䶮-毕业证书扫描件.png';
const SCAN = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR4nGM4ISeHFTEMLQkAkL9BAbKfPiIAAAAASUVORK5CYII=', 'base64');

/** The application with one upload of each kind the preview asks for, the first one the scan. */
async function withScan<T extends object>(body: T) {
  const api = `http://127.0.0.1:${service.port}`;
  const listed = (await withMaterials(api, 'Bearer local-dev-token', body)) as T & { materials: Array<{ id: string }> };
  const preview = (await (await fetch(`${api}/api/applications/preview`, { method: 'POST', headers: { authorization: 'Bearer local-dev-token', 'content-type': 'application/json' }, body: JSON.stringify(body) })).json()) as { requiredMaterials: Array<{ kind: string }> };
  const scan = await postMaterial(api, { authorization: 'Bearer local-dev-token' }, { kind: preview.requiredMaterials[0]!.kind, file: SCAN, name: SCAN_NAME, type: 'image/png' });
  if (scan.status !== 201) throw new Error(`the scan's upload answered ${scan.status}: ${JSON.stringify(scan.body)}`);
  return { ...listed, materials: [{ id: scan.body.id! }, ...listed.materials.slice(1)] };
}

/** Logs a user in to Tasklist in a browser context of its own. */
const logIn = (user: string, password: string): Promise<Page> => signIn(browser, { webapp, user, password, landedOn: 'All tasks' });

/** The tasks a logged-in user may see, through the webapp's own engine API (the user's session). */
const visibleTasks = (page: Page, query: string) =>
  page.evaluate(async (url) => {
    const res = await fetch(url, { headers: { accept: 'application/json' } });
    return (await res.json()) as unknown;
  }, `${sessionApi}/task${query}`) as Promise<Array<{ id: string; taskDefinitionKey: string }> | { count: number }>;


it('completes the unit review in Tasklist with its Camunda Form', async () => {
  const fixture = JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures/application-regular.json'), 'utf8'));
  delete fixture.submittedAt;
  const res = await fetch(`http://127.0.0.1:${service.port}/api/applications`, {
    method: 'POST',
    headers: { authorization: 'Bearer local-dev-token', 'content-type': 'application/json' },
    body: JSON.stringify(await withScan({ ...fixture, applicant: { ...fixture.applicant, name: '李䶮', idNumber: randomResidentId() } })),
  });
  const { id } = (await res.json()) as { id: string };
  const task = await waitFor('the unit-review task', async () => (await rest.tasks({ processInstanceBusinessKey: id, taskDefinitionKey: 'unit-review-task' }))[0]);

  // Claimed before the page opens: Tasklist deselects the task when it is claimed from the form
  // (even in the All tasks filter, which lists it), and the form is gone.
  await rest.request('POST', `/task/${task.id}/claim`, { userId: config.ENGINE_ADMIN_USER ?? 'demo' });
  const page = await logIn(config.ENGINE_ADMIN_USER ?? 'demo', config.ENGINE_ADMIN_PASSWORD ?? 'demo');
  // Operaton's Tasklist has no end-of-life banner (7.24 CE's asks everyone to migrate to Camunda 8).
  if (webappPath === '/operaton') expect(await page.evaluate(() => document.body.innerText)).not.toMatch(/Camunda 8|end of life|last release/i);
  // Opened in the "All tasks" filter: the offices' first filter lists only the user's own groups'
  // tasks, and Tasklist deselects a claimed task that its current filter does not list.
  const [allTasks] = await rest.request<Array<{ id: string }>>('GET', `/filter?resourceType=Task&name=${encodeURIComponent('All tasks')}`);
  await page.goto(`${webapp}/default/#/?filter=${allTasks!.id}&task=${task.id}`, { waitUntil: 'networkidle2' });
  await page.waitForFunction(() => document.body.innerText.includes('审核小组成员'), { timeout: 30_000 });
  // The read-only fields show the application, rare characters included.
  await page.waitForFunction(() => Array.from(document.querySelectorAll('.fjs-form input[readonly]')).some((i) => i.value === '李䶮'), { timeout: 10_000 });

  // The review summary made at submission opens from the form through its stable link, with the
  // Tasklist account of the unit's reviewer; without an account the link asks for one.
  const href = await page.waitForFunction(
    () => Array.from(document.querySelectorAll('.fjs-form a')).find((a) => a.innerText.includes('一览表'))?.href ?? null,
    { timeout: 10_000 },
  );
  const link = new URL(String(await href.jsonValue()));
  expect(link.pathname).toBe(`/api/review/documents/${id}/review-summary`);
  const unitReviewer = `Basic ${Buffer.from('unit-hr:demo').toString('base64')}`;
  const pdf = await fetch(`http://127.0.0.1:${service.port}${link.pathname}`, { headers: { authorization: unitReviewer } });
  expect([pdf.status, pdf.headers.get('content-type')]).toEqual([200, 'application/pdf']);
  expect((await fetch(`http://127.0.0.1:${service.port}${link.pathname}`)).status).toBe(401);

  // 三（二）: the form lists the applicant's electronic materials; the unit's reviewer opens the
  // scanned diploma from its link, signed in with the Tasklist account, and gets the very bytes
  // uploaded; the opening is recorded with who and when.
  const materialHref = await page.waitForFunction(
    (name) => Array.from(document.querySelectorAll('.fjs-form a')).find((a) => a.innerText.includes(name))?.href ?? null,
    { timeout: 10_000 },
    SCAN_NAME,
  );
  const materialLink = String(await materialHref.jsonValue());
  expect(new URL(materialLink).pathname).toMatch(new RegExp(`^/api/review/materials/${id}/[^/]+$`));
  const formText = await page.evaluate(() => Array.from(document.querySelectorAll('.fjs-form')).map((f) => f.innerText).join(''));
  expect(formText).toContain('电子材料');
  const viewer = await page.browserContext().newPage();
  await viewer.authenticate({ username: 'unit-hr', password: 'demo' });
  const opened = await viewer.goto(materialLink.replace(new URL(materialLink).origin, `http://127.0.0.1:${service.port}`), { waitUntil: 'load' });
  expect([opened?.status(), opened?.headers()['content-type']]).toEqual([200, 'image/png']);
  expect(createHash('sha256').update(await opened!.buffer()).digest('hex')).toBe(createHash('sha256').update(SCAN).digest('hex'));
  expect(await viewer.evaluate(() => (Array.from(document.querySelectorAll('img'))[0] as unknown as { naturalWidth: number } | undefined)?.naturalWidth ?? 0)).toBe(8);
  await viewer.close();
  const openings = (await (await fetch(`http://127.0.0.1:${service.port}/api/review/materials/${id}`, { headers: { authorization: unitReviewer } })).json()) as { openings: Array<{ by: string }> };
  expect(openings.openings.map((o) => o.by)).toContain('unit-hr');

  if (await clickButton(page, 'Claim')) await page.waitForFunction(() => !document.body.innerText.includes('Claim'), { timeout: 10_000 }).catch(() => undefined);
  const inputs = await page.$$('.fjs-form input[type=text]:not([readonly]):not([disabled])');
  expect(inputs.length).toBe(4);
  for (const [input, value] of inputs.map((input, i) => [input, ['王一', '李二', '赵三', '纪检 周四'][i]!] as const)) {
    await input.type(value);
  }
  // The first choice: approve. Scrolled to the middle first: at the bottom edge, Tasklist's footer
  // lies over it and takes the click.
  const approve = (await page.$('.fjs-form input[type=radio]'))!;
  await approve.evaluate((e) => e.scrollIntoView({ block: 'center' }));
  await approve.click();
  // Complete is enabled as soon as the form is valid, without Save first (nothing was saved).
  await page.screenshot({ path: path.join(artifacts, 'tasklist-unit-review.png'), fullPage: true });
  await page.waitForFunction(() => Array.from(document.querySelectorAll('button')).some((b) => b.innerText.trim() === 'Complete' && !b.disabled), { timeout: 10_000 });
  expect(await page.evaluate(() => Array.from(document.querySelectorAll('button')).find((b) => b.innerText.trim() === 'Save')?.disabled)).toBe(false);
  expect(await clickButton(page, 'Complete')).toBe(true);

  // The panel went through Spin JSON to the worker, and the application moved up to 绿园区 HR.
  // The unit's publicity (单位公示) runs first; its timer is fired now.
  const county = await waitFor('the county-level task', async () => {
    await fireTimers(id, 'unit-publicity-ended');
    return (await rest.tasks({ processInstanceBusinessKey: id, taskDefinitionKey: 'level-review-task' }))[0];
  });
  expect(await rest.candidateGroups(county.id)).toEqual(['hr-220106']);
  await page.screenshot({ path: path.join(artifacts, 'tasklist-after-complete.png') });
  await page.close();

  // Offices see their own tasks only: 绿园区 HR sees the county review of this application and
  // exactly the tasks of its group; the provincial office does not see it; the unit no longer
  // has anything of it.
  const other = await fetch(`http://127.0.0.1:${service.port}/api/applications`, {
    method: 'POST',
    headers: { authorization: 'Bearer local-dev-token', 'content-type': 'application/json' },
    body: JSON.stringify(await withMaterials(`http://127.0.0.1:${service.port}`, 'Bearer local-dev-token', { ...fixture, applicant: { ...fixture.applicant, idNumber: randomResidentId() } })),
  });
  const otherId = ((await other.json()) as { id: string }).id;
  await waitFor('the other unit-review task', async () => (await rest.tasks({ processInstanceBusinessKey: otherId, taskDefinitionKey: 'unit-review-task' }))[0]);
  const county2 = await logIn('lvyuan-hr', 'demo');
  const seen = (await visibleTasks(county2, `?processInstanceBusinessKey=${id}`)) as Array<{ id: string; taskDefinitionKey: string }>;
  expect(seen.map((t) => [t.id, t.taskDefinitionKey])).toEqual([[county.id, 'level-review-task']]);
  const ownCount = (await rest.tasks({ candidateGroup: 'hr-220106' })).length;
  const allCount = (await rest.tasks({})).length;
  expect((await visibleTasks(county2, '/count')) as { count: number }).toEqual({ count: ownCount });
  expect(allCount).toBeGreaterThan(ownCount);
  // Tasklist's own list says the same (the count sits in an element of its own). Tasklist opens the
  // offices' first filter; the count shows for the filter chosen.
  await county2.evaluate(() => Array.from(document.querySelectorAll('a')).find((a) => a.innerText.trim() === 'All tasks')?.click());
  await county2.waitForFunction((n) => /All tasks\s*\(?(\d+)/.exec(document.body.innerText)?.[1] === String(n), { timeout: 15_000 }, ownCount);
  await county2.screenshot({ path: path.join(artifacts, 'tasklist-county-office.png') });
  const province = await logIn('province-hr', 'demo');
  expect(await visibleTasks(province, `?processInstanceBusinessKey=${id}`)).toEqual([]);
  const unit = await logIn('unit-hr', 'demo');
  expect(await visibleTasks(unit, `?processInstanceBusinessKey=${id}`)).toEqual([]);
  const unitTasks = (await visibleTasks(unit, `?processInstanceBusinessKey=${otherId}`)) as Array<{ id: string; taskDefinitionKey: string }>;
  expect(unitTasks.map((t) => t.taskDefinitionKey)).toEqual(['unit-review-task']);

  // The unit's reviewer, signed in to Tasklist, clicks the form's 一览表: it opens in a new tab,
  // with a ticket of the Tasklist session instead of a password (no sign-in asked), and the PDF.
  await unit.goto(`${webapp}/default/#/?filter=${allTasks!.id}&task=${unitTasks[0]!.id}`, { waitUntil: 'networkidle2' });
  await unit.waitForFunction(() => Array.from(document.querySelectorAll('.fjs-form a')).some((a) => a.innerText.includes('一览表')), { timeout: 30_000 });
  const summary = (await unit.$$('.fjs-form a')).length;
  expect(summary).toBeGreaterThan(0);
  expect(await unit.evaluate(() => Array.from(document.querySelectorAll('.fjs-form a')).filter((a) => /\/api\/review\//.test(a.href ?? '')).every((a) => (a as unknown as { target: string; rel: string }).target === '_blank' && (a as unknown as { rel: string }).rel.includes('noopener')))).toBe(true);
  const newTab = unit.browserContext().waitForTarget((t) => t.url().includes(`/api/review/documents/${otherId}/review-summary?ticket=`), { timeout: 15_000 });
  const pagesBefore = (await unit.browserContext().pages()).length;
  await unit.evaluate(() => Array.from(document.querySelectorAll('.fjs-form a')).find((a) => a.innerText.includes('一览表'))!.click());
  const tab = await newTab;
  expect((await unit.browserContext().pages()).length).toBe(pagesBefore + 1);
  expect(unit.url()).toContain('/tasklist/');
  const ticketLink = new URL(tab.url());
  const ticket = ticketLink.searchParams.get('ticket')!;
  expect(ticketLink.search).not.toMatch(/demo|password/i);
  const tabPage = await tab.page();
  await tabPage?.waitForFunction(() => (globalThis as unknown as { document: { readyState: string } }).document.readyState === 'complete', { timeout: 15_000 });
  expect(await tabPage?.evaluate(() => (globalThis as unknown as { document: { contentType: string } }).document.contentType)).toBe('application/pdf');
  const byTicket = await fetch(ticketLink);
  expect([byTicket.status, byTicket.headers.get('content-type')]).toEqual([200, 'application/pdf']);
  await tabPage?.close();
  // A forged, an expired and a ticket of another application open nothing.
  const api = `http://127.0.0.1:${service.port}/api/review`;
  const [payload, signature] = ticket.split('.') as [string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { u: string; g: string[]; a: string; exp: number };
  expect([claims.u, claims.a, claims.g]).toEqual(['unit-hr', otherId, expect.arrayContaining(['unit-91220106MA0Y5K8Q7H'])]);
  expect(claims.exp * 1000 - Date.now()).toBeLessThanOrEqual(120_000);
  const forgedClaims = Buffer.from(JSON.stringify({ ...claims, g: ['operaton-admin', 'camunda-admin'] })).toString('base64url');
  const flipped = `${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
  const expired = signReviewTicket(config.REVIEW_TICKET_KEY, { ...claims, exp: Math.floor(Date.now() / 1000) - 1 });
  for (const bad of [`${forgedClaims}.${signature}`, flipped, expired, signReviewTicket('another key', claims)]) {
    const res = await fetch(`${api}/documents/${otherId}/review-summary?ticket=${encodeURIComponent(bad)}`);
    expect(res.status).toBe(401);
  }
  // unit-hr reviews the first application too; this ticket still opens only the second one.
  expect((await fetch(`${api}/documents/${id}/review-summary`, { headers: { authorization: unitReviewer } })).status).toBe(200);
  const crossed = await fetch(`${api}/documents/${id}/review-summary?ticket=${encodeURIComponent(ticket)}`);
  expect(crossed.status).toBe(403);
  expect((await fetch(`${api}/materials/${id}?ticket=${encodeURIComponent(ticket)}`)).status).toBe(403);
  // The engine gives no ticket without a Tasklist session, nor to a page of another origin.
  const noSession = await fetch(`${webapps_origin()}/title-review/review-ticket`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ applicationId: otherId }) });
  expect(noSession.status).toBe(401);
  const cookie = (await unit.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const ask = (headers: Record<string, string>) => fetch(`${webapps_origin()}/title-review/review-ticket`, { method: 'POST', headers: { cookie, ...headers }, body: JSON.stringify({ applicationId: otherId }) });
  expect((await ask({ 'content-type': 'application/json', origin: 'http://portal.example' })).status).toBe(403);
  // Not JSON (what a form of another site could send): refused before anything is read.
  expect((await ask({ 'content-type': 'text/plain', origin: webapps_origin() })).status).toBe(415);
  expect((await ask({ 'content-type': 'application/json', origin: webapps_origin() })).status).toBe(200);
  for (const p of [county2, province, unit]) await p.browserContext().close();
});
