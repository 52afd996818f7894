// 组织评审 in a real browser (notice 三（五）): the committee's office records its meeting once on its
// office page (day, members, those present; the quorum checked), then votes on an applicant in
// Tasklist by choosing that meeting in the vote form and entering only this applicant's recusals
// and votes; the registry keeps the vote under the meeting. Screenshots in test/artifacts/.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { CamundaRest } from '../../workers/adapters/camunda7/rest-client.js';
import { loadConfig, ROOT } from '../../workers/config.js';
import { formatDateZh } from '../../workers/domain/dates-zh.js';
import { freeMeetingDay } from '../support/meetings.js';
import { createLogger } from '../../workers/log.js';
import { startService, type Running } from '../../workers/main.js';
import { ENGINE_URL, engineWebapps, rest, serviceEnv, waitFor } from '../setup/engine.js';
import { application, approveRoute, openTask, removeApplications, submit } from '../support/offices.js';
import { signedPayment } from '../support/payments.js';
import { launchBrowser, signIn, type PageDocument } from '../support/tasklist-page.js';

declare const document: PageDocument;

const config = loadConfig(serviceEnv({ PROVISION_IDENTITY: 'demo', POLICY_ID: 'demo' }));
const COMMITTEE = 'jl-engineering-intermediate';
const USER = 'engineering-committee';
const artifacts = path.join(ROOT, 'test/artifacts');
let service: Running;
let browser: Browser;
let api: string;
const ids: string[] = [];

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  service = await startService(config, createLogger('silent'));
  api = `http://127.0.0.1:${service.port}`;
  browser = await launchBrowser(config.CHROMIUM_PATH);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await service?.stop();
  await removeApplications(ids);
});

/** An application of the committee at its vote: the route approved, the intake accepted, the fee paid. */
async function atTheVote(): Promise<string> {
  const id = await submit(api, application({ name: '甘会议' }));
  ids.push(id);
  await approveRoute(id, 2);
  const intake = await waitFor(`the committee intake of ${id}`, async () => {
    for (const t of await rest.tasks({ processInstanceBusinessKey: id, taskDefinitionKey: 'level-review-task' })) if ((await rest.candidateGroups(t.id)).includes(`committee-${COMMITTEE}`)) return t;
    return null;
  }, 60_000);
  await rest.completeTask(intake.id, { levelReviewDecision: 'approve' });
  const fee = await waitFor(`${id} to await its payment`, async () => {
    const s = (await (await fetch(`${api}/api/applications/${id}`, { headers: { authorization: 'Bearer local-dev-token' } })).json()) as { status: string; fee: { amount: number } };
    return s.status === 'awaiting-payment' ? s.fee.amount : null;
  });
  const signed = signedPayment({ applicationId: id, amount: fee, currency: 'CNY', transactionId: `T-${id}`, paidAt: new Date().toISOString() });
  const paid = await fetch(`${api}/api/applications/${id}/payment`, { method: 'POST', headers: { authorization: 'Bearer local-dev-token', 'content-type': 'application/json', ...signed.headers }, body: signed.body });
  expect(paid.status).toBe(202);
  return id;
}

const setInput = (page: Page, selector: string, value: string) =>
  page.$eval(selector, (input: any, v: string) => {
    input.value = v;
  }, value);

it('三（五）: the committee records its meeting once on its office page, then chooses it in the Tasklist vote of an applicant', async () => {
  const id = await atTheVote();
  const task = await openTask(id, 'committee-vote');
  const day = await freeMeetingDay(service.registry, COMMITTEE);

  // The office page: the committee's user records the meeting (13 of 15 present).
  const office = await (await browser.createBrowserContext()).newPage();
  await office.setViewport({ width: 1400, height: 1000 });
  await office.authenticate({ username: USER, password: config.DEMO_USER_PASSWORD });
  await office.goto(`${api}/offices/committee-${COMMITTEE}/`, { waitUntil: 'load' });
  await office.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
  expect(await office.$eval('#meetings', (e: any) => e.hidden)).toBe(false);
  expect(await office.$eval('#meetings-rule', (e: any) => e.textContent)).toContain('委员 15 人时至少 10 人');
  expect(await office.$eval('#meeting-form input[name=members]', (e: any) => e.value)).toBe('15');
  await setInput(office, '#meeting-form input[name=date]', day);
  // Too few present first: the page says why, in Chinese, and records nothing.
  await office.type('#meeting-form input[name=present]', '9');
  await office.click('#meeting-form button[type=submit]');
  await office.waitForFunction(() => /不足法定人数/.test((document.querySelector('#meeting-status') as any).textContent), { timeout: 10_000 });
  expect(await office.$eval('#meeting-status', (e: any) => e.textContent)).toContain('出席委员9人，不足法定人数');
  await setInput(office, '#meeting-form input[name=present]', '13');
  await office.click('#meeting-form button[type=submit]');
  const label = `${formatDateZh(day)}评审会议（委员15人，出席13人）`;
  await office.waitForFunction((l: string) => (document.querySelector('#meeting-status') as any).textContent === `已登记：${l}`, { timeout: 10_000 }, label);
  const rows: string[][] = await office.$$eval('#meeting-rows tbody tr', (trs: any[]) => trs.map((tr) => Array.from(tr.cells as ArrayLike<any>).map((td) => td.textContent as string)));
  expect(rows).toContainEqual([label, '15', '13', '0 人', USER, expect.stringMatching(/^\d{4}年\d{1,2}月\d{1,2}日/)]);
  await office.screenshot({ path: path.join(artifacts, 'office-page-meetings.png'), fullPage: true });
  await office.browserContext().close();

  // Tasklist: the vote form offers the meeting; the committee enters this applicant's counts only.
  await new CamundaRest(ENGINE_URL, { username: USER, password: config.DEMO_USER_PASSWORD }).request('POST', `/task/${task.id}/claim`, { userId: USER });
  const webapp = (await engineWebapps()).tasklist.replace(/\/$/, '');
  const page = await signIn(browser, { webapp, user: USER, password: config.DEMO_USER_PASSWORD, landedOn: 'All tasks' });
  const [allTasks] = await rest.request<Array<{ id: string }>>('GET', `/filter?resourceType=Task&name=${encodeURIComponent('All tasks')}`);
  await page.goto(`${webapp}/default/#/?filter=${allTasks!.id}&task=${task.id}`, { waitUntil: 'networkidle2' });
  await page.waitForFunction(() => document.body.innerText.includes('评审会议 Meeting'), { timeout: 30_000 });
  // The form asks no meeting data (no day, no members, no one present): the meeting, then this applicant's counts.
  const labels = await page.evaluate(() => Array.from(document.querySelectorAll('.fjs-form-field label')).map((e) => e.innerText.replace(/\s*\*$/, '').trim()).filter(Boolean));
  expect(labels.filter((l) => !/^(申报人|申报职称)/.test(l))).toEqual(['评审会议 Meeting', '本申报人回避的出席委员 Members present who recused themselves for this applicant', '赞成票 Yes votes', '反对票 No votes (the rest of those present abstain 弃权)']);
  const select = await page.waitForSelector('.fjs-form-field-select input, .fjs-form-field-select .fjs-select-display', { timeout: 10_000 });
  await select!.click();
  await page.waitForFunction((l: string) => document.body.innerText.includes(l), { timeout: 10_000 }, label);
  const listed = await page.evaluate(() => Array.from(document.querySelectorAll('.fjs-dropdownlist-item')).map((e) => e.innerText.trim()));
  const items = await page.$$('.fjs-dropdownlist-item');
  await items[listed.indexOf(label)]!.click();
  await page.waitForFunction(() => document.querySelectorAll('.fjs-dropdownlist-item').length === 0, { timeout: 10_000 });
  const numbers = await page.$$('.fjs-form-field-number input');
  expect(numbers).toHaveLength(3); // recused (0 by default), yes, no
  await numbers[1]!.type('10');
  await numbers[2]!.type('2');
  await page.screenshot({ path: path.join(artifacts, 'tasklist-committee-vote.png'), fullPage: true });
  // A person's click (the mouse): the number typed last leaves its field, which hands form-js its value.
  const complete = await page.waitForSelector('xpath///button[normalize-space(.)="Complete" and not(@disabled)]', { timeout: 10_000 });
  await complete!.click();

  // The vote is the meeting's: 13 present, none recused, 10 yes, 2 no, 1 abstained; passed.
  const meeting = (await service.registry.meetingsOf(COMMITTEE)).find((m) => m.date === day)!;
  const vote = await waitFor(`${id}'s vote`, async () => {
    const recorded = (await service.registry.votesOn(COMMITTEE, day)).find((v) => v.application_id === id);
    if (recorded) return recorded;
    // A vote sent back names its problem: say it rather than wait.
    const [back] = (await rest.tasks({ processInstanceBusinessKey: id, taskDefinitionKey: 'committee-vote' })).filter((t) => t.id !== task.id);
    if (back) throw new Error(`the vote came back: ${String((await rest.variables(back.processInstanceId)).voteProblem)}`);
    return null;
  }, 60_000);
  expect(vote).toMatchObject({ members: 15, present: 13, yes: 10, against: 2, abstain: 1, passed: true });
  expect((await service.registry.meeting(meeting.id))!.votes).toBe(1);
  await page.browserContext().close();
}, 300_000);
