// What the printed documents say: rare characters, escaped markup, masking, fonts, batches, pages.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, jest } from '@jest/globals';
import { FsDocumentStore, renderToStore } from '../../workers/documents/index.js';
import { createRenderer, DocumentError } from '../../workers/documents/renderer.js';
import { fileRenderer } from '../support/renderer.js';
import { pdfFonts, pdfPages, pdfRawText, pdfText, sample, TEMPLATE_NAMES, withName } from './helpers.js';
import { ROOT } from '../../workers/config.js';
import { documentData } from '../../workers/documents/data.js';
import { applicationSchema } from '../../workers/domain/application.js';
import { committeeOf, publisherOf } from '../../workers/rules/index.js';
import { loadPolicy } from '../../workers/policy/load.js';

// Chromium starts with the first document and the fonts load once: allow for both.
jest.setTimeout(30_000);
const missing: string[] = [];
const renderer = fileRenderer({ onMissingGlyphs: (_template, chars) => missing.push(...chars) });

describe('document renderer', () => {
  it.each(TEMPLATE_NAMES)('renders the sample of %s with its fonts embedded and its text extractable', async (name) => {
    const pdf = await renderer.render(name, sample(name));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const fonts = pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((f) => f.embedded && f.unicode)).toBe(true);
    expect(pdfText(pdf)).toContain(sample(name).applicant?.name ?? sample(name).committee.name);
  });

  it('prints rare characters of names (CJK extension A and uncommon ideographs), never boxes', async () => {
    const text = pdfText(await renderer.render('review-summary', withName('review-summary', '䶮堃喆')));
    expect(text).toContain('䶮堃喆');
    expect(text).toContain('吉林省专业技术资格评审一览表');
    expect(missing).toEqual([]);
  });

  it('reports characters no font has', async () => {
    await renderer.render('review-summary', withName('review-summary', '王\u{2A6A5}'));
    expect(missing).toEqual(['\u{2A6A5}']);
    missing.length = 0;
  });

  it('prints markup-like names literally', async () => {
    const names = ['<b>x</b>', '<img src=x>', '<script>alert(1)</script>', '&amp; &lt;'];
    const pdfs = await Promise.all(names.map((n) => renderer.render('publicity-form', withName('publicity-form', n))));
    pdfs.forEach((pdf, i) => expect(pdfRawText(pdf)).toContain(names[i]!.replace(/\s+/g, '')));
  });

  it('never puts the full ID number or phone on the publicity form', async () => {
    const data = sample('publicity-form');
    const text = pdfText(await renderer.render('publicity-form', data));
    expect(text).not.toContain(data.applicant.idNumber);
    expect(text).not.toMatch(/\d{17}[\dX]/);
    expect(text).toContain('220104********3427');
    expect(text).not.toContain(data.applicant.phone);
    expect(text).toContain('139****1234');
  });

  it('三（六）结果公示 and 五（五）政策咨询: the 公示表 made from the flow\'s facts prints its publishing office, that office\'s contacts and the notice\'s four consultation numbers', async () => {
    const policy = loadPolicy('2024', path.join(ROOT, 'policy'));
    const application = applicationSchema.parse(sample('review-summary'));
    const facts = { applicationId: 'JL2024-ABCDEFGHJK', application, policy, committeeId: 'jl-engineering-intermediate', committeeName: '吉林省工程系列中级专业技术资格评审委员会', publicityStart: '2024-06-24', publicityEnd: '2024-06-28' };
    const text = pdfText(await renderer.render('publicity-form', documentData('publicity-form', { ...facts, vote: { passed: true, decidedOn: '2024-06-18' } })));
    const publisher = publisherOf(committeeOf(policy, facts)!);
    expect(text.replace(/\s+/g, '')).toContain(publisher.issuer);
    expect(text.replace(/\s+/g, '')).toContain(publisher.contact.department);
    for (const phone of publisher.contact.phones) expect(text).toContain(phone);
    for (const number of ['0431-80767550', '0431-12333', '0431-88693866', '0431-88690926']) expect(text).toContain(number);
    expect(text).toContain('政策咨询');
    expect(text).toContain('评审时间');
    // 三（四）初级认定: recognised without a vote, the form names no meeting.
    const recognised = pdfText(await renderer.render('publicity-form', documentData('publicity-form', { ...facts, vote: { passed: true, held: false, decidedOn: '2024-06-19' } })));
    expect(recognised.replace(/\s+/g, '')).toContain('认定通过（初级认定，不经评审表决）（认定时间：2024年6月19日）');
    expect(recognised).not.toContain('评审时间');
  });

  it('三（六）, SPEC 6: the printed 公示表 ends its publicity on the last day and fits the provisional note on its page', async () => {
    const data = sample('publicity-form');
    const note = '（暂定：2027年的放假安排尚未公布，按法定节假日暂定）';
    const pdf = await renderer.render('publicity-form', { ...data, publicity: { ...data.publicity, startsOn: '2026-12-03', endsOn: '2026-12-10T00:00:00+08:00' }, publicityProvisionalNote: note });
    expect(pdfPages(pdf)).toBe(1);
    const text = pdfText(pdf);
    expect(text).toContain(`2026年12月3日至2026年12月9日（5个工作日）${note}`);
    expect(text).not.toContain('12月10日');
  });

  it('三（一）电子材料: the 一览表 made from the flow\'s facts lists every material (kind, file name, pages, size, first characters of its SHA-256) on numbered sheets of its own', async () => {
    const policy = loadPolicy('2024', path.join(ROOT, 'policy'));
    const application = applicationSchema.parse(sample('review-summary'));
    const materials = Array.from({ length: 40 }, (_, i) => ({
      kind: i % 2 ? 'achievements' : 'education',
      label: i % 2 ? '业绩成果材料' : '学历（学位）证书',
      fileName: `材料${i + 1}-${'很长的文件名'.repeat(i % 3)}.pdf`,
      bytes: 1024 * 1024 * (i + 1),
      pages: i % 5 === 4 ? null : i + 1,
      sha256: `${String(i).padStart(2, '0')}${'c'.repeat(62)}`,
    }));
    const pdf = await renderer.render('review-summary', documentData('review-summary', { applicationId: 'JL2024-ABCDEFGHJK', application, policy, materials }));
    const pages = pdfPages(pdf);
    expect(pages).toBeGreaterThan(2);
    const text = pdfText(pdf);
    expect(text).toContain('附电子材料40份（见电子材料目录）');
    expect(text).toContain('电子材料目录（续）');
    for (let p = 1; p <= pages; p++) expect(text).toContain(`第${p}页共${pages}页`);
    const raw = pdfRawText(pdf);
    for (const m of materials) expect(raw).toContain(m.sha256.slice(0, 12));
    expect(raw).not.toContain('c'.repeat(13));
    expect(raw).toMatch(/40\.0\s*MB/);
    expect(text).toContain('材料38-很长的文件名.pdf');
  });

  it('三（二）: the 一览表 made after the unit\'s approval prints its 单位推荐意见 (panel, day) and still fits its sheet at the longest opinion', async () => {
    const policy = loadPolicy('2024', path.join(ROOT, 'policy'));
    const application = applicationSchema.parse(sample('review-summary'));
    const approval = { step: 'unit-review-task', level: 'unit', name: '单位审核', officeName: null, decision: 'approve', at: '2024-01-26T15:30:00+08:00', panel: ['欧阳䶮', '李二', '赵三', '钱四', '孙五'], supervisor: '周六' };
    const pdf = await renderer.render('review-summary', documentData('review-summary', { applicationId: 'JL2024-ABCDEFGHJK', application, policy, reviewRecord: [{ ...approval, comment: '业绩突出，'.repeat(60) }] }));
    expect(pdfPages(pdf)).toBe(1);
    const text = pdfText(pdf);
    expect(text).toContain('经审核，同意推荐。审核小组：欧阳䶮、李二、赵三、钱四、孙五；纪检监督：周六。');
    expect(text).toContain('2024年1月26日');
    expect(missing).toEqual([]);
  });

  it('splits a batch into standalone PDFs, each with its own applicant only', async () => {
    const names = Array.from({ length: 12 }, (_, i) => `测试${'甲乙丙丁戊己庚辛壬癸子丑'[i]}`);
    const before = renderer.stats().prints;
    const pdfs = await Promise.all(names.map((n) => renderer.render('review-summary', withName('review-summary', n))));
    expect(renderer.stats().prints - before).toBeLessThanOrEqual(2);
    pdfs.forEach((pdf, i) => {
      expect(pdfPages(pdf)).toBe(1);
      const text = pdfText(pdf);
      expect(text).toContain(names[i]);
      for (const other of names) if (other !== names[i]) expect(text).not.toContain(other);
    });
  });

  it('keeps multi-page documents whole in a mixed batch, each numbering its own pages', async () => {
    const report = sample('committee-report');
    const long = withName('review-summary', '附页测试');
    long.applicant.achievements = '主持完成省级重点研发项目并通过验收，'.repeat(150);
    const [a, b, c, d] = await Promise.all([
      renderer.render('review-summary', { ...withName('review-summary', '前一份'), materials: [] }),
      renderer.render('committee-report', report),
      renderer.render('review-summary', long),
      renderer.render('certificate', withName('certificate', '后一份')),
    ]);
    expect(pdfPages(a!)).toBe(1);
    expect(pdfText(a!)).not.toContain('第1页');
    const pages = pdfPages(b!);
    expect(pages).toBeGreaterThan(1);
    const reportText = pdfText(b!);
    for (let p = 1; p <= pages; p++) expect(reportText).toContain(`第${p}页共${pages}页`);
    expect(reportText).toContain(report.results.at(-1).applicant.name);
    const appendix = pdfText(c!);
    expect(pdfPages(c!)).toBeGreaterThan(2);
    expect(appendix).toContain('（详见附页）');
    expect(appendix).toContain(`第1页共${pdfPages(c!)}页`);
    // Nothing lost across the appendix pages: without their footers and headings the text is whole.
    const body = pdfRawText(c!).replace(/第\d+页共\d+页|附页（续）|主要业绩成果（续）/g, '');
    expect(body.split('主持完成省级重点研发项目并通过验收').length - 1).toBe(150);
    expect(pdfText(d!)).toContain('后一份');
  });

  it('refuses a document whose content does not fit its page, without failing its companions', async () => {
    const tooLong = withName('review-summary', '超长'.repeat(200));
    const [bad, good] = await Promise.allSettled([
      renderer.render('review-summary', tooLong),
      renderer.render('review-summary', withName('review-summary', '正常')),
    ]);
    expect(bad.status).toBe('rejected');
    expect((bad as PromiseRejectedResult).reason).toBeInstanceOf(DocumentError);
    expect((bad as PromiseRejectedResult).reason.message).toMatch(/does not fit/);
    expect(good.status).toBe('fulfilled');
  });

  it('refuses unknown templates and unescaped output as permanent errors', async () => {
    await expect(renderer.render('../package', {})).rejects.toThrow(/unknown template/);
    const raw = createRenderer({ templates: { raw: '<section class="page">{{{applicant.name}}}</section>' } });
    await expect(raw.render('raw', {})).rejects.toBeInstanceOf(DocumentError);
    await raw.close();
  });

  it('stores a document once per template and data, however often the task runs', async () => {
    const store = new FsDocumentStore(mkdtempSync(path.join(os.tmpdir(), 'doc-store-')));
    const data = withName('certificate', '幂等');
    const [a, b] = await Promise.all([renderToStore({ renderer, store }, 'certificate', data), renderToStore({ renderer, store }, 'certificate', data)]);
    const c = await renderToStore({ renderer, store }, 'certificate', { ...data });
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(a).toMatchObject({ template: 'certificate', mediaType: 'application/pdf', fileName: '吉林省专业技术职务任职资格证书.pdf' });
    expect(pdfText((await store.get(a.sha256))!)).toContain('幂等');
    const other = await renderToStore({ renderer, store }, 'certificate', withName('certificate', '别人'));
    expect(other.sha256).not.toBe(a.sha256);
    // Two renders raced for the same key: at most one unreferenced copy besides the two recorded.
    const docs = readdirSync(store.root).filter((d) => d !== 'keys');
    expect(docs.length).toBeLessThanOrEqual(3);
    rmSync(store.root, { recursive: true, force: true });
  });
});
