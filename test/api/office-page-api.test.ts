// The office page's HTTP side without an engine: the reviewers' sign-in (a stand-in for the engine's
// identity API), the office rule (401, 403 as a Chinese page or JSON, 200 for members and
// administrators), the page's JSON on the offices' real queries over PGlite (filters, paging,
// labels, statistics), the workbook and a batch print through the office API's routes, the
// strict Content-Security-Policy, and the assets served from the product.
import ExcelJS from 'exceljs';
import { createApp } from '../../workers/http/app.js';
import { OFFICE_PAGE_CSP } from '../../workers/http/office-page.js';
import type { DocumentService } from '../../workers/documents/service.js';
import { createLogger } from '../../workers/log.js';
import { PrintJobs } from '../../workers/offices/print-jobs.js';
import { OfficeQueries } from '../../workers/offices/queries.js';
import { openRegistryDatabase, type RegistryDatabase } from '../../workers/registry/db.js';
import { Registry } from '../../workers/registry/registry.js';
import { apiDeps, serve, type Serving } from '../support/api-app.js';
import { identityEngine } from '../support/identity-engine.js';
import { officeClock, recordOfficeWork, type OfficeRecords } from '../support/office-records.js';

let database: RegistryDatabase;
let engine: Serving;
let serving: Serving;
let base: string;
let work: OfficeRecords;
const CITY = '/offices/hr-220100';
const users = {
  'city-head': { password: 'city-pw', groups: ['hr-220100'] },
  'county-head': { password: 'county-pw', groups: ['hr-220102'] },
  boss: { password: 'boss-pw', groups: ['operaton-admin'] },
};
const basic = (user: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });
const city = basic('city-head', 'city-pw');

const get = async (path: string, headers: Record<string, string> = city) => {
  const res = await fetch(`${base}${path}`, { headers, redirect: 'manual' });
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, headers: res.headers, body: type.includes('json') ? ((await res.json()) as any) : type.includes('text') || type.includes('javascript') ? await res.text() : Buffer.from(await res.arrayBuffer()) };
};

beforeAll(async () => {
  database = await openRegistryDatabase({ dir: 'memory://' });
  work = await recordOfficeWork(new Registry(database.db, () => officeClock.now));
  const fake = await identityEngine(users);
  engine = fake;
  const clock = () => officeClock.now;
  const log = createLogger('silent');
  const deps = apiDeps({ clock });
  const queries = new OfficeQueries(database.db, clock);
  const documents = {} as DocumentService;
  serving = await serve(
    createApp({
      ...deps,
      review: { engineUrls: [fake.url], failedLoginLimit: 50 },
      offices: { tokens: [], api: { queries, printJobs: new PrintJobs({ queries, documents, policies: deps.policies, clock, log }), policies: deps.policies, documents, clock, log } },
    }),
  );
  base = serving.base;
}, 60_000);

afterAll(async () => {
  await serving?.close();
  await engine?.close();
  await database?.close();
});

describe('who may open the office page', () => {
  it('asks for the Tasklist account (401 with a Basic challenge) without or with a wrong password', async () => {
    for (const path of [`${CITY}/`, `${CITY}/api/applications`]) {
      const none = await get(path, {});
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toMatch(/^Basic /);
      expect((await get(path, basic('city-head', 'wrong'))).status).toBe(401);
    }
  });

  it('a browser that cancels the sign-in reads a Chinese page (still 401 with the challenge); a program reads JSON', async () => {
    const html = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
    const cancelled = await get(`${CITY}/`, html);
    expect([cancelled.status, cancelled.headers.get('content-type')]).toEqual([401, expect.stringMatching(/^text\/html/)]);
    expect(cancelled.headers.get('www-authenticate')).toMatch(/^Basic /);
    expect(cancelled.body).toContain('需要登录');
    expect(cancelled.body).toContain('请使用本单位的 Tasklist 账号（用户名和密码）登录后再打开本页。');
    expect(cancelled.headers.get('content-security-policy')).toBe(OFFICE_PAGE_CSP);
    const wrong = await get(`${CITY}/`, { ...html, ...basic('city-head', 'wrong') });
    expect([wrong.status, wrong.body]).toEqual([401, expect.stringContaining('用户名或密码不正确')]);
    const program = await get(`${CITY}/api/applications`, { accept: 'application/json' });
    expect([program.status, program.body]).toEqual([401, { errors: [{ field: 'Authorization', message: 'sign in with your Tasklist account (HTTP basic authentication)' }] }]);
  });

  it('answers the meetings of an office that is no committee, or of a server that keeps none, with 404 naming the office', async () => {
    for (const path of [`${CITY}/api/meetings`, '/offices/committee-jl-engineering-intermediate/api/meetings']) {
      const answer = await get(path, basic('boss', 'boss-pw'));
      expect([path, answer.status, answer.body.errors[0].field]).toEqual([path, 404, 'office']);
    }
  });

  it("refuses another office's user: a Chinese page for the page, JSON for its API", async () => {
    const page = await get(`${CITY}/`, basic('county-head', 'county-pw'));
    expect(page.status).toBe(403);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.body).toContain('无权访问');
    expect(page.body).toContain('county-head');
    expect(page.headers.get('content-security-policy')).toBe(OFFICE_PAGE_CSP);
    const api = await get(`${CITY}/api/applications`, basic('county-head', 'county-pw'));
    expect(api.status).toBe(403);
    expect(api.body.errors[0].field).toBe('office');
    expect((await get(`${CITY}/api/statistics`, basic('county-head', 'county-pw'))).status).toBe(403);
    expect((await get(`${CITY}/api/applications/export.xlsx`, basic('county-head', 'county-pw'))).status).toBe(403);
  });

  it('serves the page to the office and to administrators, under a strict CSP, with the trailing slash', async () => {
    const page = await get(`${CITY}/`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<html lang="zh-CN">');
    expect(page.headers.get('content-security-policy')).toBe(OFFICE_PAGE_CSP);
    expect(page.headers.get('cache-control')).toBe('private, no-store');
    expect(OFFICE_PAGE_CSP).toContain("default-src 'none'");
    expect(OFFICE_PAGE_CSP).not.toMatch(/unsafe|https?:/);
    expect((await get(`${CITY}/`, basic('boss', 'boss-pw'))).status).toBe(200);
    const bare = await get(CITY);
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe(`${CITY}/`);
    expect((await get('/offices/..%2Fetc/', city)).status).toBe(404);
  });

  it('names the office, the user and the filters with their labels', async () => {
    const office = await get(`${CITY}/api/office`);
    expect(office.status).toBe(200);
    expect(office.body).toMatchObject({ office: 'hr-220100', officeName: '长春市人力资源和社会保障局', user: 'city-head', admin: false });
    expect(office.body.levels).toContainEqual({ value: 'intermediate', label: '中级' });
    expect(office.body.states).toContainEqual({ value: 'in-review', label: '审核中' });
    expect(office.body.categories).toContainEqual({ value: 'regular', label: expect.stringContaining('正常') });
  });
});

describe("the office page's list", () => {
  const list = async (query: string) => (await get(`${CITY}/api/applications?${query}`)).body;

  it('shows labels, not codes, and times in Asia/Shanghai', async () => {
    const body = await list('overdue=true');
    expect(body).toMatchObject({ office: 'hr-220100', total: 1, page: 1, pages: 1 });
    expect(body.items[0]).toMatchObject({
      id: work.overdue,
      applicantName: '张晓明',
      level: 'intermediate',
      levelLabel: '中级',
      state: 'in-review',
      stateLabel: '审核中',
      step: '逐级审核',
      divisionCode: '220106',
      divisionName: '绿园区',
      categoryName: expect.stringContaining('正常'),
      deadlineText: '2024年3月15日24时',
      submittedText: '2024年3月10日 10:00',
      overdue: true,
    });
  });

  it('filters by state, level, category, overdue and applicant or unit', async () => {
    const ids = async (query: string) => (await list(query)).items.map((a: { id: string }) => a.id).sort();
    expect(await ids('')).toEqual([work.overdue, work.senior].sort());
    expect(await ids('level=senior')).toEqual([work.senior]);
    expect(await ids('state=in-review&category=regular')).toEqual([work.overdue, work.senior].sort());
    expect(await ids('state=returned')).toEqual([]);
    expect(await ids('category=k12-senior')).toEqual([]);
    expect(await ids('overdue=false')).toEqual([work.senior]);
    expect(await ids('q=%E5%8C%BB%E9%99%A2')).toEqual([work.senior]);
    expect(await ids('q=%E5%BC%A0%E6%99%93')).toEqual([work.overdue]);
    expect(await ids('scope=handled&q=%E7%8E%8B%E5%B7%B2%E5%8A%9E')).toEqual([...work.decided].sort());
    const bad = await get(`${CITY}/api/applications?level=top&overdue=maybe&pageSize=0`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['level', 'overdue', 'pageSize']);
  });

  it('pages, nearest deadline first', async () => {
    const first = await list('pageSize=1&page=1');
    const second = await list('pageSize=1&page=2');
    expect([first.total, first.pages, first.items.length, second.items.length]).toEqual([2, 2, 1, 1]);
    expect([first.items[0].id, second.items[0].id]).toEqual([work.overdue, work.senior]);
    expect((await list('pageSize=1&page=3')).items).toEqual([]);
  });
});

describe("the office page's statistics, workbook and prints", () => {
  it('labels the counts it charts: by state, level, division, and working days per review level', async () => {
    const stats = await get(`${CITY}/api/statistics`);
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({ office: 'hr-220100', officeName: '长春市人力资源和社会保障局', waiting: 2, overdue: 1, handled: 4 });
    expect(stats.body.byState).toEqual([{ key: 'in-review', label: '审核中', n: 2 }]);
    expect(stats.body.byLevel).toEqual([
      { key: 'intermediate', label: '中级', n: 1 },
      { key: 'senior', label: '正高级', n: 1 },
    ]);
    expect(stats.body.byDivision.map((d: { label: string }) => d.label).sort()).toEqual(['南关区', '绿园区'].sort());
    expect(stats.body.workingDaysPerLevel).toEqual([{ level: 'city-hr', label: '市（州）人社部门', decisions: 2, medianWorkingDays: 2 }]);
  });

  it('downloads the 上报汇总 workbook of the selection', async () => {
    const res = await get(`${CITY}/api/applications/export.xlsx?level=senior`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('上报汇总-hr-220100'));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((res.body as Buffer).buffer as ArrayBuffer);
    const text = JSON.stringify(book.worksheets[0]!.getSheetValues());
    expect(text).toContain('李华');
    expect(text).toContain('级别 正高级');
    expect(text).not.toContain('张晓明');
  });

  it('runs a batch print and reports its progress; refuses a print another site asks for', async () => {
    const post = (headers: Record<string, string>) =>
      fetch(`${base}${CITY}/api/print-jobs`, { method: 'POST', headers: { ...city, 'content-type': 'application/json', ...headers }, body: JSON.stringify({ document: 'publicity-form', scope: 'waiting' }) });
    const foreign = await post({ origin: 'https://elsewhere.example' });
    expect(foreign.status).toBe(403);
    expect((await post({ 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    const started = await post({ origin: base, 'sec-fetch-site': 'same-origin' });
    expect(started.status).toBe(202);
    const job = (await started.json()) as { id: string; progress: { total: number }; links: { self: string } };
    expect(job.progress.total).toBe(2);
    // Its links are the page's own paths, under the page's sign-in (not the office API's token paths).
    expect([started.headers.get('location'), job.links.self]).toEqual([`${CITY}/api/print-jobs/${job.id}`, `${CITY}/api/print-jobs/${job.id}`]);
    let state: any;
    for (let i = 0; i < 50 && state?.state !== 'done'; i++) {
      state = (await get(`${CITY}/api/print-jobs/${job.id}`)).body;
      if (state.state !== 'done') await new Promise((r) => setTimeout(r, 20));
    }
    // No 公示表 has been issued in these records: both are listed as skipped, and there is no PDF.
    expect(state).toMatchObject({ state: 'done', progress: { done: 2, total: 2 }, pages: 0 });
    expect(state.skipped).toHaveLength(2);
    expect((await get(`${CITY}/api/print-jobs/${job.id}`, basic('county-head', 'county-pw'))).status).toBe(403);
  });
});

describe("the office page's assets", () => {
  it('serves its script, stylesheet and Chart.js from the product, with nothing from elsewhere', async () => {
    for (const file of ['office.js', 'office.css', 'chart.umd.min.js']) {
      const res = await get(`/office-assets/${file}`, {});
      expect(res.status).toBe(200);
      expect(res.headers.get('content-security-policy')).toBe(OFFICE_PAGE_CSP);
    }
    expect((await get('/office-assets/chart.umd.min.js', {})).body).toContain('Chart.js v4');
    expect((await get('/office-assets/constructor', {})).status).toBe(404);
    expect((await get('/office-assets/..%2Fpackage.json', {})).status).toBe(404);
    const page = (await get(`${CITY}/`)).body as string;
    const script = (await get('/office-assets/office.js', {})).body as string;
    for (const text of [page, script]) {
      expect(text).not.toMatch(/https?:\/\//);
      expect(text).not.toMatch(/innerHTML|insertAdjacentHTML|document\.write/);
    }
    expect(page).not.toMatch(/<script>|style="| on[a-z]+="/);
  });
});
