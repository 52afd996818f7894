// Template output as HTML: escaping, masking, certificate links, page plans. No browser needed.
import { describe, expect, it } from '@jest/globals';
import { TemplateSet } from '../../workers/documents/templates.js';
import { sample, TEMPLATE_NAMES, withName } from './helpers.js';

const templates = new TemplateSet(undefined, {}, 'https://zcps.example.gov.cn/');

describe('templates', () => {
  it.each(TEMPLATE_NAMES)('%s renders its sample as A4 page sections', (name) => {
    const { html, pages } = templates.render(name, sample(name));
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(html).not.toMatch(/\{\{|\}\}/);
  });

  it('escapes markup typed by applicants', () => {
    for (const name of ['<b>x</b>', '<img src=x onerror=alert(1)>', '"><script>alert(1)</script>']) {
      const { html } = templates.render('review-summary', withName('review-summary', name));
      expect(html).not.toContain(name);
      expect(html).toContain(name.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/=/g, '&#x3D;'));
    }
  });

  it('refuses unescaped output in templates and unknown template names', () => {
    const raw = new TemplateSet(undefined, { raw: '<section class="page">{{{applicant.name}}}</section>', amp: '<section class="page">{{& applicant.name}}</section>' });
    expect(() => raw.render('raw', {})).toThrow(/unescaped/);
    expect(() => raw.render('amp', {})).toThrow(/unescaped/);
    expect(() => templates.render('../package', {})).toThrow(/unknown template/);
    expect(() => templates.render('nope', {})).toThrow(/unknown template/);
  });

  it('never prints the full ID number or phone on the publicity form', () => {
    const data = sample('publicity-form');
    const { html } = templates.render('publicity-form', data);
    expect(html).not.toContain(data.applicant.idNumber);
    expect(html).not.toContain(data.applicant.phone);
    expect(html).toContain('220104********3427');
    expect(html).toContain('139****1234');
  });

  it('links the certificate to the configured verification endpoint, whatever the data says', () => {
    const data: Record<string, any> = { ...sample('certificate'), baseUrl: 'https://evil.example' };
    const { html } = templates.render('certificate', data);
    expect(html).toContain(`https://zcps.example.gov.cn/api/certificates/${data.certificate.verificationCode}`);
    expect(html).not.toContain('evil.example');
    // Handlebars escapes the base64 padding (=) as &#x3D;, which the HTML parser turns back.
    expect(html).toMatch(/<img src="data:image\/svg\+xml;base64,[A-Za-z0-9+/]+(&#x3D;)*"/);
  });

  it('三（六）, SPEC 6: the 公示表 prints a publicity period by its last day, given as the day or as the flow\'s end instant', () => {
    const data = sample('publicity-form');
    for (const endsOn of ['2026-12-09', '2026-12-10T00:00:00+08:00']) {
      const { html } = templates.render('publicity-form', { ...data, publicity: { ...data.publicity, startsOn: '2026-12-03', endsOn } });
      expect(html).toContain('2026年12月3日 至 2026年12月9日（5 个工作日）');
      expect(html).not.toContain('12月10日');
      expect(html).not.toContain('class="provisional"');
    }
  });

  it('SPEC 6: the 公示表 prints the provisional note right after the publicity period, in small text', () => {
    const data = sample('publicity-form');
    const note = '（暂定：2027年的放假安排尚未公布，按法定节假日暂定）';
    const { html } = templates.render('publicity-form', { ...data, publicity: { ...data.publicity, startsOn: '2027-01-04', endsOn: '2027-01-09T00:00:00+08:00' }, publicityProvisionalNote: note });
    expect(html).toContain(`2027年1月4日 至 2027年1月8日（5 个工作日）<br><span class="provisional">${note}</span></td>`);
    expect(templates.stylesheet()).toMatch(/\.provisional \{ font-size: 9pt; \}/);
  });

  it('三（一）, 三（二）: the unit\'s 公示表 names the unit as publisher, masks the ID number and phone, and has no result row', () => {
    const data = sample('unit-publicity-form');
    const { html } = templates.render('unit-publicity-form', data);
    expect(html).toContain('发布单位：长春某某科技有限公司');
    expect(html).not.toContain('评审委员会：');
    expect(html).not.toContain('评审结果');
    expect(html).not.toContain(data.applicant.idNumber);
    expect(html).not.toContain(data.applicant.phone);
    expect(html).toContain('220104********3427');
    // Objections go to the unit's HR department, which the form names across the row (no phone or address on record).
    expect(html).toContain('<th>受理单位</th><td colspan="5">长春某某科技有限公司人事部门</td>');
    expect(html).not.toContain('受理电话');
    expect(html).not.toContain('通讯地址');
  });

  it('三（一）: made at submission, the unit\'s 公示表 says when its dates come instead of leaving them blank', () => {
    const data = sample('unit-publicity-form');
    const pending = { ...data, publicity: { ...data.publicity, startsOn: null, endsOn: null, issuedOn: null, periodNote: '公示时间由发布单位公示时确定' } };
    const { html } = templates.render('unit-publicity-form', pending);
    expect(html).toContain('公示时间由发布单位公示时确定（5 个工作日）');
    expect(html).not.toContain(' 至 ');
  });

  it('SPEC 6: the unit\'s 公示表 prints its publicity by the last day, and a provisional count\'s note after it', () => {
    const data = sample('unit-publicity-form');
    const note = '暂定：2027年的放假安排尚未公布，按法定节假日暂定';
    const { html } = templates.render('unit-publicity-form', { ...data, publicity: { ...data.publicity, startsOn: '2027-02-24', endsOn: '2027-03-03T00:00:00+08:00', issuedOn: '2027-02-24' }, publicityProvisionalNote: note });
    expect(html).toContain(`2027年2月24日 至 2027年3月2日（5 个工作日）<br><span class="provisional">${note}</span></td>`);
    expect(html).not.toContain('3月3日');
  });

  it('SPEC 6: document dates read one way: a date as its day, an instant as its Asia/Shanghai day, a work history by its days', () => {
    const data = sample('review-summary');
    const { html } = templates.render('review-summary', { ...data, submittedAt: '2024-01-14T16:30:00Z' });
    expect(html).toContain('申报日期：2024年1月15日');
    expect(html).toContain('2003年7月1日 至 2015年6月30日');
    expect(html).toContain('2015年7月1日 至 今');
  });

  it('moves long fields of the review summary to numbered appendix pages', () => {
    const data = sample('review-summary');
    const short = templates.render('review-summary', data);
    expect(short.pages).toBe(1);
    expect(short.html).not.toContain('第 1 页');
    const long = templates.render('review-summary', {
      ...data,
      applicant: { ...data.applicant, achievements: '主持完成省级重点科研项目一项，'.repeat(300) },
    });
    expect(long.pages).toBeGreaterThan(2);
    expect(long.html).toContain('（详见附页）');
    expect(long.html).toContain(`第 1 页 共 ${long.pages} 页`);
    expect(long.html).toContain(`第 ${long.pages} 页 共 ${long.pages} 页`);
  });

  it('spreads the committee report over pages with the closing on the last', () => {
    const data = sample('committee-report');
    const many = { ...data, results: Array.from({ length: 120 }, (_, i) => ({ ...data.results[i % data.results.length] })) };
    const { html, pages } = templates.render('committee-report', many);
    expect(pages).toBeGreaterThan(3);
    expect(html.match(/主任委员/g)).toHaveLength(1);
    expect(html).toContain(`第 ${pages} 页 共 ${pages} 页`);
    expect(html).toContain('>120<');
  });
});
