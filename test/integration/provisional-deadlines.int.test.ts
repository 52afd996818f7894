// A year without the State Council's holiday schedule on the real engine (SPEC 6; 三（二） 单位公示):
// the service runs as if on 28 December of the last year the calendar data covers, so the unit's
// 5-working-day publicity reaches the next year. The flow does not stop: the period is counted on
// the statutory holidays and marked provisional on the task, in the status and in the log; once the
// schedule arrives (policy/calendar/<year>.json), `npm run deadlines:recompute` moves the timer, the
// variable and the registry's deadline, and the status no longer says provisional.
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig, ROOT } from '../../workers/config.js';
import { formatInstantZh } from '../../workers/domain/dates-zh.js';
import { recomputeDeadlines } from '../../workers/deadlines/recompute.js';
import { createLogger } from '../../workers/log.js';
import { startService, type Running } from '../../workers/main.js';
import { createPolicyProvider } from '../../workers/policy/provider.js';
import { openRegistryDatabase } from '../../workers/registry/db.js';
import { Registry } from '../../workers/registry/registry.js';
import { packageCalendar } from '../../workers/rules/index.js';
import { DATABASE_URL, rest, serviceEnv, waitFor } from '../setup/engine.js';
import { newApplication, portalAuth } from '../support/applications.js';
import { removeApplications, submit, unitApproval } from '../support/offices.js';

const last = packageCalendar.officialYears().at(-1)!;
const next = last + 1;
const start = new Date(`${last}-12-28T10:00:00+08:00`);
const offset = start.getTime() - Date.now();
const clock = () => new Date(Date.now() + offset);

let service: Running;
let api: string;
const ids: string[] = [];
// The unit's office (its group), which the unit publicity waits at, reads its list with a token.
const unitOffice = `unit-${newApplication().unit.creditCode}`;
const unitToken = randomBytes(18).toString('base64url');

beforeAll(async () => {
  service = await startService(loadConfig(serviceEnv({ POLICY_ID: 'demo', OFFICE_TOKENS: `${unitOffice}:${unitToken}` })), createLogger('silent'), { clock });
  api = `http://127.0.0.1:${service.port}`;
});
afterAll(async () => {
  await removeApplications(ids);
  await service?.stop();
});

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const statusOf = async (id: string) => (await (await fetch(`${api}/api/applications/${id}`, { headers: portalAuth })).json()) as Json;

describe('SPEC 6: a working-day period that reaches a year without the official schedule', () => {
  it('is counted on the statutory holidays, marked provisional (the task, the status, the office\'s list and its workbook), and moved to the official figures by deadlines:recompute', async () => {
    const id = await submit(api, newApplication());
    ids.push(id);
    const task = await waitFor(`the unit review of ${id}`, async () => (await rest.tasks({ processInstanceBusinessKey: id, taskDefinitionKey: 'unit-review-task' }))[0], 60_000);
    // The unit review's due date lies in the next year too: the form says it is provisional, in plain Chinese.
    const vars = await rest.variables(task.processInstanceId);
    expect(vars.unitDeadlineProvisional).toBe(`${next}年的放假安排尚未公布，按法定节假日暂定`);
    expect(vars.unitDeadlineText).toBe(formatInstantZh(String(vars.unitDeadline)));
    expect(String(vars.unitDeadlineWarning)).not.toMatch(/policy\/calendar|\.json/);
    await rest.completeTask(task.id, unitApproval);

    // 28-31 December and the first working day after 元旦 (1 January): the publicity ends at 24:00 of that day.
    let firstWorking = `${next}-01-02`;
    while ([0, 6].includes(new Date(`${firstWorking}T00:00:00Z`).getUTCDay())) firstWorking = `${next}-01-${String(Number(firstWorking.slice(8)) + 1).padStart(2, '0')}`;
    const status = await waitFor(`${id} in its unit publicity`, async () => {
      const s = await statusOf(id);
      return s.status === 'in-unit-publicity' ? s : null;
    }, 60_000);
    const step = status.currentSteps[0];
    expect(step).toMatchObject({ step: 'unit-publicity', provisional: true, provisionalReason: `${next}年的放假安排尚未公布，按法定节假日暂定` });
    const provisionalEnd = Date.parse(step.deadline);
    expect(new Date(provisionalEnd - 1).toISOString() < `${next}-01-31`).toBe(true);

    // SPEC 6, 三（二）: where the deadline shows to the office, it is marked provisional too: the list's
    // item (provisional, provisionalReason, as in the status) and the 上报汇总 workbook's 截止时间.
    const officeGet = (p: string) => fetch(`${api}/api/offices/${unitOffice}/applications${p}`, { headers: { authorization: `Bearer ${unitToken}` } });
    const list = (await (await officeGet('?pageSize=500')).json()) as Json;
    expect(list.items.find((a: Json) => a.id === id)).toMatchObject({ state: 'in-unit-publicity', provisional: true, provisionalReason: `${next}年的放假安排尚未公布，按法定节假日暂定` });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await (await officeGet('/export.xlsx')).arrayBuffer()) as ArrayBuffer);
    const sheet = book.getWorksheet('上报汇总')!;
    const row = Array.from({ length: sheet.rowCount - 3 }, (_, i) => sheet.getRow(i + 4).values as unknown[]).find((r) => r[2] === id)!;
    expect(row[12]).toBe(`${formatInstantZh(step.deadline)}（暂定）`);

    // The schedule arrives, with the first working day of the year made a holiday too (a test schedule).
    const dir = mkdtempSync(path.join(tmpdir(), 'recompute-'));
    try {
      cpSync(path.join(ROOT, 'policy', '2024.json'), path.join(dir, '2024.json'));
      mkdirSync(path.join(dir, 'calendar'));
      writeFileSync(path.join(dir, 'calendar', `${next}.json`), JSON.stringify({ year: next, source: '测试用节假日安排（非官方）', holidays: [`${next}-01-01/${firstWorking}`], workdays: [] }));
      const policies = createPolicyProvider({ dir, activeId: 'demo', demoBaseId: '2024', today: start });
      const database = await openRegistryDatabase({ url: DATABASE_URL, dir: 'memory://' });
      try {
        const registry = new Registry(database.db, clock, database.store);
        const moves = (await recomputeDeadlines({ registry, rest, policies, log: createLogger('silent') })).filter((m) => m.applicationId === id);
        expect(moves).toHaveLength(1);
        expect(moves[0]).toMatchObject({ step: 'unit-publicity', provisional: null });
        expect(Date.parse(moves[0]!.to) - provisionalEnd).toBeGreaterThanOrEqual(86_400_000);
        // Run again: nothing left to move for this application.
        expect((await recomputeDeadlines({ registry, rest, policies, log: createLogger('silent') })).filter((m) => m.applicationId === id)).toEqual([]);
        // The engine's timer and variable moved with it.
        const instances = await rest.processInstances({ businessKey: id });
        const jobs = (await Promise.all(instances.map((i) => rest.request<Array<{ dueDate: string; processInstanceId: string }>>('GET', `/job?processInstanceId=${i.id}&timers=true&activityId=unit-publicity-ended`)))).flat();
        expect(jobs).toHaveLength(1);
        expect(Date.parse(jobs[0]!.dueDate)).toBe(Date.parse(moves[0]!.to));
        const publicity = await rest.variables(jobs[0]!.processInstanceId);
        expect(publicity.unitPublicityEnd).toBe(moves[0]!.to);
        expect(publicity.unitPublicityProvisional ?? null).toBeNull();
        const after = await statusOf(id);
        expect(after.currentSteps[0]).toMatchObject({ step: 'unit-publicity', provisional: false });
        expect(Date.parse(after.currentSteps[0].deadline)).toBe(Date.parse(moves[0]!.to));
        expect(after.history.some((h: Json) => h.event === 'deadline-moved')).toBe(true);
        // Counted on the official schedule now: the office's list no longer marks it.
        const relisted = (await (await officeGet('?pageSize=500')).json()) as Json;
        const item = relisted.items.find((a: Json) => a.id === id);
        expect(item.provisional).toBe(false);
        expect(item).not.toHaveProperty('provisionalReason');
      } finally {
        await database.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
