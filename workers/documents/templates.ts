// Document templates: Handlebars sources in templates/, shared partials in templates/partials/,
// label helpers for the application's codes, and the per-template view models (pagination of
// the committee report, the certificate's QR code). All user text is HTML-escaped: sources that
// ask for unescaped output are refused when they are compiled.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import QRCode from 'qrcode';
import { mask, maskPhone } from '../domain/identifiers.js';

/** The repository's templates/ folder (from source and from dist/). */
export const TEMPLATES_DIR = (() => {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const root = path.resolve(here, '..', '..');
  return path.basename(root) === 'dist' ? path.join(path.dirname(root), 'templates') : path.join(root, 'templates');
})();

/** One template's output: its HTML (a run of `.page` sections) and how many pages that is. */
export interface RenderedHtml {
  html: string;
  pages: number;
}

const LEVELS: Record<string, string> = {
  junior: '初级',
  intermediate: '中级',
  'associate-senior': '副高级',
  senior: '正高级',
};
const GENDERS: Record<string, string> = { male: '男', female: '女' };
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
const RESULTS: Record<string, string> = { passed: '通过', failed: '未通过', pending: '待定' };

// Handlebars passes its options object as the last argument; helpers ignore it.
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const label = (table: Record<string, string>) => (code: unknown) => table[str(code)] ?? str(code);

/** 2024-01-15 or 2024-01-15T10:00:00+08:00 as 2024年1月15日 (the date as written, no zone shift). */
export function chineseDate(value: unknown): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(str(value));
  if (!m) return str(value);
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
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
    staffTypeName: label(STAFF_TYPES),
    unitKindName: label(UNIT_KINDS),
    evaluationModeName: label(EVALUATION_MODES),
    resultName: label(RESULTS),
    date: chineseDate,
    birthMonth,
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
function compileSafe(hb: typeof Handlebars, source: string, name: string): HandlebarsTemplateDelegate {
  if (/\{\{\{|\{\{~?&/.test(source)) throw new Error(`template ${name} uses unescaped output ({{{ or {{&), which is not allowed`);
  return hb.compile(source, { preventIndent: true });
}

type Data = Record<string, unknown>;
type ViewModel = (data: Data, ctx: { baseUrl: string }) => Data;

const ROWS_FIRST_PAGE = 16;
const ROWS_NEXT_PAGE = 20;
/** The closing note and signatures need the room of about this many rows. */
const ROWS_FOR_CLOSING = 6;

/** Splits the committee's results into fixed pages so the page count is known before printing. */
function committeeReport(data: Data): Data {
  const results = Array.isArray(data.results) ? (data.results as Data[]) : [];
  const rows = results.map((r, i) => ({ ...r, seq: i + 1 }));
  const chunks: Data[][] = [];
  let rest = rows;
  do {
    const cap = chunks.length === 0 ? ROWS_FIRST_PAGE : ROWS_NEXT_PAGE;
    chunks.push(rest.slice(0, cap));
    rest = rest.slice(cap);
  } while (rest.length > 0);
  const lastCap = chunks.length === 1 ? ROWS_FIRST_PAGE : ROWS_NEXT_PAGE;
  if (chunks.at(-1)!.length > lastCap - ROWS_FOR_CLOSING) chunks.push([]);
  const pageCount = chunks.length;
  const passed = results.filter((r) => r.result === 'passed').length;
  return {
    ...data,
    summary: { total: results.length, passed, failed: results.length - passed },
    pages: chunks.map((chunk, i) => ({
      rows: chunk,
      first: i === 0,
      last: i === pageCount - 1,
      pageNumber: i + 1,
      pageCount,
    })),
  };
}

/** The verification link and its QR code, from the public base URL and the verification code. */
function certificate(data: Data, ctx: { baseUrl: string }): Data {
  const cert = (data.certificate ?? {}) as Data;
  const base = (typeof data.baseUrl === 'string' ? data.baseUrl : ctx.baseUrl).replace(/\/+$/, '');
  const verifyUrl = `${base}/api/certificates/${encodeURIComponent(str(cert.verificationCode))}`;
  return { ...data, verifyUrl, qrDataUri: qrDataUri(verifyUrl) };
}

const VIEW_MODELS: Record<string, ViewModel> = {
  'committee-report': committeeReport,
  certificate,
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
