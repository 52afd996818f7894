// Office tokens from the environment and the times offices read in their lists.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { loadConfig } from '../../workers/config.js';
import { writeOfficeWorkbook } from '../../workers/offices/export-xlsx.js';
import { officeFilterSchema } from '../../workers/offices/queries.js';

describe('OFFICE_TOKENS', () => {
  it('maps each token to its office', () => {
    expect(loadConfig({ OFFICE_TOKENS: 'hr-220100:aaaaaaaaaaaaaaaa, committee-jl-arts:bbbbbbbbbbbbbbbbbb' }).OFFICE_TOKENS).toEqual([
      { office: 'hr-220100', token: 'aaaaaaaaaaaaaaaa' },
      { office: 'committee-jl-arts', token: 'bbbbbbbbbbbbbbbbbb' },
    ]);
    expect(loadConfig({}).OFFICE_TOKENS).toEqual([]);
  });

  it('SPEC 9: a unit reads its list under its group, which carries its credit code in capitals', () => {
    expect(loadConfig({ OFFICE_TOKENS: 'unit-91220106MA0Y5K8Q7H:aaaaaaaaaaaaaaaa' }).OFFICE_TOKENS).toEqual([{ office: 'unit-91220106MA0Y5K8Q7H', token: 'aaaaaaaaaaaaaaaa' }]);
  });

  it('refuses an entry without an office or with a short token, naming the key and the entry', () => {
    expect(() => loadConfig({ OFFICE_TOKENS: 'hr-220100:short' })).toThrow(/OFFICE_TOKENS: entry 1 must be <office group>:<token of 16 characters or more>/);
    expect(() => loadConfig({ OFFICE_TOKENS: 'hr-220100:aaaaaaaaaaaaaaaa,aaaaaaaaaaaaaaaaaaaa' })).toThrow(/OFFICE_TOKENS: entry 2 /);
  });
});

describe('office lists', () => {
  it('SPEC 6: the workbook prints a deadline at the end of a day as that day at 24时, other times as day and minute', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const row = { id: 'JL2024-ABCDEFGHJK', applicantName: '李喆', category: 'regular', series: '工程', specialty: '计算机应用', level: 'intermediate', unitName: '长春某某科技有限公司', divisionCode: '220106', state: 'in-review', currentStep: '单位审核', currentOffice: null, currentSince: null, endedAt: null, provisional: false };
    async function* rows() {
      yield [
        { ...row, deadline: new Date('2024-02-09T00:00:00+08:00'), submittedAt: new Date('2024-01-15T10:30:00+08:00') },
        { ...row, id: 'JL2024-ABCDEFGHJM', deadline: null, submittedAt: new Date('2024-01-31T16:00:00Z') },
      ];
    }
    const meta = { title: '上报汇总表', office: 'hr-220106', officeName: '绿园区人社局', generatedAt: new Date('2024-02-01T09:05:00+08:00'), filters: '筛选：待本单位办理', categoryName: (c: string) => c, divisionName: (c: string | null) => c ?? '' };
    await writeOfficeWorkbook(out, meta, rows());
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('上报汇总')!;
    expect(String(sheet.getCell('A2').value)).toContain('导出时间：2024年2月1日 09:05');
    expect((sheet.getRow(4).values as unknown[]).slice(12, 14)).toEqual(['2024年2月8日24时', '2024年1月15日 10:30']);
    expect((sheet.getRow(5).values as unknown[]).slice(12, 14)).toEqual([undefined, '2024年1月31日24时']);
  });

  it('SPEC 6: the workbook\'s 截止时间 marks a deadline counted on a year without the official holiday schedule: 2027年1月8日24时（暂定）', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const row = { applicantName: '李喆', category: 'regular', series: '工程', specialty: '计算机应用', level: 'intermediate', unitName: '长春某某科技有限公司', divisionCode: '220106', state: 'in-unit-publicity', currentStep: '单位公示', currentOffice: null, currentSince: null, endedAt: null, submittedAt: new Date('2026-12-20T10:00:00+08:00') };
    async function* rows() {
      yield [
        { ...row, id: 'JL2026-ABCDEFGHJK', deadline: new Date('2027-01-09T00:00:00+08:00'), provisional: true, provisionalReason: '2027年的放假安排尚未公布，按法定节假日暂定' },
        { ...row, id: 'JL2026-ABCDEFGHJM', deadline: new Date('2026-12-26T00:00:00+08:00'), provisional: false },
      ];
    }
    const meta = { title: '上报汇总表', office: 'hr-220106', officeName: '绿园区人社局', generatedAt: new Date('2026-12-28T09:05:00+08:00'), filters: '', categoryName: (c: string) => c, divisionName: (c: string | null) => c ?? '' };
    await writeOfficeWorkbook(out, meta, rows());
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('上报汇总')!;
    expect(sheet.getRow(4).getCell(12).value).toBe('2027年1月8日24时（暂定）');
    expect(sheet.getRow(5).getCell(12).value).toBe('2026年12月25日24时');
  });

  it('read a due date as 00:00 in Asia/Shanghai and name a bad filter', () => {
    expect(officeFilterSchema.parse({ dueBefore: '2024-02-09' }).dueBefore).toEqual(new Date('2024-02-09T00:00:00+08:00'));
    expect(officeFilterSchema.parse({}).scope).toBe('waiting');
    const bad = officeFilterSchema.safeParse({ dueBefore: 'soon', division: '2201' });
    expect(bad.success ? [] : bad.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).sort()).toEqual([
      'division: must be a six-digit division code',
      'dueBefore: must be a date YYYY-MM-DD or an ISO-8601 instant',
    ]);
  });
});

describe('office API description', () => {
  it('lists the office paths with the filters the lists check', async () => {
    const { openApiDocument } = await import('../../workers/http/openapi.js');
    const paths = openApiDocument('0.0.0').paths as Record<string, { get?: { parameters: Array<{ name: string }> } }>;
    expect(Object.keys(paths).filter((p) => p.startsWith('/api/offices/'))).toHaveLength(6);
    expect(paths['/api/offices/{office}/applications']!.get!.parameters.map((p) => p.name)).toEqual(['office', ...Object.keys(officeFilterSchema.shape), 'page', 'pageSize']);
  });
});
