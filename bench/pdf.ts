// Throughput of the document renderer against the plain way of printing with Chromium.
// Usage: npm run bench:pdf [-- --docs 200 --naive 10 --singles 20 --pages 2 --batch 100]
// Last line: pdf: docs_per_s=<x> naive_docs_per_s=<y> ratio=<x/y> single_doc_ms=<p50> rss_mb=<peak>
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { processTreePssMb, processTreeRssMb } from '../workers/documents/process-tree.js';
import { CHROMIUM_ARGS, createRenderer, defaultChromiumPath } from '../workers/documents/renderer.js';
import { TEMPLATES_DIR, TemplateSet } from '../workers/documents/templates.js';

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i > 0 ? Number(process.argv[i + 1]) : def;
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number`);
  return value;
}
const DOCS = arg('docs', 200);
const NAIVE_DOCS = arg('naive', 10);
const SINGLES = arg('singles', 20);
const PAGES = arg('pages', 2);
const BATCH = arg('batch', 100);
const executablePath = defaultChromiumPath();

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方';
const GIVEN = '建国丽娟志强海燕德才晓东春梅宏伟玉兰明哲子涵雨桐思远国栋秀英文博佳怡浩然一鸣静怡俊杰淑华振华';
const RARE = ['䶮', '堃', '喆', '犇', '淼', '燚', '嫚', '昇', '珺', '赟'];

/** Distinct applicant names; every seventh carries a rare character. */
function nameOf(i: number): string {
  const s = SURNAMES[i % SURNAMES.length]!;
  const g1 = GIVEN[(i * 7) % GIVEN.length]!;
  const g2 = i % 7 === 0 ? RARE[i % RARE.length]! : GIVEN[(i * 13 + 5) % GIVEN.length]!;
  return `${s}${g1}${g2}`;
}

const sample = JSON.parse(readFileSync(path.join(TEMPLATES_DIR, 'review-summary.sample.json'), 'utf8')) as {
  applicant: Record<string, unknown>;
};
const dataFor = (i: number) => ({
  ...sample,
  applicationNo: `JL-2024-${String(i).padStart(6, '0')}`,
  applicant: { ...sample.applicant, name: nameOf(i) },
});

let peakRss = 0;
let peakPss = 0;
let ticks = 0;
const sampleRss = () => {
  peakRss = Math.max(peakRss, processTreeRssMb(process.pid));
  // PSS walks every process's page tables: sample it less often.
  if (ticks++ % 5 === 0) peakPss = Math.max(peakPss, processTreePssMb(process.pid));
};
const sampler = setInterval(sampleRss, 100);

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Every file is a standalone one-page PDF whose fonts are embedded and whose text reads back. */
function verify(file: string, name: string): void {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  if (!/^Pages:\s+1$/m.test(info)) throw new Error(`${file}: not a one-page PDF`);
  const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2);
  if (fonts.length === 0 || fonts.some((line) => !/\byes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.test(line))) {
    throw new Error(`${file}: a font is not embedded:\n${fonts.join('\n')}`);
  }
  const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  if (!text.includes(name) || !text.includes('吉林省专业技术资格评审一览表')) throw new Error(`${file}: text does not read back`);
}

const out = await mkdtemp(path.join(os.tmpdir(), 'bench-pdf-'));
try {
  // Ours: warm up (browser start, font loading), then all documents requested at once, as the
  // tasks of a fetch arrive; each comes back as its own PDF and is written as its own file.
  const renderer = createRenderer({ executablePath, pages: PAGES, maxBatch: BATCH });
  await renderer.warmUp();
  await renderer.render('review-summary', dataFor(-1));
  let t = performance.now();
  await Promise.all(
    Array.from({ length: DOCS }, async (_, i) => writeFile(path.join(out, `ours-${i}.pdf`), await renderer.render('review-summary', dataFor(i)))),
  );
  const oursSec = (performance.now() - t) / 1000;
  sampleRss();
  const batchStats = renderer.stats();
  const singles: number[] = [];
  for (let i = 0; i < SINGLES; i++) {
    t = performance.now();
    await renderer.render('review-summary', dataFor(100_000 + i));
    singles.push(performance.now() - t);
  }
  await renderer.close();

  // Naive: one browser, setContent + page.pdf per document, the system CJK font.
  const templates = new TemplateSet();
  const css = templates.stylesheet().replace(/font-family:[^;]*;/, 'font-family: "Noto Serif CJK SC", serif;');
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
  }
  const naiveSec = (performance.now() - t) / 1000;
  sampleRss();
  await browser.close();
  clearInterval(sampler);

  for (let i = 0; i < DOCS; i++) verify(path.join(out, `ours-${i}.pdf`), nameOf(i));
  for (let i = 0; i < NAIVE_DOCS; i++) verify(path.join(out, `naive-${i}.pdf`), nameOf(i));

  const ours = DOCS / oursSec;
  const naive = NAIVE_DOCS / naiveSec;
  const size = readFileSync(path.join(out, 'ours-0.pdf')).length;
  process.stdout.write(
    `ours: ${DOCS} docs in ${oursSec.toFixed(2)} s, ${batchStats.prints - 1} prints on ${PAGES} page(s), ${(size / 1024).toFixed(0)} KB each; ` +
      `naive: ${NAIVE_DOCS} docs in ${naiveSec.toFixed(2)} s; single documents (ms): ${singles.map((s) => s.toFixed(0)).join(' ')}; ` +
      `all ${DOCS + NAIVE_DOCS} files checked: one page, fonts embedded, text extractable; ` +
      `peak memory of this process and its browsers: ${peakRss.toFixed(0)} MB summed RSS, ${peakPss.toFixed(0)} MB PSS\n`,
  );
  process.stdout.write(
    `pdf: docs_per_s=${ours.toFixed(1)} naive_docs_per_s=${naive.toFixed(2)} ratio=${(ours / naive).toFixed(1)} ` +
      `single_doc_ms=${p50(singles).toFixed(0)} rss_mb=${peakRss.toFixed(0)}\n`,
  );
} finally {
  clearInterval(sampler);
  await rm(out, { recursive: true, force: true });
}
