// 指定评审委员会 in the real Tasklist (notice 三（三）: 省人社厅…分配至相关评委会办事机构): the
// provincial HR department's reviewer opens the assignment task of an application no committee
// covers, finds the policy's committees in the form's list, picks one and completes the task; the
// application moves on to that committee's intake. Screenshot in test/artifacts/.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { clickButton, launchBrowser, signIn, type PageDocument } from '../support/tasklist-page.js';
import { loadConfig, ROOT } from '../../workers/config.js';
import { createLogger } from '../../workers/log.js';
import { startService, type Running } from '../../workers/main.js';
import { createPolicyProvider } from '../../workers/policy/provider.js';
import { CamundaRest } from '../../workers/adapters/camunda7/rest-client.js';
import { callerOf, ENGINE_URL, engineWebapps, rest, serviceEnv, waitFor } from '../setup/engine.js';
import { application, approveRoute, openTask, removeApplications, submit } from '../support/offices.js';

const config = loadConfig(serviceEnv({ PROVISION_IDENTITY: 'demo', POLICY_ID: 'demo' }));
const committees = createPolicyProvider({ dir: path.join(ROOT, 'policy'), activeId: '2024', demoBaseId: '2024', today: new Date() }).get('2024').committees;
const artifacts = path.join(ROOT, 'test/artifacts');
let service: Running;
let browser: Browser;
let webapp: string;
const ids: string[] = [];

declare const document: PageDocument;

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  webapp = (await engineWebapps()).tasklist.replace(/\/$/, '');
  service = await startService(config, createLogger('silent'));
  browser = await launchBrowser(config.CHROMIUM_PATH);
});
afterAll(async () => {
  await browser?.close();
  await service?.stop();
  await removeApplications(ids);
});


it('三（三）: 省人社厅 picks the committee from the policy list in its Tasklist form; the application goes to that committee', async () => {
  const api = `http://127.0.0.1:${service.port}`;
  const id = await submit(api, application({ qualification: { series: '档案', specialty: '档案管理', level: 'intermediate' } }));
  ids.push(id);
  // The example's route: county HR (绿园区), then city HR (长春市).
  await approveRoute(id, 2);
  const task = await openTask(id, 'assign-committee-task');
  // Claimed before the page opens: Tasklist deselects a task when it is claimed from the form.
  await new CamundaRest(ENGINE_URL, { username: 'province-hr', password: config.DEMO_USER_PASSWORD }).request('POST', `/task/${task.id}/claim`, { userId: 'province-hr' });

  const page = await signIn(browser, { webapp, user: 'province-hr', password: config.DEMO_USER_PASSWORD, landedOn: 'All tasks' });
  const [allTasks] = await rest.request<Array<{ id: string }>>('GET', `/filter?resourceType=Task&name=${encodeURIComponent('All tasks')}`);
  await page.goto(`${webapp}/default/#/?filter=${allTasks!.id}&task=${task.id}`, { waitUntil: 'networkidle2' });
  await page.waitForFunction(() => document.body.innerText.includes('处理结论'), { timeout: 30_000 });

  await (await page.waitForSelector('.fjs-form input[type=radio]', { timeout: 10_000 }))!.click(); // the first choice: assign
  const select = await page.waitForSelector('.fjs-form-field-select input, .fjs-form-field-select .fjs-select-display', { timeout: 10_000 });
  await select!.click();
  // The list holds the policy's committees (committeeChoices), by name and id.
  const wanted = committees.find((c) => c.id === 'jl-engineering-intermediate')!;
  await page.waitForFunction((name) => document.body.innerText.includes(name), { timeout: 10_000 }, `${wanted.name}（${wanted.id}）`);
  const listed = await page.evaluate(() => Array.from(document.querySelectorAll('.fjs-dropdownlist-item')).map((e) => e.innerText.trim()));
  expect(listed).toEqual(committees.map((c) => `${c.name}（${c.id}）`));
  // A real click (form-js picks on mousedown).
  const items = await page.$$('.fjs-dropdownlist-item');
  await items[listed.indexOf(`${wanted.name}（${wanted.id}）`)]!.click();
  await page.waitForFunction(() => document.querySelectorAll('.fjs-dropdownlist-item').length === 0, { timeout: 10_000 });
  await clickButton(page, 'Save');
  await page.screenshot({ path: path.join(artifacts, 'tasklist-assign-committee.png'), fullPage: true });
  await page.waitForFunction(() => Array.from(document.querySelectorAll('button')).some((b) => b.innerText.trim() === 'Complete' && !b.disabled), { timeout: 10_000 });
  expect(await clickButton(page, 'Complete')).toBe(true);

  const intake = await waitFor('the committee intake', async () => {
    for (const t of await rest.tasks({ processInstanceBusinessKey: id, taskDefinitionKey: 'level-review-task' })) {
      if ((await rest.candidateGroups(t.id)).includes('committee-jl-engineering-intermediate')) return t;
    }
    return null;
  }, 60_000);
  expect((await rest.variables(await callerOf(intake.processInstanceId))).committeeId).toBe('jl-engineering-intermediate');
  await page.browserContext().close();
});
