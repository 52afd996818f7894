// The render step: documents named by the step, made from the flow's facts, refused when the flow
// lacks a fact they print (a modelling or data error, raised as an incident that names the field).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../workers/config.js';
import { createPolicyProvider } from '../../workers/policy/provider.js';
import { PermanentError } from '../../workers/runtime/outcome.js';
import { createRenderDocuments } from '../../workers/topics/render-documents.js';
import { createHandlerContext } from '../support/handler-context.js';

const policies = createPolicyProvider({ dir: path.join(ROOT, 'policy'), activeId: '2024', demoBaseId: '2024', today: new Date('2024-01-10T00:00:00+08:00') });
const fixture = JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures/application-regular.json'), 'utf8'));
const rendered: Array<{ template: string; data: Record<string, unknown>; fileName?: string }> = [];
const handler = createRenderDocuments({
  policies,
  clock: () => new Date('2024-07-08T02:00:00Z'),
  renderDocument: async (template, data, _at, fileName) => {
    rendered.push({ template, data: data as Record<string, unknown>, ...(fileName ? { fileName } : {}) });
    return { sha256: 'a'.repeat(64), size: 1, fileName: fileName ?? `${template}.pdf`, template, mediaType: 'application/pdf', renderedAt: '', link: `https://x/${template}` } as never;
  },
});
const notice = (postGrade: number | null) => ({
  applicationId: 'JL2024-ABCDEFGHJK',
  application: { ...fixture, category: 'post-grade-2-3', qualification: { ...fixture.qualification, postGrade } },
  policyId: '2024',
  documentNames: 'appointment-notice',
  committeeName: '吉林省事业单位专业技术二级岗位评议委员会',
  certificate: { kind: 'post-appointment-notice', number: '2024-C09P-000001', verificationCode: 'M4XQ8TZ2KD7RWB9HNC3A' },
});

beforeEach(() => {
  rendered.length = 0;
});

describe('render-documents', () => {
  it('makes the result notice of post grades 2/3 with the post it appoints to', async () => {
    const outcome = await handler.handle(handler.input.parse(notice(2)), createHandlerContext());
    expect(rendered.map((r) => r.template)).toEqual(['appointment-notice']);
    expect(rendered[0]!.data).toMatchObject({ qualification: { postGrade: 2 }, committee: { name: '吉林省事业单位专业技术二级岗位评议委员会' }, certificate: { number: '2024-C09P-000001' } });
    // Named as it downloads: <document>-<applicant>-<application id>.pdf.
    expect(rendered[0]!.fileName).toBe('岗位评聘结果通知书-张三-JL2024-ABCDEFGHJK.pdf');
    expect(outcome).toMatchObject({ kind: 'complete', variables: { appointmentNoticeLink: 'https://x/appointment-notice', documents: { 'appointment-notice': { fileName: '岗位评聘结果通知书-张三-JL2024-ABCDEFGHJK.pdf' } } } });
  });

  it("gives Tasklist the reviewers' stable link, not the document's expiring one, when the product names it", async () => {
    const stable = createRenderDocuments({
      policies,
      clock: () => new Date('2024-07-08T02:00:00Z'),
      renderDocument: async (template) => ({ sha256: 'a'.repeat(64), size: 1, fileName: `${template}.pdf`, template, mediaType: 'application/pdf', renderedAt: '', link: `https://x/documents/${template}?exp=1&sig=s` }),
      reviewLink: (applicationId, name) => `https://x/api/review/documents/${applicationId}/${name}`,
    });
    const outcome = await stable.handle(stable.input.parse(notice(2)), createHandlerContext());
    const link = 'https://x/api/review/documents/JL2024-ABCDEFGHJK/appointment-notice';
    expect(outcome).toMatchObject({ kind: 'complete', variables: { appointmentNoticeLink: link, documents: { 'appointment-notice': { link, sha256: 'a'.repeat(64) } } } });
  });

  it('三（一）电子材料: the 一览表 lists the materials, and the forms get each with its stable link and a file name that cannot turn into Markdown', async () => {
    const withLinks = createRenderDocuments({
      policies,
      clock: () => new Date('2024-07-08T02:00:00Z'),
      renderDocument: async (template, data) => {
        rendered.push({ template, data: data as Record<string, unknown> });
        return { sha256: 'a'.repeat(64), size: 1, fileName: `${template}.pdf`, template, mediaType: 'application/pdf', renderedAt: '', link: `https://x/${template}` };
      },
      reviewMaterialLink: (applicationId, id) => `https://x/api/review/materials/${applicationId}/${id}`,
    });
    const materials = [
      { id: 'MAT1', kind: 'education', label: '学历（学位）证书', fileName: '毕业证[1](x).pdf', bytes: 3 * 1024 * 1024, pages: 2, sha256: '0123456789abcdef'.repeat(4) },
      { id: 'MAT2', kind: 'appraisal', label: '年度考核表', fileName: '考核表.png', bytes: 700, pages: null, sha256: 'f'.repeat(64) },
    ];
    const outcome = await withLinks.handle(withLinks.input.parse({ applicationId: 'JL2024-ABCDEFGHJK', application: fixture, policyId: '2024', documentNames: 'review-summary', materials }), createHandlerContext());
    expect(rendered[0]!.data.materials).toEqual([
      { kind: 'education', label: '学历（学位）证书', fileName: '毕业证[1](x).pdf', pages: 2, size: '3.0 MB', digest: '0123456789ab' },
      { kind: 'appraisal', label: '年度考核表', fileName: '考核表.png', pages: '', size: '1 KB', digest: 'ffffffffffff' },
    ]);
    expect(outcome).toMatchObject({
      kind: 'complete',
      variables: {
        reviewMaterials: [
          { label: '学历（学位）证书', fileName: '毕业证\\[1\\]\\(x\\).pdf', pages: '2页', href: 'https://x/api/review/materials/JL2024-ABCDEFGHJK/MAT1' },
          { label: '年度考核表', fileName: '考核表.png', pages: '', href: 'https://x/api/review/materials/JL2024-ABCDEFGHJK/MAT2' },
        ],
      },
    });
  });

  it('refuses a result notice without the post, naming the field, and makes nothing', async () => {
    const run = handler.handle(handler.input.parse(notice(null)), createHandlerContext());
    await expect(run).rejects.toBeInstanceOf(PermanentError);
    await expect(handler.handle(handler.input.parse(notice(null)), createHandlerContext())).rejects.toThrow(/application\.qualification\.postGrade/);
    expect(rendered).toEqual([]);
  });

  it('refuses a document asked for before the flow has its facts', async () => {
    const early = { ...notice(2), certificate: null };
    await expect(handler.handle(handler.input.parse(early), createHandlerContext())).rejects.toThrow(/documentNames: appointment-notice needs certificate/);
  });

  it('三（二）: the unit\'s 公示表 carries the unit publicity\'s dates and, in a year without the official holiday schedule, its provisional note', async () => {
    const base = { applicationId: 'JL2024-ABCDEFGHJK', application: fixture, policyId: '2024', documentNames: 'review-summary,unit-publicity-form' };
    await handler.handle(handler.input.parse(base), createHandlerContext());
    expect(rendered.map((r) => r.template).sort()).toEqual(['review-summary', 'unit-publicity-form']);
    expect(rendered.find((r) => r.template === 'unit-publicity-form')!.data).toMatchObject({ publicity: { startsOn: null, periodNote: '公示时间由发布单位公示时确定' }, publicityProvisionalNote: null });
    rendered.length = 0;
    const outcome = await handler.handle(handler.input.parse({ ...base, documentNames: 'unit-publicity-form', unitPublicityStart: '2027-02-24', unitPublicityEnd: '2027-03-03T00:00:00+08:00' }), createHandlerContext());
    expect(rendered[0]!.data).toMatchObject({ publicity: { startsOn: '2027-02-24', endsOn: '2027-03-02' }, publicityProvisionalNote: expect.stringMatching(/^暂定：.*2027年/) });
    expect(outcome).toMatchObject({ kind: 'complete', variables: { unitPublicityFormLink: 'https://x/unit-publicity-form' } });
  });
});
