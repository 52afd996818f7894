// Time of an office's Excel export (上报汇总) of 10,000 applications, through the real route:
// the registry (PGlite in memory, or DATABASE_URL), the offices router behind its token, and the
// streamed workbook read to its last byte over HTTP.
// Usage: npm run bench:office-export [-- --rows 10000]
// Last line: office_export: rows=<n> seconds=<s> rows_per_s=<r> bytes=<b> rss_mb=<peak>
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import ExcelJS from 'exceljs';
import { officesRouter } from '../workers/http/offices.js';
import { requireOfficeToken } from '../workers/http/office-auth.js';
import { ROOT } from '../workers/config.js';
import { DocumentService } from '../workers/documents/service.js';
import { createLogger } from '../workers/log.js';
import { PrintJobs } from '../workers/offices/print-jobs.js';
import { OfficeQueries } from '../workers/offices/queries.js';
import { createPolicyProvider } from '../workers/policy/provider.js';
import { openRegistryDatabase } from '../workers/registry/db.js';

const i = process.argv.indexOf('--rows');
const ROWS = i > 0 ? Number(process.argv[i + 1]) : 10_000;
if (!Number.isInteger(ROWS) || ROWS < 1) throw new Error('--rows must be a whole number of at least 1');
const OFFICE = 'hr-220100';
const TOKEN = 'bench-office-token-0123456789';
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方';
const GIVEN = '建国丽娟志强海燕德才晓东春梅宏伟玉兰明哲子涵雨桐思远国栋秀英文博佳怡浩然一鸣静怡俊杰淑华振华';
const COUNTIES = ['220102', '220103', '220104', '220105', '220106', '220112', '220113'];

const tmp = await mkdtemp(path.join(os.tmpdir(), 'office-export-'));
const database = await openRegistryDatabase({ url: process.env.DATABASE_URL, dir: 'memory://' });
const runId = Date.now().toString(36).toUpperCase();
const log = createLogger('warn');
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
try {
  const now = new Date();
  for (let start = 0; start < ROWS; start += 1000) {
    const rows = Array.from({ length: Math.min(1000, ROWS - start) }, (_, k) => {
      const n = start + k;
      return {
        id: `BENCH-${runId}-${String(n).padStart(6, '0')}`,
        caller: null,
        applicant_key: `bench-${runId}-${n}`,
        applicant_name: `${SURNAMES[n % SURNAMES.length]}${GIVEN.slice((n * 2) % (GIVEN.length - 1), ((n * 2) % (GIVEN.length - 1)) + 2)}`,
        year: 2024,
        category: n % 7 === 0 ? 'k12-associate-and-below' : 'regular',
        series: n % 3 === 0 ? '卫生' : '工程',
        specialty: n % 3 === 0 ? '临床医学' : '计算机应用',
        level: ['junior', 'intermediate', 'associate-senior', 'senior'][n % 4]!,
        unit_name: `长春市第${(n % 97) + 1}某某科技有限公司`,
        unit_credit_code: '91220106MA0Y5K8Q7H',
        division_code: COUNTIES[n % COUNTIES.length]!,
        state: 'in-review' as const,
        current_step: 'level-review-task',
        current_step_name: '市（州）人社部门审核',
        current_office: OFFICE,
        current_since: now,
        current_deadline: new Date(now.getTime() + ((n % 30) + 1) * 86_400_000),
        policy_id: '2024',
        engine: 'camunda7',
        application: '{}',
        submitted_at: now,
        updated_at: now,
      };
    });
    await database.db.insertInto('applications').values(rows).execute();
  }
  const policies = createPolicyProvider({ dir: path.join(ROOT, 'policy'), activeId: '2024', demoBaseId: '2024', today: new Date() });
  const queries = new OfficeQueries(database.db);
  const documents = new DocumentService({ storeDir: path.join(tmp, 'documents'), chromiumPath: '/usr/bin/chromium', baseUrl: 'http://localhost:3000', linkKey: 'bench' });
  const clock = () => new Date();
  const app = express();
  app.use('/api/offices/:office', requireOfficeToken([{ office: OFFICE, token: TOKEN }]), officesRouter({ queries, printJobs: new PrintJobs({ queries, documents, policies, clock, log }), policies, documents, clock, log }));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const port = (server.address() as AddressInfo).port;

  const started = performance.now();
  const res = await fetch(`http://127.0.0.1:${port}/api/offices/${OFFICE}/applications/export.xlsx?pageSize=1`, { headers: { authorization: `Bearer ${TOKEN}` } });
  if (res.status !== 200) throw new Error(`export answered ${res.status}: ${await res.text()}`);
  const body = Buffer.from(await res.arrayBuffer());
  const seconds = (performance.now() - started) / 1000;
  server.close();

  // The workbook holds every row (checked outside the timing).
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body.buffer as ArrayBuffer);
  const sheet = book.getWorksheet('上报汇总');
  const dataRows = (sheet?.rowCount ?? 0) - 3;
  if (dataRows < ROWS) throw new Error(`the workbook holds ${dataRows} rows, expected ${ROWS} or more`);
  console.log(`office_export: rows=${dataRows} seconds=${seconds.toFixed(2)} rows_per_s=${Math.round(dataRows / seconds)} bytes=${body.length} rss_mb=${Math.round(peakRss / 1048576)}`);
  await documents.close();
} finally {
  clearInterval(sampler);
  if (process.env.DATABASE_URL) await database.db.deleteFrom('applications').where('id', 'like', `BENCH-${runId}-%`).execute();
  await database.close();
  await rm(tmp, { recursive: true, force: true });
}
