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
