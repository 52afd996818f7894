// What the printed documents say: rare characters, escaped markup, masking, samples, batches.
// Chromium starts with the first document and the font collection is parsed once: allow for both.
import { jest } from '@jest/globals';
jest.setTimeout(30_000);
import { afterAll, describe, expect, it } from '@jest/globals';
import { createRenderer } from '../../workers/documents/renderer.js';
import { pdfPages, pdfText, sample, TEMPLATE_NAMES, withName } from './helpers.js';

const renderer = createRenderer();
afterAll(() => renderer.close());

describe('document renderer', () => {
  it.each(TEMPLATE_NAMES)('renders the sample of %s', async (name) => {
    const pdf = await renderer.render(name, sample(name));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfText(pdf).length).toBeGreaterThan(50);
  });

  it('prints rare characters of a name (CJK extension A and uncommon ideographs)', async () => {
    const text = pdfText(await renderer.render('review-summary', withName('review-summary', '䶮堃喆')));
    expect(text).toContain('䶮堃喆');
    expect(text).toContain('吉林省专业技术资格评审一览表');
  });

  it('prints markup-like names literally', async () => {
    for (const name of ['<b>x</b>', '<img src=x>']) {
      const text = pdfText(await renderer.render('publicity-form', withName('publicity-form', name)));
      expect(text).toContain(name.replace(/\s+/g, ''));
    }
  });

  it('masks the ID number and phone on the publicity form', async () => {
    const data = sample('publicity-form');
    const text = pdfText(await renderer.render('publicity-form', data));
    expect(text).not.toContain(data.applicant.idNumber);
    expect(text).toContain('220104********3427');
    expect(text).not.toContain(data.applicant.phone);
    expect(text).toContain('139****1234');
  });

  it('splits a batch into standalone PDFs, each with its own applicant', async () => {
    const names = Array.from({ length: 12 }, (_, i) => `测试${'甲乙丙丁戊己庚辛壬癸子丑'[i]}${i}`);
    const before = renderer.stats().prints;
    const pdfs = await Promise.all(names.map((n) => renderer.render('review-summary', withName('review-summary', n))));
    expect(renderer.stats().prints - before).toBeLessThan(names.length);
    pdfs.forEach((pdf, i) => {
      expect(pdfPages(pdf)).toBe(1);
      const text = pdfText(pdf);
      expect(text).toContain(names[i]);
      for (const other of names) if (other !== names[i]) expect(text).not.toContain(other);
    });
  });

  it('keeps multi-page documents whole in a mixed batch', async () => {
    const report = sample('committee-report');
    const [a, b, c] = await Promise.all([
      renderer.render('review-summary', withName('review-summary', '前一份')),
      renderer.render('committee-report', report),
      renderer.render('certificate', withName('certificate', '后一份')),
    ]);
    expect(pdfPages(a!)).toBe(1);
    expect(pdfPages(b!)).toBe(2);
    const reportText = pdfText(b!);
    expect(reportText).toContain('第1页共2页');
    expect(reportText).toContain('第2页共2页');
    expect(reportText).toContain(report.results[29].applicant.name);
    expect(pdfText(c!)).toContain('后一份');
  });

  it('refuses unknown templates and unescaped output', async () => {
    await expect(renderer.render('../package', {})).rejects.toThrow(/unknown template/);
    const raw = createRenderer({ templates: { raw: '<section class="page">{{{applicant.name}}}</section>' } });
    await expect(raw.render('raw', {})).rejects.toThrow(/unescaped/);
    await raw.close();
  });
});
