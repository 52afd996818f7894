// The office's list as an Excel workbook in the layout of the 上报汇总表: a title, the office and
// the filters, one header row (frozen, filterable), one row per application. Written with
// exceljs's streaming writer, so rows go to the response as they are read from the registry and
// a list of any length needs no more memory than one chunk of rows.
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { formatInstantZh } from '../domain/dates-zh.js';
import type { OfficeApplication } from './queries.js';
import { LEVEL_LABELS, STATE_LABELS } from './labels.js';

export interface WorkbookMeta {
  title: string;
  office: string;
  officeName: string;
  generatedAt: Date;
  /** The filters, as a line of text under the title. */
  filters: string;
  categoryName: (id: string) => string;
  divisionName: (code: string | null) => string;
}

/** A time as people read it everywhere (2024年2月8日24时, 2024年1月15日 10:00); none is blank. */
const timeText = (at: Date | null): string => (at ? formatInstantZh(at) : '');

/** The columns of the 上报汇总表: header, width (characters), value. */
const COLUMNS: Array<{ header: string; width: number; value: (a: OfficeApplication, m: WorkbookMeta, n: number) => string | number }> = [
  { header: '序号', width: 7, value: (_a, _m, n) => n },
  { header: '申请编号', width: 22, value: (a) => a.id },
  { header: '姓名', width: 12, value: (a) => a.applicantName },
  { header: '工作单位', width: 32, value: (a) => a.unitName },
  { header: '行政区划', width: 14, value: (a, m) => m.divisionName(a.divisionCode) },
  { header: '申报类别', width: 24, value: (a, m) => m.categoryName(a.category) },
  { header: '系列', width: 14, value: (a) => a.series },
  { header: '专业', width: 16, value: (a) => a.specialty },
  { header: '申报级别', width: 10, value: (a) => (LEVEL_LABELS as Record<string, string>)[a.level] ?? a.level },
  { header: '状态', width: 14, value: (a) => STATE_LABELS[a.state] ?? a.state },
  { header: '当前环节', width: 28, value: (a) => a.currentStep ?? '' },
  { header: '截止时间', width: 26, value: (a) => (a.deadline && a.provisional ? `${timeText(a.deadline)}（暂定）` : timeText(a.deadline)) },
  { header: '提交时间', width: 22, value: (a) => timeText(a.submittedAt) },
];

const thin = { style: 'thin' as const };
const border = { top: thin, left: thin, bottom: thin, right: thin };

/** Streams the workbook to `out`; resolves with the number of application rows once it is complete. */
export async function writeOfficeWorkbook(out: Writable, meta: WorkbookMeta, chunks: AsyncIterable<OfficeApplication[]>): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = meta.officeName;
  workbook.created = meta.generatedAt;
  const sheet = workbook.addWorksheet('上报汇总', {
    views: [{ state: 'frozen', ySplit: 3, xSplit: 3 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' },
  });
  sheet.columns = COLUMNS.map((c) => ({ width: c.width }));
  const last = String.fromCharCode(64 + COLUMNS.length);

  const title = sheet.addRow([meta.title]);
  title.height = 28;
  title.getCell(1).font = { name: 'SimSun', size: 16, bold: true };
  title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.mergeCells(`A1:${last}1`);
  title.commit();
  const info = sheet.addRow([`报送单位：${meta.officeName}（${meta.office}）    导出时间：${timeText(meta.generatedAt)}    ${meta.filters}`]);
  info.getCell(1).font = { name: 'SimSun', size: 10 };
  sheet.mergeCells(`A2:${last}2`);
  info.commit();
  const header = sheet.addRow(COLUMNS.map((c) => c.header));
  header.height = 20;
  header.eachCell((cell) => {
    cell.font = { name: 'SimHei', size: 11, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
    cell.border = border;
  });
  header.commit();
  sheet.autoFilter = `A3:${last}3`;

  let n = 0;
  for await (const chunk of chunks) {
    for (const a of chunk) {
      n += 1;
      const row = sheet.addRow(COLUMNS.map((c) => c.value(a, meta, n)));
      row.eachCell((cell) => (cell.border = border));
      row.commit();
    }
  }
  sheet.commit();
  await workbook.commit();
  return n;
}
