// Offices' work at scale through the API, on the real engine and the PostgreSQL registry:
// 长春市人社局 lists what waits at it, pages, filters, exports the 上报汇总 workbook, prints the 一览表
// of a selection as one PDF, and counts its work; 南关区人社局 sees what passed through it; a token
// reads its own office only. The applications come from 南关区 (220102), which no other test uses,
// so the division filter isolates them in a shared registry; they are removed at the end.
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { loadConfig } from '../../workers/config.js';
import { createLogger } from '../../workers/log.js';
import { startService, type Running } from '../../workers/main.js';
import { DATABASE_URL, rest, serviceEnv, waitFor } from '../setup/engine.js';
import { pdfPages, pdfText } from '../documents/helpers.js';
import { application, approveUpTo, atOffice, openTask, removeApplications, submit } from '../support/offices.js';
import { testClock, testNow } from '../support/clock.js';

const cityToken = randomBytes(18).toString('base64url');
const countyToken = randomBytes(18).toString('base64url');
let service: Running;
let api: string;
const ids: string[] = [];
const NANGUAN = { registrationAuthority: '长春市南关区市场监督管理局' };
const names = ['孙办一', '孙办二', '孙办三'];

const get = async (path: string, token = cityToken) => {
  const res = await fetch(`${api}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, headers: res.headers, body: res.headers.get('content-type')?.includes('json') ? ((await res.json()) as any) : Buffer.from(await res.arrayBuffer()) };
};

beforeAll(async () => {
  service = await startService(loadConfig(serviceEnv({ OFFICE_TOKENS: `hr-220100:${cityToken},hr-220102:${countyToken}` })), createLogger('silent'), { clock: testClock });
  api = `http://127.0.0.1:${service.port}`;
  // Two applications up to the city (through 南关区), one left at the county.
  for (const name of names) ids.push(await submit(api, application({ name, unit: NANGUAN })));
  await Promise.all([approveUpTo(ids[0]!, 1), approveUpTo(ids[1]!, 1), approveUpTo(ids[2]!, 0)]);
  await Promise.all([atOffice(api, ids[0]!, 'hr-220100'), atOffice(api, ids[1]!, 'hr-220100'), atOffice(api, ids[2]!, 'hr-220102')]);
});

afterAll(async () => {
  await service?.stop();
  await removeApplications(ids);
});

describe('office lists', () => {
  it('lists what waits at the office, nearest deadline first, in pages', async () => {
    const all = await get('/api/offices/hr-220100/applications?division=220102&pageSize=100');
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ office: 'hr-220100', officeName: '长春市人力资源和社会保障局', scope: 'waiting', total: 2 });
    expect(all.body.items.map((a: { id: string }) => a.id).sort()).toEqual([ids[0], ids[1]].sort());
    for (const a of all.body.items) expect(a).toMatchObject({ currentOffice: 'hr-220100', state: 'in-review', divisionCode: '220102', category: 'regular', level: 'intermediate' });
    // SPEC 6: each deadline says whether it is provisional (a year without the official holiday
    // schedule, as on the test clock's 2027-12-20), and why in Chinese when it is.
    for (const a of all.body.items) {
      if (a.provisional) expect(a.provisionalReason).toMatch(/^\d{4}(、\d{4})*年的放假安排尚未公布，按法定节假日暂定$/);
      else expect([a.provisional, a.provisionalReason]).toEqual([false, undefined]);
    }
    expect(typeof all.body.items[0].deadline).toBe('string');

    const first = await get('/api/offices/hr-220100/applications?division=220102&pageSize=1&page=1');
    const second = await get('/api/offices/hr-220100/applications?division=220102&pageSize=1&page=2');
    expect([first.body.total, first.body.items.length, second.body.items.length]).toEqual([2, 1, 1]);
    expect(first.body.items[0].id).not.toBe(second.body.items[0].id);
  });

  it('filters by state, level, category, series and due date, and names a bad filter', async () => {
    const count = async (query: string) => (await get(`/api/offices/hr-220100/applications?division=220102&${query}`)).body.total;
    expect(await count('category=regular&series=工程&level=intermediate&state=in-review')).toBe(2);
    expect(await count('level=senior')).toBe(0);
    expect(await count('state=returned')).toBe(0);
    expect(await count('series=卫生')).toBe(0);
    expect(await count('dueBefore=2000-01-01')).toBe(0);
    expect(await count('dueBefore=2999-01-01T00:00:00%2B08:00')).toBe(2);
    const bad = await get('/api/offices/hr-220100/applications?level=top&pageSize=0&scope=mine');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['level', 'pageSize', 'scope']);
  });

  it('shows the county what passed through it, not only what waits there', async () => {
    const waiting = await get('/api/offices/hr-220102/applications?pageSize=500', countyToken);
    expect(waiting.body.items.map((a: { id: string }) => a.id)).toEqual([ids[2]]);
    const handled = await get('/api/offices/hr-220102/applications?scope=handled&pageSize=500', countyToken);
    expect(handled.body.items.map((a: { id: string }) => a.id).sort()).toEqual([...ids].sort());
    expect(handled.body.items.find((a: { id: string }) => a.id === ids[0]).currentOffice).toBe('hr-220100');
  });

  it('lets a token read its own office only', async () => {
    const other = await get('/api/offices/hr-220102/applications', cityToken);
    expect(other.status).toBe(403);
    expect(other.body.errors[0]).toMatchObject({ field: 'office', message: expect.stringContaining('hr-220100') });
    expect((await get('/api/offices/hr-220100/applications', 'local-dev-token')).status).toBe(401);
    const none = await fetch(`${api}/api/offices/hr-220100/statistics`);
    expect(none.status).toBe(401);
  });
});

describe('office exports and prints', () => {
  it('exports the list as the 上报汇总 workbook: title, frozen Chinese header, one row per application', async () => {
    const res = await get('/api/offices/hr-220100/applications/export.xlsx?division=220102');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((res.body as Buffer).buffer as ArrayBuffer);
    const sheet = book.getWorksheet('上报汇总')!;
    expect(sheet.getCell('A1').value).toBe('吉林省专业技术资格评审上报汇总表');
    expect(String(sheet.getCell('A2').value)).toContain('长春市人力资源和社会保障局（hr-220100）');
    expect((sheet.getRow(3).values as unknown[]).slice(1, 6)).toEqual(['序号', '申请编号', '姓名', '工作单位', '行政区划']);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(sheet.getColumn(4).width).toBe(32);
    expect(sheet.rowCount).toBe(5);
    const rows = [4, 5].map((r) => sheet.getRow(r).values as unknown[]);
    expect(rows.map((r) => r[3]).sort()).toEqual([names[0], names[1]].sort());
    expect(rows[0]!.slice(5, 10)).toEqual(['南关区', '正常职称', '工程', '计算机应用', '中级']);
    expect(rows[0]![10]).toBe('审核中');
    // SPEC 6: the deadline at 24:00 of a day reads as that day at 24时 (marked 暂定 where the list says
    // provisional), the submission as day and minute.
    const listed = (await get('/api/offices/hr-220100/applications?division=220102')).body.items as Array<{ id: string; provisional: boolean }>;
    for (const row of rows) {
      const mark = listed.find((a) => a.id === row[2])!.provisional ? '（暂定）' : '';
      expect(String(row[12])).toMatch(new RegExp(`^\\d{4}年\\d{1,2}月\\d{1,2}日24时${mark}$`));
    }
    expect(String(rows[0]![13])).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日( \d\d:\d\d|24时)$/);
  });

  it('prints the 一览表 of a selection as one PDF, with progress, and the 公示表 it does not have as skipped', async () => {
    const start = await fetch(`${api}/api/offices/hr-220100/print-jobs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${cityToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ document: 'review-summary', division: '220102' }),
    });
    expect(start.status).toBe(202);
    const job = (await start.json()) as { id: string; progress: { total: number }; links: { self: string } };
    expect(start.headers.get('location')).toBe(job.links.self);
    expect(job.progress.total).toBe(2);
    const done = await waitFor('the print job to finish', async () => {
      const s = await get(job.links.self);
      expect(s.body.state).not.toBe('failed');
      return s.body.state === 'done' ? s.body : null;
    }, 120_000);
    expect(done.progress).toEqual({ done: 2, total: 2 });
    const pdf = await get(done.links.pdf);
    expect([pdf.status, pdf.headers.get('content-type')]).toEqual([200, 'application/pdf']);
    expect(pdfPages(pdf.body as Buffer)).toBe(done.pages);
    const text = pdfText(pdf.body as Buffer).replace(/\s+/g, '');
    for (const name of [names[0]!, names[1]!]) expect(text).toContain(name);
    expect(text).not.toContain(names[2]!);

    const forms = await fetch(`${api}/api/offices/hr-220100/print-jobs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${cityToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ document: 'publicity-form', division: '220102' }),
    });
    const formsJob = (await forms.json()) as { links: { self: string } };
    const formsDone = await waitFor('the 公示表 job to finish', async () => {
      const s = await get(formsJob.links.self);
      return s.body.state === 'done' ? s.body : null;
    });
    expect(formsDone.skipped.map((s: { id: string }) => s.id).sort()).toEqual([ids[0], ids[1]].sort());
    expect([formsDone.pages, formsDone.links.pdf]).toEqual([0, undefined]);
    expect((await get(`${formsJob.links.self}/pdf`)).status).toBe(404);

    const wrong = await fetch(`${api}/api/offices/hr-220100/print-jobs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${cityToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ document: 'certificate' }),
    });
    expect([wrong.status, ((await wrong.json()) as { errors: Array<{ field: string }> }).errors[0]!.field]).toEqual([400, 'document']);
    expect((await get(`/api/offices/hr-220102/print-jobs/${job.id}`, countyToken)).status).toBe(404);
  });
});

describe('office statistics', () => {
  it('counts by state and level, overdue, and the median time per review level, from the API and /metrics', async () => {
    const stats = await get('/api/offices/hr-220102/statistics', countyToken);
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({ office: 'hr-220102', officeName: '南关区人力资源和社会保障局' });
    expect(stats.body.byState['in-review']).toBeGreaterThanOrEqual(1);
    expect(stats.body.byLevel.intermediate).toBeGreaterThanOrEqual(1);
    expect(stats.body.waiting).toBe(Object.values(stats.body.byState as Record<string, number>).reduce((a, b) => a + b, 0));
    expect(stats.body.handled).toBeGreaterThanOrEqual(3);
    const county = stats.body.medianTimePerLevel.find((t: { level: string }) => t.level === 'county-hr');
    expect(county.decisions).toBeGreaterThanOrEqual(2);
    expect(county.medianSeconds).toBeGreaterThanOrEqual(0);
    expect(stats.body.overdue).toBe(0);

    // One waiting application past its deadline counts as overdue (the timer would withdraw it; the
    // registry's deadline is moved back, as the engine is not asked).
    const task = await openTask(ids[2]!, 'level-review-task');
    expect(task).toBeTruthy();
    const pgc = new pg.Client({ connectionString: DATABASE_URL });
    await pgc.connect();
    await pgc.query(`UPDATE applications SET current_deadline = $2 WHERE id = $1`, [ids[2], new Date(testNow().getTime() - 3600_000)]);
    await pgc.end();
    expect((await get('/api/offices/hr-220102/statistics', countyToken)).body.overdue).toBe(1);

    const metrics = await (await fetch(`${api}/metrics`)).text();
    expect(metrics).toMatch(/title_review_office_applications\{office="hr-220100",state="in-review"\} [1-9]/);
    expect(metrics).toMatch(/title_review_office_overdue\{office="hr-220102"\} 1/);
    expect(metrics).toMatch(/title_review_office_level_median_seconds\{office="hr-220102",level="county-hr"\} \d+/);
    // Integrity: /metrics names no unit (a unit's group carries its credit code); units count together.
    expect(metrics).not.toMatch(/unit-[0-9A-Z]{18}/);
    expect(await rest.tasks({ processInstanceBusinessKey: ids[2]!, taskDefinitionKey: 'level-review-task' })).toHaveLength(1);
  });
});
