// Throughput of the document renderer against the plain way of printing with Chromium.
// Usage: npm run bench:pdf [-- --docs 200 --naive 10 --singles 20]
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, createRenderer } from '../workers/documents/renderer.js';
import { TEMPLATES_DIR, TemplateSet } from '../workers/documents/templates.js';

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
}
const DOCS = arg('docs', 200);
const NAIVE_DOCS = arg('naive', 10);
const SINGLES = arg('singles', 20);
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方';
const GIVEN = '建国丽娟志强海燕德才晓东春梅宏伟玉兰明哲子涵雨桐思远国栋秀英文博佳怡浩然一鸣静怡俊杰淑华振华';
const RARE = ['䶮', '堃', '喆', '犇', '淼', '燚', '嫚', '昇', '珺', '赟'];

/** Distinct applicant names; every seventh carries a rare character. */
function nameOf(i: number): string {
  const s = SURNAMES[i % SURNAMES.length]!;
  const g1 = GIVEN[(i * 7) % GIVEN.length]!;
  const g2 = i % 7 === 0 ? RARE[i % RARE.length]! : GIVEN[(i * 13 + 5) % GIVEN.length]!;
  return `${s}${g1}${g2}${i}`;
}

const sample = JSON.parse(readFileSync(path.join(TEMPLATES_DIR, 'review-summary.sample.json'), 'utf8')) as {
  applicant: Record<string, unknown>;
};
const dataFor = (i: number) => ({ ...sample, applicationNo: `JL-2024-${String(i).padStart(6, '0')}`, applicant: { ...sample.applicant, name: nameOf(i) } });

/** Resident set size in MB of this process plus every Chromium process below it. */
function rssMb(): number {
  let kb = 0;
  const children = new Map<number, number[]>();
  for (const line of execFileSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' }).trim().split('\n')) {
    const [pid, ppid] = line.trim().split(/\s+/).map(Number) as [number, number];
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  const stack = [process.pid];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    try {
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) kb += Number(m[1]);
    } catch {
      // The process ended between listing and reading.
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return kb / 1024;
}

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, rssMb());
}, 100);

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const out = await mkdtemp(path.join(os.tmpdir(), 'bench-pdf-'));
try {
  // Ours: warm up (browser start, font parsing), then everything at once.
  const renderer = createRenderer({ executablePath });
  await renderer.render('review-summary', dataFor(-1));
  let t = performance.now();
  const pdfs = await Promise.all(Array.from({ length: DOCS }, (_, i) => renderer.render('review-summary', dataFor(i))));
  await Promise.all(pdfs.map((pdf, i) => writeFile(path.join(out, `ours-${i}.pdf`), pdf)));
  const oursSec = (performance.now() - t) / 1000;
  peakRss = Math.max(peakRss, rssMb());
  const singles: number[] = [];
  for (let i = 0; i < SINGLES; i++) {
    t = performance.now();
    await renderer.render('review-summary', dataFor(100_000 + i));
    singles.push(performance.now() - t);
  }
  const stats = renderer.stats();
  await renderer.close();
  // Spot check: a standalone PDF reads back with its own applicant.
  const check = DOCS > 7 ? 7 : 0;
  const text = execFileSync('pdftotext', [path.join(out, `ours-${check}.pdf`), '-'], { encoding: 'utf8' });
  if (!text.includes(nameOf(check))) throw new Error(`ours-${check}.pdf does not show ${nameOf(check)}`);

  // Naive: one browser, one setContent + pdf per document with the system CJK font.
  const templates = new TemplateSet();
  const css = templates.stylesheet().replace(/font-family:[^;]*;/, 'font-family: "Noto Serif CJK SC";');
  const browser = await puppeteer.launch({ executablePath, headless: true, pipe: true, args: CHROMIUM_ARGS });
  const page = await browser.newPage();
  const naiveHtml = (i: number) =>
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>${css}</style></head>` +
    `<body><div class="doc">${templates.render('review-summary', dataFor(i)).html}</div></body></html>`;
  await page.setContent(naiveHtml(-1));
  await page.pdf({ preferCSSPageSize: true, printBackground: true });
  t = performance.now();
  for (let i = 0; i < NAIVE_DOCS; i++) {
    await page.setContent(naiveHtml(i));
    await writeFile(path.join(out, `naive-${i}.pdf`), await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    peakRss = Math.max(peakRss, rssMb());
  }
  const naiveSec = (performance.now() - t) / 1000;
  await browser.close();
  clearInterval(sampler);

  const ours = DOCS / oursSec;
  const naive = NAIVE_DOCS / naiveSec;
  const bytes = (await readFile(path.join(out, 'ours-0.pdf'))).length;
  process.stdout.write(
    `ours: ${DOCS} docs in ${oursSec.toFixed(2)} s (${stats.prints} prints, ${stats.browserLaunches} launch(es), ${bytes} bytes each); ` +
      `naive: ${NAIVE_DOCS} docs in ${naiveSec.toFixed(2)} s; singles: ${singles.map((s) => s.toFixed(0)).join(' ')}\n`,
  );
  process.stdout.write(
    `pdf: docs_per_s=${ours.toFixed(1)} naive_docs_per_s=${naive.toFixed(2)} ratio=${(ours / naive).toFixed(1)} ` +
      `single_doc_ms=${p50(singles).toFixed(0)} rss_mb=${peakRss.toFixed(0)}\n`,
  );
} finally {
  clearInterval(sampler);
  await rm(out, { recursive: true, force: true });
}
