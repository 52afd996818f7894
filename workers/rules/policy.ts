// A year's notice as data: the schema of policy/*.json (workers/policy/load.ts reads and checks the
// files); a bad value stops start-up with its path. Next year's notice needs a new file, not new code.
// Dates are Asia/Shanghai calendar days: a window runs from 00:00 of `start` to 24:00 of `end`,
// and a deadline day means 24:00 of that day (the next day's 00:00).
import { z } from 'zod';
import { CATEGORY_IDS, DIVISION_LEVELS, LEVELS, STAFF_TYPES } from '../domain/application.js';
import { materialsSchema } from './materials.js';
import { isRegExp, titleNameProblems, titleNamesSchema } from './title-names.js';

const date = z.iso.date({ error: 'must be a date YYYY-MM-DD' });
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'must be a month YYYY-MM' });
const code = z.string().regex(/^\d{6}$/, { error: 'must be a 6-digit division code' });
const text = z.string().trim().min(1, { error: 'must not be empty' });
const fraction = z
  .object({ numerator: z.number().int().positive(), denominator: z.number().int().positive() })
  .refine((f) => f.numerator <= f.denominator, { error: 'must be at most 1 (numerator <= denominator)' });
const unitKind = z.enum(['enterprise', 'institution']);
const id = z.string().regex(/^[a-z0-9-]+$/, { error: 'must be lower-case letters, digits and dashes' });
/** A landline as the notice prints it: area code, dash, number (0431-88690926, 0431-12333). */
const phone = z.string().regex(/^0\d{2,3}-\d{5,8}$/, { error: 'must be a phone number like 0431-88690926' });

/**
 * A document (`applicant.proofs`, by kind) a fee exemption asks for. The notice names none (三（四）:
 * the category or subtype alone is exempt), so a proof is only ever a condition of the exemption:
 * missing, the fee is charged; it never makes an application ineligible (rules/fees.ts).
 */
const proofSchema = z.object({
  kind: id,
  name: text,
  /** True where the requirement is this product's example, not a condition the notice states. */
  example: z.boolean(),
  basis: z.string().optional(),
});

/**
 * A committee's office (评委会办事机构) and its own contacts: it issues the committee's 公示表, which
 * prints them as where objections go (受理单位, 受理电话). Required: a 公示表 never stands in the
 * help-desk line for a committee's own contact.
 */
const officeSchema = z.object(
  {
    name: text,
    phones: z.array(phone).min(1),
    address: z.string().optional(),
    /** True where the office (its name, numbers or address) is this product's example. */
    example: z.boolean(),
  },
  {
    error: (issue) =>
      issue.input === undefined
        ? "required: the committee's office (评委会办事机构) with its name and phones, which its 公示表 prints for objections (notice 三（六）)"
        : undefined,
  },
);

/** The levels of a route, in the order an application climbs them. */
export const ROUTE_LEVELS = ['unit', 'federation', 'competent-department', 'county-hr', 'city-hr', 'province-hr'] as const;
export type RouteLevel = (typeof ROUTE_LEVELS)[number];

const windowSchema = z.discriminatedUnion('kind', [
  /** The standard windows: `applicantWindow`, then `levelDeadlines`. */
  z.object({ kind: z.literal('standard') }),
  /** One window for the applicant and every level (k12-senior). */
  z.object({ kind: z.literal('fixed'), start: date, end: date }),
  /** Days firstDay..lastDay of every month from..to, for the applicant and every level (3010). */
  z.object({
    kind: z.literal('monthly'),
    firstDay: z.number().int().min(1).max(28),
    lastDay: z.number().int().min(1).max(28),
    from: month,
    to: month,
    /**
     * A review not done by the window's last day waits for the next month's window (true), or the
     * application counts as withdrawn like any missed deadline (false).
     */
    carryOver: z.boolean(),
  }),
]);

const subtypeSchema = z.object({
  name: text,
  feeExempt: z.boolean(),
  /** What the unit or qualification must be for the subtype (评聘结合 for 已评未聘, 卫生 for 基层卫生). */
  requires: z
    .object({
      appointmentLinked: z.boolean().optional(),
      unitKinds: z.array(unitKind).min(1).optional(),
      series: z.array(text).min(1).optional(),
      /** Documents the subtype's fee exemption asks for (`applicant.proofs`); only for a fee-exempt subtype. */
      proofs: z.array(proofSchema).default([]),
    })
    .default({ proofs: [] }),
});

const categorySchema = z.object({
  name: text,
  window: windowSchema,
  feeExempt: z.boolean(),
  /** Unit kinds that may apply in this category (all when absent). */
  unitKinds: z.array(unitKind).min(1).optional(),
  /** Series the category is for (all when absent). */
  series: z.array(text).min(1).optional(),
  /** Title levels the category is for (all when absent). */
  levels: z.array(z.enum(LEVELS)).min(1).optional(),
  /** Division levels of the unit the category is for (县（乡）基层: county). */
  divisionLevels: z.array(z.enum(DIVISION_LEVELS)).min(1).optional(),
  /** Staff types other than professional staff the category admits (managers, for 民营高级经营管理人才). */
  admitsStaffTypes: z.array(z.enum(STAFF_TYPES)).default([]),
  subtypes: z.record(z.string().regex(/^[a-z0-9-]+$/), subtypeSchema).default({}),
  /** What a success yields. */
  outcome: z.enum(['certificate', 'post-appointment-notice']).default('certificate'),
  /** Extra verification step of the category, if any (documents the category must prove). */
  extraVerification: z.string().nullable().default(null),
  /** Documents the category's fee exemption asks for (`applicant.proofs`); only for a fee-exempt category. Missing: the fee is charged. */
  proofs: z.array(proofSchema).default([]),
  /**
   * Categories in which applications of this category's series and levels may not be filed: they
   * belong here (中小学正高级教师 has a window of its own).
   */
  divertsFrom: z.array(z.enum(CATEGORY_IDS)).default([]),
});

const overrideSchema = z.object({
  code,
  name: text,
  /** The level the division acts at on the route (special units act as cities). */
  level: z.enum(['city', 'county']),
  /** The division whose HR department comes next on the route. */
  reportsTo: code,
  /** The GB/T 2260 parent; defaults to the data's parent, else the province. */
  parentCode: code.optional(),
  /** A city whose name may precede the unit's in an authority's name (长春市长春新区…). */
  locatedIn: code.optional(),
  /** A code this product gives a unit that GB/T 2260 lacks; it must not exist in the data. */
  synthetic: z.boolean().default(false),
  /** Codes and parents of earlier data years (公主岭市 was 220381 under 四平市 until 2020). */
  formerCodes: z.array(code).default([]),
  formerParentCodes: z.array(code).default([]),
  /** Other spellings found in registration authorities' names. */
  aliases: z.array(text).default([]),
  /**
   * The administrative rank where it differs from the level on the route (梅河口市: a county-level
   * city that reports like a city); categories for county-level units (3010) go by the rank.
   */
  rank: z.enum(['city', 'county']).optional(),
  note: z.string().optional(),
});

const zoneSchema = z.object({
  code,
  name: text,
  /** The city the zone acts as a county of. */
  cityCode: code,
  synthetic: z.boolean().default(false),
  aliases: z.array(text).default([]),
  note: z.string().optional(),
});

const committeeSchema = z.object({
  id,
  name: text,
  series: text,
  /** Specialties reviewed; `*` for every specialty of the series. */
  specialties: z.array(text).min(1),
  /** Category subtypes reviewed only here (基层卫生); such a committee wins over the others. */
  subtypes: z.array(text).default([]),
  levels: z.array(z.enum(LEVELS)).min(1),
  /** Who authorised it to review (省人社厅, or a city for delegated levels). */
  authority: text,
  members: z.number().int().positive(),
  /** The committee's office code in certificate numbers (year-C01-000123): 2-12 capitals or digits, unique. */
  officeCode: z.string().regex(/^[A-Z0-9]{2,12}$/, { error: 'must be 2-12 capital letters or digits' }),
  /** True where the committee (its existence, name, authority or size) is this product's example, not a fact of the notice. */
  example: z.boolean(),
  /** The committee's office (评委会办事机构) with its contacts; it issues the committee's 公示表 and takes objections to it. */
  office: officeSchema,
});

/** A competent department (主管部门) institutions are bound to; its group is the Tasklist group of its reviewers. */
const departmentSchema = z.object({
  code: z.string().regex(/^\d{6}-[a-z0-9-]+$/, { error: 'must be the division code, a dash and lower-case letters (220000-education)' }),
  name: text,
  /** Other spellings an applicant may type: short forms (省教育厅), names before a reform (吉林省卫生和计划生育委员会). */
  aliases: z.array(text).default([]),
  divisionCode: code,
  level: z.enum(DIVISION_LEVELS),
  group: z.string().regex(/^dept-[a-z0-9-]+$/, { error: 'must be dept- and lower-case letters, digits and dashes' }),
});

/** Where a setting comes from, for settings the notice does not state word for word. */
const provenanceSchema = z.object({
  source: z.enum(['notice', 'national', 'product', 'example']),
  /** The notice's clause where it is the source or the nearest one (四（六）). */
  clause: z.string().optional(),
  note: text,
});

export const policySchema = z
  .object({
    id: z.string().regex(/^[\w-]+$/, { error: 'must be letters, digits, _ and -' }),
    title: text,
    /** The document the policy transcribes. */
    source: z.object({ document: text, title: text }).optional(),
    /** What a reader of the file must know (example data, defaults of this product). */
    notes: z.array(text).default([]),
    /** Set on a demo policy: the policy it was made from and by how many days its dates moved. */
    demoOf: z.object({ policy: text, days: z.number().int() }).optional(),
    /** Qualification years, appointment years, education and achievements count up to this day. */
    cutoffDate: date,
    /** Applicants must be in post on this day. */
    inPostDate: date,
    applicantWindow: z.object({ start: date, end: date }),
    /** Last day (until 24:00) each level may review and submit, in the standard window. */
    levelDeadlines: z.object({ unit: date, 'competent-department': date, federation: date, 'county-hr': date, 'city-hr': date }),
    /** Staff types that may not apply, with the notice's words and the unit kinds the exclusion is for (all when absent). */
    excludedStaffTypes: z.partialRecord(z.enum(STAFF_TYPES), z.object({ text, unitKinds: z.array(unitKind).min(1).optional() })),
    /** Series and levels evaluated by exam (以考代评) or by exam and review (考评结合), whatever the application says. */
    evaluationModes: z
      .array(
        z.object({ series: text, levels: z.array(z.enum(LEVELS)).min(1), mode: z.enum(['exam-replaces-review', 'exam-and-review']), basis: z.string().optional() }),
      )
      .default([]),
    categories: z.record(z.enum(CATEGORY_IDS), categorySchema),
    /** 初级认定 (junior certification) is fee-exempt. */
    juniorCertificationFeeExempt: z.boolean(),
    publicity: z.object({
      unitWorkingDays: z.number().int().positive(),
      resultWorkingDays: z.number().int().positive(),
      /** Working days the unit's part of the timetable leaves to each later level that shares its deadline (rules/deadlines.ts, unitTimetable). */
      nextLevelReserveWorkingDays: z.number().int().nonnegative().default(1),
    }),
    /**
     * Days after committee acceptance to pay before the application counts as withdrawn, once the
     * payment notice (三（四）: 缴费方式另行通知) sets them; null: no payment deadline, the flow waits
     * for the payment, or for the committee's office or the provincial HR department to end the wait.
     */
    paymentDays: z.number().int().positive().nullable(),
    /** Applications decided without a committee vote (初级认定 is recognition, not review). */
    withoutVote: z
      .array(z.object({ name: text, levels: z.array(z.enum(LEVELS)).min(1), procedure: z.enum(['review', 'certification']), basis: text }))
      .default([]),
    /** The provincial HR department's verification of a category's documents: working days it has, or null for no deadline. */
    documentVerification: z.object({ workingDays: z.number().int().positive().nullable() }),
    /** The notice's consultation lines (五（五）政策咨询); `business` is the line for questions on the rules. */
    contacts: z.object({
      clause: text,
      lines: z
        .array(z.object({ id, label: text, purpose: text, phones: z.array(z.object({ number: phone, note: z.string().optional() })).min(1) }))
        .min(1),
      business: id,
    }),
    /** The competent departments (主管部门) institutions may be bound to. */
    competentDepartments: z.object({ note: text, entries: z.array(departmentSchema) }),
    /** Where settings the notice does not state come from, by their path in this file. */
    provenance: z.record(z.string(), provenanceSchema).default({}),
    votes: z.object({ quorum: fraction, pass: fraction }),
    /** Applicants' electronic materials (三（一）): kinds, which are required, limits (rules/materials.ts). */
    materials: materialsSchema,
    province: z.object({ code: code.regex(/0000$/, { error: 'must be a province code (xx0000)' }), name: text, hrOffice: text }),
    federations: z.object({
      default: text,
      literature: text,
      /** A regular expression over series + specialty that sends a freelance artist to the writers' association. */
      literaturePattern: text.refine(isRegExp, { error: 'must be a valid regular expression' }),
      /** Series freelance artists may apply in. */
      series: z.array(text).min(1),
    }),
    divisions: z.object({
      /** Divisions that GB/T 2260 lacks or that report elsewhere than it says (梅河口, 长白山, 长春新区, 中韩, 公主岭). */
      overrides: z.array(overrideSchema),
      /** Development zones: counties under their city. */
      developmentZones: z.array(zoneSchema).default([]),
      /** More spellings of data divisions (前郭县, 延边州), by code. */
      aliases: z.record(code, z.array(text)).default({}),
      /** Branch names of market-supervision bureaus (绿园分局, 高新分局) -> division code, per city code. */
      branchAliases: z.record(code, z.record(z.string(), code)).default({}),
    }),
    /** HR office names; `{name}` is the division's name. */
    offices: z.object({ pattern: text.refine((p) => p.includes('{name}'), { error: 'must contain {name}' }), overrides: z.record(code, text).default({}) }),
    feeSchedule: z
      .object({
        id: z.string().regex(/^[\w-]+$/),
        note: text,
        currency: z.literal('CNY'),
        amounts: z.record(z.enum(LEVELS), z.number().nonnegative()),
      })
      .refine((s) => s.id !== 'example' || /EXAMPLE/.test(s.note), { error: 'an example schedule must say EXAMPLE in its note', path: ['note'] }),
    committees: z.array(committeeSchema),
    /** The titles certificates confer (资格名称), by series, specialty and level (rules/title-names.ts). */
    titleNames: titleNamesSchema,
  })
  .superRefine((p, ctx) => {
    const issue = (path: Array<string | number>, message: string) => ctx.addIssue({ code: 'custom', path, message });
    if (p.applicantWindow.end < p.applicantWindow.start) issue(['applicantWindow', 'end'], 'must not be before start');
    const d = p.levelDeadlines;
    if (d.unit < p.applicantWindow.end) issue(['levelDeadlines', 'unit'], 'must not be before applicantWindow.end');
    if (d.federation < p.applicantWindow.end) issue(['levelDeadlines', 'federation'], 'must not be before applicantWindow.end');
    // Deadlines never decrease along a route.
    const order = ['unit', 'competent-department', 'county-hr', 'city-hr'] as const;
    for (let i = 1; i < order.length; i++) {
      if (d[order[i]!] < d[order[i - 1]!]) issue(['levelDeadlines', order[i]!], `must not be before ${order[i - 1]}`);
    }
    for (const [id, c] of Object.entries(p.categories)) {
      const w = c.window;
      if (w.kind === 'fixed' && w.end < w.start) issue(['categories', id, 'window', 'end'], 'must not be before start');
      if (w.kind === 'monthly' && w.lastDay < w.firstDay) issue(['categories', id, 'window', 'lastDay'], 'must not be before firstDay');
      if (w.kind === 'monthly' && w.to < w.from) issue(['categories', id, 'window', 'to'], 'must not be before from');
    }
    const ids = new Set<string>();
    const officeCodes = new Set<string>();
    p.committees.forEach((c, i) => {
      if (ids.has(c.id)) issue(['committees', i, 'id'], `duplicate committee id ${c.id}`);
      ids.add(c.id);
      if (officeCodes.has(c.officeCode)) issue(['committees', i, 'officeCode'], `duplicate office code ${c.officeCode}`);
      officeCodes.add(c.officeCode);
      // Two committees that could both take an application make the assignment a guess.
      p.committees.slice(0, i).forEach((o) => {
        const overlap = (a: string[], b: string[]) => a.some((x) => b.includes(x));
        const sameSubtypes = c.subtypes.join() === o.subtypes.join();
        if (c.series === o.series && sameSubtypes && overlap(c.levels, o.levels) && overlap(c.specialties, o.specialties)) {
          issue(['committees', i], `overlaps committee ${o.id} (same series, specialty and level)`);
        }
      });
    });
    const names = new Set<string>();
    p.committees.forEach((c, i) => {
      if (names.has(c.name)) issue(['committees', i, 'name'], `duplicate committee name ${c.name}`);
      names.add(c.name);
    });
    for (const [id, c] of Object.entries(p.categories)) {
      // A proof is a condition of a fee exemption, nothing else: the notice asks no document of anyone (三（四）).
      if (c.proofs.length && !c.feeExempt) issue(['categories', id, 'proofs'], 'only a fee-exempt category may ask for a proof (a condition of its exemption; it never decides eligibility)');
      for (const [sid, sub] of Object.entries(c.subtypes)) {
        if (sub.requires.proofs.length && !sub.feeExempt) issue(['categories', id, 'subtypes', sid, 'requires', 'proofs'], 'only a fee-exempt subtype may ask for a proof (a condition of its exemption; it never decides eligibility)');
      }
      if (c.divertsFrom.length && !(c.series && c.levels)) issue(['categories', id, 'divertsFrom'], 'needs the series and levels the category takes');
      if (c.divertsFrom.includes(id as never)) issue(['categories', id, 'divertsFrom'], 'must not name the category itself');
    }
    const lineIds = p.contacts.lines.map((l) => l.id);
    if (!lineIds.includes(p.contacts.business)) issue(['contacts', 'business'], `must be one of ${lineIds.join(', ')}`);
    const deptCodes = new Set<string>();
    const deptGroups = new Set<string>();
    p.competentDepartments.entries.forEach((d, i) => {
      if (deptCodes.has(d.code)) issue(['competentDepartments', 'entries', i, 'code'], `duplicate department code ${d.code}`);
      deptCodes.add(d.code);
      if (deptGroups.has(d.group)) issue(['competentDepartments', 'entries', i, 'group'], `duplicate group ${d.group}`);
      deptGroups.add(d.group);
      if (!d.code.startsWith(`${d.divisionCode}-`)) issue(['competentDepartments', 'entries', i, 'code'], `must start with its divisionCode ${d.divisionCode}`);
    });
    for (const problem of titleNameProblems(p.titleNames, p.committees, p.categories)) issue(problem.path, problem.message);
    for (const key of Object.keys(p.provenance)) {
      if (!hasPath(p, key)) issue(['provenance', key], 'names no setting of this policy');
    }
    p.evaluationModes.forEach((m, i) => {
      const clash = p.evaluationModes.slice(0, i).find((o) => o.series === m.series && o.levels.some((l) => m.levels.includes(l)));
      if (clash) issue(['evaluationModes', i, 'levels'], `repeats a level of series ${m.series}`);
    });
  });

export type Policy = z.infer<typeof policySchema>;
export type CategoryPolicy = Policy['categories'][keyof Policy['categories']];

/** Whether a dotted path (categories.grassroots-3010.window.carryOver) names a value of `value`. */
function hasPath(value: unknown, dotted: string): boolean {
  let at: unknown = value;
  for (const key of dotted.split('.')) {
    if (!at || typeof at !== 'object' || !(key in at)) return false;
    at = (at as Record<string, unknown>)[key];
  }
  return true;
}
