// Each office level in the real Tasklist, in headless Chromium: the demo user of the unit, the
// competent department (主管部门), the county, the city, the province and the committee logs in,
// sees in the offices' filter exactly its own group's tasks, named so that they tell applications
// apart (level, applicant, title, unit), opens the one of its application and completes it. The
// filters "due within 3 working days" and "returned for correction" list what they promise, and
// every review task is due at its level's deadline with a follow-up date three working days
// before. Screenshots land in test-results/ (git-ignored; CI keeps them). The service counts its
// deadlines on the test clock (TEST_NOW); the filter "due within 3 working days" compares follow-up
// dates with the engine's own clock, which is the real time.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { clickButton, launchBrowser, signIn, type PageDocument, type PageElement } from '../support/tasklist-page.js';
import { loadConfig, ROOT } from '../../workers/config.js';
import { OFFICE_FILTERS } from '../../workers/adapters/camunda7/filters.js';
import { createLogger } from '../../workers/log.js';
import { startService, type Running } from '../../workers/main.js';
import { followUpDate } from '../../workers/rules/follow-up.js';
import { packageCalendar } from '../../workers/rules/index.js';
import { ENGINE_URL, rest, serviceEnv, waitFor } from '../setup/engine.js';
import { application, approveUpTo, openTask, removeApplications, submit } from '../support/offices.js';
import { testClock } from '../support/clock.js';

const config = loadConfig(serviceEnv({ PROVISION_IDENTITY: 'demo' }));
// The web apps live under /camunda on Camunda 7 and under /operaton on Operaton.
let webapp = '';
let sessionApi = '';
async function findWebapps(): Promise<void> {
  for (const prefix of ['/camunda', '/operaton']) {
    const url = `${ENGINE_URL.replace(/\/engine-rest$/, '')}${prefix}/app/tasklist`;
    const res = await fetch(`${url}/`, { redirect: 'manual' });
    await res.body?.cancel();
    if (res.status < 400) {
      webapp = url;
      sessionApi = `${prefix}/api/engine/engine/default`;
      return;
    }
  }
  throw new Error(`no Tasklist under /camunda or /operaton at ${ENGINE_URL}`);
}
const results = path.join(ROOT, 'test-results');
const INSTITUTION = { kind: 'institution', appointmentLinked: true, registrationAuthority: null, competentDepartment: { name: '长春市教育局', level: 'city', divisionCode: '220100' } };
const [MINE, DUE_SOON, RETURNED] = OFFICE_FILTERS.map((f) => f.name) as [string, string, string];

interface Role {
  user: string;
  group: string;
  applicant: string;
  /** What the task's name starts with. */
  level: string;
  /** The form's first radio choice completes it (approve, verified) after what `fill` types. */
  fill?: string[];
  task?: { id: string; name: string; processInstanceId: string; taskDefinitionKey: string };
}

const ROLES: Role[] = [
  { user: 'unit-hr', group: 'unit-91220106MA0Y5K8Q7H', applicant: '钱单位', level: '单位审核', fill: ['王一', '李二', '赵三', '纪检 周四'] },
  { user: 'changchun-education', group: 'dept-220100-education', applicant: '钱主管', level: '主管部门审核' },
  { user: 'lvyuan-hr', group: 'hr-220106', applicant: '钱区县', level: '县（市、区）人社部门审核' },
  { user: 'changchun-hr', group: 'hr-220100', applicant: '钱市级', level: '市（州）人社部门审核' },
  { user: 'province-hr', group: 'hr-220000', applicant: '钱省级', level: '核验机关分流文件' },
  { user: 'engineering-committee', group: 'committee-jl-engineering-intermediate', applicant: '钱评委', level: '评委会审核' },
];
const role = (user: string) => ROLES.find((r) => r.user === user)!;

let service: Running;
let api: string;
let browser: Browser;
const ids: string[] = [];
let returnedId = '';
let filterIds: Record<string, string> = {};

declare const document: PageDocument;

beforeAll(async () => {
  mkdirSync(results, { recursive: true });
  await findWebapps();
  service = await startService(config, createLogger('silent'), { clock: testClock });
  api = `http://127.0.0.1:${service.port}`;
  const filters = await rest.request<Array<{ id: string; name: string }>>('GET', '/filter?resourceType=Task');
  filterIds = Object.fromEntries(filters.map((f) => [f.name, f.id]));

  const submitAs = async (r: Role, over: Parameters<typeof application>[0] = {}) => {
    const id = await submit(api, application({ name: r.applicant, ...over }));
    ids.push(id);
    return id;
  };
  const unit = await submitAs(role('unit-hr'));
  const department = await submitAs(role('changchun-education'), { unit: INSTITUTION });
  const county = await submitAs(role('lvyuan-hr'));
  const city = await submitAs(role('changchun-hr'));
  const province = await submitAs(role('province-hr'), { category: 'agency-transfer' });
  const committee = await submitAs(role('engineering-committee'));
  returnedId = await submitAs({ ...role('lvyuan-hr'), applicant: '钱退回' });
  const [unitTask, deptTask, countyTask, cityTask, provinceTask, committeeTask, returned] = await Promise.all([
    openTask(unit, 'unit-review-task'),
    approveUpTo(department, 0),
    approveUpTo(county, 0),
    approveUpTo(city, 1),
    approveUpTo(province, 1).then(async (t) => {
      await rest.completeTask(t.id, { levelReviewDecision: 'approve' });
      return openTask(province, 'verify-documents');
    }),
    approveUpTo(committee, 2),
    // Returned by the county for correction, corrected, and back at the county.
    approveUpTo(returnedId, 0).then(async (t) => {
      await rest.completeTask(t.id, { levelReviewDecision: 'return', levelReviewReason: '学历证书复印件不清晰', returnFields: ['applicant.education'] });
      await waitFor('the flow to wait for the correction', async () => (await rest.processInstances({ businessKey: returnedId, activityIdIn: ['await-level-correction'] })).length > 0);
      expect(await rest.correlate('ApplicationCorrected', returnedId, {})).toBe(1);
      return openTask(returnedId, 'level-review-task', t.id);
    }),
  ]);
  [unitTask, deptTask, countyTask, cityTask, provinceTask, committeeTask].forEach((t, i) => (ROLES[i]!.task = t));
  expect(returned.id).toBeTruthy();
  browser = await launchBrowser(config.CHROMIUM_PATH);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await service?.stop();
  await removeApplications(ids);
});

const logIn = (user: string): Promise<Page> => signIn(browser, { webapp, user, password: 'demo', landedOn: MINE, viewport: { width: 1400, height: 900 } });

/** The tasks a filter lists for the logged-in user, through the webapp's own engine API (the user's session). */
const filterList = (page: Page, filter: string) =>
  page.evaluate(async (api, id) => {
    const res = await fetch(`${api}/filter/${id}/list?maxResults=1000`, { headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`filter list answered ${res.status}`);
    return (await res.json()) as Array<{ id: string; name: string; due: string | null; followUp: string | null }>;
  }, sessionApi, filterIds[filter]!);

/** A call of the web app's engine API with the signed-in user's session (and Tasklist's CSRF token). */
const sessionCall = (page: Page, method: string, url: string, body?: unknown) =>
  page.evaluate(
    async (api, m, u, b) => {
      const g = globalThis as unknown as { document: { cookie: string } };
      const token = /(?:^|; )XSRF-TOKEN=([^;]*)/.exec(g.document.cookie)?.[1] ?? '';
      const res = await fetch(`${api}${u}`, { method: m, headers: { accept: 'application/json', 'content-type': 'application/json', 'X-XSRF-TOKEN': decodeURIComponent(token) }, ...(b === undefined ? {} : { body: JSON.stringify(b) }) });
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
    },
    sessionApi,
    method,
    url,
    body,
  );

/** How a task card shows its variables: its text, whether any is clipped, the values' darkest colour. */
const cardLook = (page: Page, taskName: string) =>
  page.evaluate((name) => {
    type El = { innerText: string; scrollHeight: number; clientHeight: number; querySelectorAll(s: string): ArrayLike<El> };
    const g = globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<El> }; getComputedStyle(e: El): { color: string; display: string } };
    const card = Array.from(g.document.querySelectorAll('.tasks-list li, ol li')).find((li) => li.innerText.includes(name) && li.querySelectorAll('.task-card-details').length > 0);
    if (!card) return null;
    const details = card.querySelectorAll('.task-card-details')[0]!;
    const values = Array.from(card.querySelectorAll('.variable-value'));
    const lightness = values.map((v) => (/rgba?\((\d+), (\d+), (\d+)/.exec(g.getComputedStyle(v).color) ?? []).slice(1).map(Number).reduce((a, b) => a + b, 0));
    return { text: card.innerText, clipped: details.scrollHeight > details.clientHeight + 1, lightest: Math.max(...lightness), values: values.length };
  }, taskName);

/** Whether Tasklist's list of filters shows `n` tasks for `filter` (the count follows its name). */
const filterCount = (filter: string, n: number) => {
  const at = document.body.innerText.indexOf(filter);
  return at >= 0 && /^\s*\(?(\d+)/.exec(document.body.innerText.slice(at + filter.length))?.[1] === String(n);
};


describe('offices in Tasklist', () => {
  it('creates the three office filters for every user, with the variables offices sort by', () => {
    for (const f of OFFICE_FILTERS) expect(filterIds[f.name]).toBeDefined();
  });

  it.each(ROLES.map((r) => [r.user, r]))('%s sees only its own tasks, told apart by their names, and completes one', async (_user, r) => {
    const task = r.task!;
    expect(task.name.startsWith(`${r.level}`)).toBe(true);
    expect(task.name).toContain(` · ${r.applicant} · 工程 · 计算机应用 · 中级 · `);
    const page = await logIn(r.user);
    // Exactly the group's tasks: what the engine holds for the group, nothing of another office.
    const listed = await filterList(page, MINE);
    const own = await rest.request<Array<{ id: string }>>('POST', '/task?maxResults=1000', { candidateGroup: r.group, includeAssignedTasks: true });
    expect(listed.map((t) => t.id).sort()).toEqual(own.map((t) => t.id).sort());
    expect(listed.map((t) => t.id)).toContain(task.id);
    const others = ROLES.filter((o) => o !== r && o.group !== r.group).map((o) => o.task!.id);
    expect(listed.filter((t) => others.includes(t.id))).toEqual([]);
    // Nearest deadline first.
    const dues = listed.map((t) => t.due).filter((d): d is string => d !== null).map((d) => Date.parse(d));
    expect(dues).toEqual([...dues].sort((a, b) => a - b));

    // Tasklist lists it by its name, with the variables offices sort by on its card (application
    // number, category, title, unit, division); the task opens with its form.
    await page.goto(`${webapp}/default/#/?filter=${filterIds[MINE]}`, { waitUntil: 'networkidle2' });
    const appId = ids[ROLES.indexOf(r)]!;
    await page.waitForFunction(filterCount, { timeout: 30_000 }, MINE, listed.length);
    // The first card of the list (a group with many tasks pages its list: this application's task
    // may sit further down; it is opened by its link below).
    const first = listed[0]!;
    // Tasks due at the same time may come in another order in Tasklist than in the API: the number
    // is looked for only where the list is this application's alone.
    const number = first.id === task.id ? appId : null;
    await page
      .waitForFunction(
        (name, id) => document.body.innerText.includes(name) && (id === null || document.body.innerText.includes(id)) && document.body.innerText.includes('申报类别'),
        { timeout: 30_000 },
        first.name,
        number,
      )
      .catch(async (error: unknown) => {
        await page.screenshot({ path: path.join(results, `office-${r.user}-list-failed.png`), fullPage: true });
        throw error;
      });
    if (r.user === 'changchun-hr') await page.screenshot({ path: path.join(results, 'office-city-list.png') });
    // Sorted by due date in Tasklist itself (its list sorts by the URL, not by the filter), and the
    // card shows applicant, unit, category, title and number in full, in dark text, with the due date.
    expect(decodeURIComponent(page.url())).toContain('"sortBy":"dueDate","sortOrder":"asc"');
    // The first card (this application's own where the list is short).
    const look = await cardLook(page, first.name);
    expect(look).not.toBeNull();
    const due = first.due ? ['Due'] : [];
    for (const label of [...(first.id === task.id ? [r.applicant] : []), '单位', '申报类别', '申报职称', '申请编号', ...(number ? [number] : []), ...due]) expect(look!.text).toContain(label);
    expect(look!.clipped).toBe(false);
    expect(look!.values).toBeGreaterThanOrEqual(5);
    expect(look!.lightest).toBeLessThan(3 * 100);
    // Nothing to start: no Start process, no Create task, and the engine refuses both to an office.
    const body = await page.evaluate(() => document.body.innerText);
    expect(body).not.toContain('Start process');
    expect(body).not.toContain('Create task');
    expect((await sessionCall(page, 'POST', '/task/create', { id: `office-task-${r.user}`, name: 'not a review' })).status).toBe(403);
    expect((await sessionCall(page, 'POST', '/process-definition/key/title-regular/start', { businessKey: `office-start-${r.user}` })).status).toBe(403);
    await page.goto(`${webapp}/default/#/?filter=${filterIds[MINE]}&task=${task.id}`, { waitUntil: 'networkidle2' });
    await page.waitForFunction((name) => document.body.innerText.includes(name), { timeout: 30_000 }, task.name);
    await page.waitForFunction(() => Array.from(document.querySelectorAll('.fjs-form input[type=radio]')).length > 0, { timeout: 30_000 });
    await page.screenshot({ path: path.join(results, `office-${r.user}-task.png`) });
    // The due date is the flow's: no reset in Tasklist, and the engine refuses the user's own PUT
    // that clears or moves it (the follow-up date too); the dates stay as they were.
    expect(await page.evaluate(() => Array.from(document.querySelectorAll('.reset-due-date, .reset-follow-up-date')).every((a) => (globalThis as unknown as { getComputedStyle(e: unknown): { display: string } }).getComputedStyle(a).display === 'none'))).toBe(true);
    const before = (await sessionCall(page, 'GET', `/task/${task.id}`)).body;
    const fields = ['name', 'description', 'priority', 'assignee', 'owner', 'delegationState', 'due', 'followUp', 'parentTaskId', 'caseInstanceId', 'tenantId'];
    const asIs = Object.fromEntries(fields.map((f) => [f, before[f] ?? null]));
    const changes = [{ due: '2099-01-01T10:00:00.000+0800' }, ...(before.due ? [{ due: null }] : []), ...(before.followUp ? [{ followUp: null }] : [])];
    if (r.user === 'unit-hr') expect(changes.length).toBe(3);
    for (const change of changes) {
      const refused = await sessionCall(page, 'PUT', `/task/${task.id}`, { ...asIs, ...change });
      expect([refused.status, String(refused.body.message)]).toEqual([403, expect.stringContaining('only an administrator may change them')]);
    }
    const after = (await sessionCall(page, 'GET', `/task/${task.id}`)).body;
    expect([after.due, after.followUp]).toEqual([before.due, before.followUp]);
    if (await clickButton(page, 'Claim')) await page.waitForFunction(() => !Array.from(document.querySelectorAll('button')).some((b) => b.innerText.trim() === 'Claim'), { timeout: 10_000 });
    if (r.fill) {
      const inputs = await page.$$('.fjs-form input[type=text]:not([readonly]):not([disabled])');
      expect(inputs.length).toBe(r.fill.length);
      for (const [i, value] of r.fill.entries()) await inputs[i]!.type(value);
      // Leaving the last field lets form-js validate it.
      await page.keyboard.press('Tab');
    }
    // A DOM click: the fixed footer may cover the radio at the bottom of the view.
    await page.$eval('.fjs-form input[type=radio]', (radio) => (radio as unknown as PageElement).click());
    // Complete is enabled without Save first.
    await page
      .waitForFunction(() => Array.from(document.querySelectorAll('button')).some((b) => b.innerText.trim() === 'Complete' && !b.disabled), { timeout: 15_000 })
      .catch(async (error: unknown) => {
        await page.screenshot({ path: path.join(results, `office-${r.user}-not-completable.png`), fullPage: true });
        throw error;
      });
    await page.screenshot({ path: path.join(results, `office-${r.user}-filled.png`) });
    expect(await clickButton(page, 'Complete')).toBe(true);
    await waitFor(`the ${r.user} task to be completed`, async () => ((await rest.tasks({ taskId: task.id })).length === 0 ? true : null));
    // Tasklist's filter counts one task less (it refreshes itself).
    await page.waitForFunction(filterCount, { timeout: 30_000 }, MINE, listed.length - 1);
    await page.browserContext().close();
  });

  it('gives every level review its deadline as due date and a follow-up three working days before', async () => {
    const task = (await openTask(returnedId, 'level-review-task')) as { id: string; due?: string | null; followUp?: string | null; processInstanceId: string };
    const vars = await rest.variables(task.processInstanceId);
    expect(Date.parse(String(task.due))).toBe(Date.parse(String(vars.reviewDeadline)));
    expect(Date.parse(String(task.followUp))).toBe(Date.parse(followUpDate(packageCalendar, String(vars.reviewDeadline))!));
    expect(Date.parse(String(task.followUp))).toBeLessThan(Date.parse(String(task.due)));
    const description = (await rest.request<{ description: string }>('GET', `/task/${task.id}`)).description;
    expect(description).toContain(`申请编号 ${returnedId} · 正常职称 · 工程 · 计算机应用 · 中级 · 长春某某科技有限公司 · 绿园区`);
  });

  it('lists returned-and-corrected reviews and reviews due within three working days', async () => {
    const page = await logIn('lvyuan-hr');
    const back = await openTask(returnedId, 'level-review-task');
    const returned = await filterList(page, RETURNED);
    expect(returned.map((t) => t.id)).toContain(back.id);
    for (const t of returned) expect(await rest.candidateGroups(t.id)).toContain('hr-220106');
    const fresh = (await filterList(page, MINE)).filter((t) => !returned.some((x) => x.id === t.id));
    for (const t of fresh) expect((await rest.variables((await rest.request<{ processInstanceId: string }>('GET', `/task/${t.id}`)).processInstanceId)).levelReviewOutcome ?? null).not.toBe('return');

    // Its deadline draws near: the follow-up date passes (set on the task, as time would), and it is due
    // soon. The filter compares with the engine's clock (real time), not the service's test clock.
    expect((await filterList(page, DUE_SOON)).map((t) => t.id)).not.toContain(back.id);
    const full = await rest.request<Record<string, unknown>>('GET', `/task/${back.id}`);
    const fields = ['name', 'description', 'priority', 'assignee', 'owner', 'delegationState', 'due', 'parentTaskId', 'caseInstanceId', 'tenantId'];
    await rest.request('PUT', `/task/${back.id}`, { ...Object.fromEntries(fields.map((f) => [f, full[f]])), followUp: new Date(Date.now() - 60_000).toISOString().replace('Z', '+0000') });
    const soon = await filterList(page, DUE_SOON);
    expect(soon.map((t) => t.id)).toContain(back.id);
    for (const t of soon) expect(Date.parse(String(t.followUp))).toBeLessThanOrEqual(Date.now());
    await page.goto(`${webapp}/default/#/?filter=${filterIds[DUE_SOON]}`, { waitUntil: 'networkidle2' });
    await page.waitForFunction((name) => document.body.innerText.includes(name), { timeout: 30_000 }, back.name);
    await page.browserContext().close();
  });
});
