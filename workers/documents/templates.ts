// Document templates: Handlebars sources in templates/, shared partials in templates/partials/,
// label helpers for the application's codes, and the per-template view models (pagination of
// the committee report, the certificate's QR code). All user text is HTML-escaped: sources that
// ask for unescaped output are refused when they are compiled.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import QRCode from 'qrcode';
import { LEVEL_LABELS } from '../domain/application.js';
import { formatDateZh, formatInstantZh, formatPeriodZh, isDateOrInstant } from '../domain/dates-zh.js';
import { mask, maskPhone } from '../domain/identifiers.js';
import { lineCount, paginateAppendix, paginateRows } from './layout.js';

/** The repository's templates/ folder (from source and from dist/). */
export const TEMPLATES_DIR = (() => {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const root = path.resolve(here, '..', '..');
  return path.basename(root) === 'dist' ? path.join(path.dirname(root), 'templates') : path.join(root, 'templates');
})();

/** The official documents, by template name, with the titles printed on them. */
export const DOCUMENT_TITLES = {
  'review-summary': '吉林省专业技术资格评审一览表',
  'publicity-form': '吉林省专业技术资格评审公示表',
  // The same official form, published by the unit (三（二）): the title printed on it is the one above;
  // the PDF's title and file name tell the two apart for whoever downloads both.
  'unit-publicity-form': '吉林省专业技术资格评审公示表（单位公示）',
  certificate: '吉林省专业技术职务任职资格证书',
  'committee-report': '评审委员会评审结果报告',
  'appointment-notice': '事业单位专业技术二三级岗位评聘结果通知书',
} as const;

/** Names of the shipped templates. */
export type TemplateName = keyof typeof DOCUMENT_TITLES;
export const TEMPLATE_NAMES = Object.keys(DOCUMENT_TITLES) as TemplateName[];

/** The title a PDF of `template` carries in its metadata (the template name for unknown ones). */
export function documentTitle(template: string): string {
  return (DOCUMENT_TITLES as Record<string, string>)[template] ?? template;
}

/** One template's output: its HTML (a run of `.page` sections) and how many pages that is. */
export interface RenderedHtml {
  html: string;
  pages: number;
}

const LEVELS: Record<string, string> = LEVEL_LABELS;
const GENDERS: Record<string, string> = { male: '男', female: '女' };
const POST_GRADES: Record<string, string> = { 2: '二级', 3: '三级' };
const STAFF_TYPES: Record<string, string> = {
  professional: '专业技术人员',
  management: '管理人员',
  'civil-servant-managed': '参公管理人员',
  'civil-servant': '公务员',
  retired: '离退休人员',
};
const UNIT_KINDS: Record<string, string> = { enterprise: '企业', institution: '事业单位' };
const EVALUATION_MODES: Record<string, string> = {
  review: '评审',
  'exam-replaces-review': '以考代评',
  'exam-and-review': '考评结合',
};
const RESULTS: Record<string, string> = { passed: '通过', failed: '未通过', revoked: '异议撤销', pending: '待定', recognised: '认定通过（初级认定，不经评审表决）' };

// Handlebars passes its options object as the last argument; helpers ignore it.
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const label = (table: Record<string, string>) => (code: unknown) => table[str(code)] ?? str(code);

/** 2024-01-15, or the Asia/Shanghai day of an instant, as 2024年1月15日; anything else as it is. */
export function chineseDate(value: unknown): string {
  return isDateOrInstant(value) ? formatDateZh(value) : str(value);
}

/** A deadline or another instant as people read it: 2024年2月8日24时, 2024年1月15日 10:00. */
export function chineseInstant(value: unknown): string {
  return isDateOrInstant(value) ? formatInstantZh(value) : str(value);
}

/**
 * A period by its first and last day: 2024年6月24日 至 2024年6月28日. The end is the last day (a
 * date) or the period's end instant (24:00 of the last day, as the flow stores it); none is 至 今.
 */
export function chinesePeriod(start: unknown, end: unknown): string {
  if (!isDateOrInstant(start)) return [str(start), str(end)].filter(Boolean).join(' 至 ');
  if (end === null || end === undefined || end === '') return formatPeriodZh(start, null);
  return isDateOrInstant(end) ? formatPeriodZh(start, end) : `${formatDateZh(start)} 至 ${str(end)}`;
}

/** The birth year and month carried in an 18-character resident ID number, e.g. 1980年01月. */
export function birthMonth(idNumber: unknown): string {
  const m = /^\d{6}(\d{4})(\d{2})\d{2}/.exec(str(idNumber));
  return m ? `${m[1]}年${m[2]}月` : '';
}

/** A QR code of `text` as a self-contained SVG data: URI (built synchronously, no network). */
export function qrDataUri(text: string): string {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const quiet = 2;
  const size = modules.size + quiet * 2;
  let d = '';
  for (let y = 0; y < modules.size; y++) {
    for (let x = 0; x < modules.size; x++) {
      if (modules.get(y, x)) d += `M${x + quiet} ${y + quiet}h1v1h-1z`;
    }
  }
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges">` +
    `<rect width="${size}" height="${size}" fill="#fff"/><path d="${d}" fill="#000"/></svg>`;
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

function createHandlebars(partialsDir: string): typeof Handlebars {
  const hb = Handlebars.create();
  hb.registerHelper({
    mask: (value: unknown, head: unknown, tail: unknown) =>
      typeof head === 'number' && typeof tail === 'number' ? mask(str(value), head, tail) : mask(str(value)),
    maskPhone: (value: unknown) => maskPhone(str(value)),
    levelName: label(LEVELS),
    genderName: label(GENDERS),
    postGradeName: label(POST_GRADES),
    staffTypeName: label(STAFF_TYPES),
    unitKindName: label(UNIT_KINDS),
    evaluationModeName: label(EVALUATION_MODES),
    resultName: label(RESULTS),
    date: chineseDate,
    instant: chineseInstant,
    /** `{{period startsOn endsOn}}`: Handlebars' options object comes third and is not the end. */
    period: (start: unknown, end: unknown) => chinesePeriod(start, end),
    birthMonth,
    /** A count, or a dash where none was taken (a vote recorded without its no-votes). */
    count: (value: unknown) => (typeof value === 'number' ? String(value) : '—'),
  });
  let files: string[] = [];
  try {
    files = readdirSync(partialsDir).filter((f) => f.endsWith('.hbs'));
  } catch {
    // No partials folder: templates simply cannot use any.
  }
  for (const file of files) {
    hb.registerPartial(path.basename(file, '.hbs'), compileSafe(hb, readFileSync(path.join(partialsDir, file), 'utf8'), file));
  }
  return hb;
}

/** Refuses sources with unescaped output ({{{ }}}, {{& }}): user text must never become markup. */
export function compileSafe(hb: typeof Handlebars, source: string, name: string): HandlebarsTemplateDelegate {
  if (/\{\{\{|\{\{~?&/.test(source)) throw new Error(`template ${name} uses unescaped output ({{{ or {{&), which is not allowed`);
  return hb.compile(source, { preventIndent: true });
}

type Data = Record<string, unknown>;
type ViewModel = (data: Data, ctx: { baseUrl: string }) => Data;

// Geometry of print.css, in mm and em of the 10.5pt (五号) body text; see layout.ts.
const LINE_MM = 5.556;
/**
 * The forms (一览表, 公示表): text width of a five-column cell in em (with a safety margin) and the
 * lines its fixed-height blocks hold; an appendix page (附页): its text width and lines.
 */
const FORM = { blockEm: 37, blockLines: 4, appendixEm: 45, appendixLines: 40 } as const;

/** One line of the work history as printed: 2003年7月1日 至 今　单位　职务. */
function workHistoryLine(entry: Data): string {
  return [chinesePeriod(entry.from, entry.to ?? null), str(entry.unit), str(entry.position)].filter(Boolean).join('　');
}

/**
 * Work history and achievements stay in their cells when they fit; otherwise the cell refers to
 * an appendix (附页) that holds the full text over as many sheets as it needs, and every sheet of
 * the document is numbered. With `listMaterials` the electronic materials' list (电子材料目录)
 * follows on sheets of its own.
 */
function withAppendix(data: Data, fields: ('workHistory' | 'achievements')[], listMaterials = false): Data {
  const applicant = (data.applicant ?? {}) as Data;
  const history = Array.isArray(applicant.workHistory) ? (applicant.workHistory as Data[]) : [];
  const historyLines = history.map(workHistoryLine);
  const achievements = str(applicant.achievements);
  const historyTooLong = fields.includes('workHistory') && historyLines.reduce((n, l) => n + lineCount(l, FORM.blockEm), 0) > FORM.blockLines;
  const achievementsTooLong = fields.includes('achievements') && lineCount(achievements, FORM.blockEm, 2) > FORM.blockLines;
  const sections = [
    ...(historyTooLong ? [{ heading: '工作经历', paragraphs: historyLines, indent: 2 }] : []),
    ...(achievementsTooLong ? [{ heading: '主要业绩成果', paragraphs: achievements.split('\n'), indent: 2 }] : []),
  ];
  const appendix = sections.length > 0 ? paginateAppendix(sections, FORM.appendixEm, FORM.appendixLines) : [];
  const materials = listMaterials ? materialSheets(data) : [];
  const pageCount = 1 + appendix.length + materials.length;
  return {
    ...data,
    historyLines,
    historyInAppendix: historyTooLong,
    achievementsInAppendix: achievementsTooLong,
    pageNumber: 1,
    pageCount,
    numbered: pageCount > 1,
    appendixPages: appendix.map((blocks, i) => ({ blocks, first: i === 0, pageNumber: i + 2, pageCount, numbered: true })),
    materialPages: materials.map((rows, i) => ({ rows, first: i === 0, last: i === materials.length - 1, pageNumber: appendix.length + i + 2, pageCount, numbered: true })),
  };
}

// The list of electronic materials (电子材料目录): widths of the kind and file-name columns in em,
// heights (mm) for rows on the first and later sheets, and room kept for the closing note.
const MATERIALS = { kindEm: 11, fileEm: 15, rowPaddingMm: 2.7, firstMm: 225, nextMm: 242, closingMm: 20 } as const;

/** The materials' sheets: one row per material (its kind, file name, pages, size, digest prefix). */
function materialSheets(data: Data): Data[][] {
  const list = Array.isArray(data.materials) ? (data.materials as Data[]) : [];
  if (list.length === 0) return [];
  const rows = list.map((m, i) => ({ ...m, seq: i + 1 }));
  const height = (r: Data) => Math.max(lineCount(str(r.label), MATERIALS.kindEm), lineCount(str(r.fileName), MATERIALS.fileEm)) * LINE_MM + MATERIALS.rowPaddingMm;
  return paginateRows(rows, height, MATERIALS.firstMm, MATERIALS.nextMm, MATERIALS.closingMm);
}

// Committee report: widths of the name, unit and specialty columns in em, and the heights (mm)
// available for rows on the first and later sheets and kept for the closing note and signatures.
const REPORT = { nameEm: 4.4, unitEm: 10.8, specialtyEm: 7.2, rowPaddingMm: 2.7, firstMm: 222, nextMm: 242, closingMm: 44 } as const;

/** Splits the committee's results into sheets by estimated row heights (long names wrap). */
function committeeReport(data: Data): Data {
  const results = Array.isArray(data.results) ? (data.results as Data[]) : [];
  const rows = results.map((r, i) => ({ ...r, seq: i + 1 }));
  const height = (r: Data) => {
    const q = (r.qualification ?? {}) as Data;
    const lines = Math.max(
      lineCount(str(((r.applicant ?? {}) as Data).name), REPORT.nameEm),
      lineCount(str(((r.unit ?? {}) as Data).name), REPORT.unitEm),
      lineCount(`${str(q.series)}·${str(q.specialty)}`, REPORT.specialtyEm),
    );
    return lines * LINE_MM + REPORT.rowPaddingMm;
  };
  const chunks = paginateRows(rows, height, REPORT.firstMm, REPORT.nextMm, REPORT.closingMm);
  const pageCount = chunks.length;
  const passed = results.filter((r) => r.result === 'passed').length;
  // A result revoked on an upheld objection at the publicity did not pass: it counts as 未通过.
  const failed = results.filter((r) => r.result === 'failed' || r.result === 'revoked').length;
  return {
    ...data,
    summary: { total: results.length, passed, failed },
    pages: chunks.map((chunk, i) => ({
      rows: chunk,
      first: i === 0,
      last: i === pageCount - 1,
      pageNumber: i + 1,
      pageCount,
      numbered: pageCount > 1,
    })),
  };
}

/** The verification link and its QR code, from the public base URL and the verification code. */
function certificate(data: Data, ctx: { baseUrl: string }): Data {
  const cert = (data.certificate ?? {}) as Data;
  // From configuration only: the link a certificate vouches for is never taken from its data.
  const base = ctx.baseUrl.replace(/\/+$/, '');
  const verifyUrl = `${base}/api/certificates/${encodeURIComponent(str(cert.verificationCode))}`;
  return { ...data, verifyUrl, qrDataUri: qrDataUri(verifyUrl) };
}

const VIEW_MODELS: Record<string, ViewModel> = {
  'review-summary': (data) => withAppendix(data, ['workHistory', 'achievements'], true),
  'publicity-form': (data) => withAppendix(data, ['achievements']),
  'unit-publicity-form': (data) => withAppendix(data, ['achievements']),
  'committee-report': committeeReport,
  certificate,
  'appointment-notice': certificate,
};

const PAGE_SECTION = /<section class="page[\s"]/g;

/** Compiles and caches templates by name; turns (template, data) into page-counted HTML. */
export class TemplateSet {
  private readonly hb: typeof Handlebars;
  private readonly compiled = new Map<string, HandlebarsTemplateDelegate>();

  /** `extra` adds templates by name from source strings (they take precedence over files). */
  constructor(
    private readonly dir: string = TEMPLATES_DIR,
    private readonly extra: Record<string, string> = {},
    private readonly baseUrl = 'http://localhost:3000',
  ) {
    this.hb = createHandlebars(path.join(dir, 'partials'));
  }

  private versionCache: string | null = null;

  /** Digest of every template, partial and the stylesheet: changes whenever a document would. */
  version(): string {
    if (this.versionCache) return this.versionCache;
    const hash = createHash('sha256');
    const add = (name: string, text: string) => hash.update(`${name}\0${text}\0`);
    for (const dir of [this.dir, path.join(this.dir, 'partials')]) {
      let files: string[] = [];
      try {
        files = readdirSync(dir).filter((f) => f.endsWith('.hbs') || f.endsWith('.css')).sort();
      } catch {
        // No partials folder.
      }
      for (const f of files) add(path.join(dir, f), readFileSync(path.join(dir, f), 'utf8'));
    }
    for (const name of Object.keys(this.extra).sort()) add(`extra:${name}`, this.extra[name]!);
    add('baseUrl', this.baseUrl);
    this.versionCache = hash.digest('hex').slice(0, 16);
    return this.versionCache;
  }

  /** The shared print stylesheet. */
  stylesheet(): string {
    return readFileSync(path.join(this.dir, 'print.css'), 'utf8');
  }

  private template(name: string): HandlebarsTemplateDelegate {
    let t = this.compiled.get(name);
    if (t) return t;
    const source = this.extra[name] ?? this.readFile(name);
    t = compileSafe(this.hb, source, name);
    this.compiled.set(name, t);
    return t;
  }

  private readFile(name: string): string {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new Error(`unknown template "${name}"`);
    try {
      return readFileSync(path.join(this.dir, `${name}.hbs`), 'utf8');
    } catch {
      throw new Error(`unknown template "${name}"`);
    }
  }

  /** The HTML of one document and its page count (counted from its `.page` sections). */
  render(name: string, data: object): RenderedHtml {
    const vm = VIEW_MODELS[name];
    const base = { pageNumber: 1, pageCount: 1, ...(data as Data) };
    const view = vm ? vm(base, { baseUrl: this.baseUrl }) : base;
    const html = this.template(name)(view);
    // User text is escaped, so only the template's own markup can open a page section.
    const pages = html.match(PAGE_SECTION)?.length ?? 0;
    if (pages === 0) throw new Error(`template ${name} produced no <section class="page">`);
    return { html, pages };
  }
}
