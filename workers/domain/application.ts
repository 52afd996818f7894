// The application as the API accepts it (SPEC section 8). Field names are part of the API.
import { z } from 'zod';
import { creditCodeProblem, residentIdProblem } from './identifiers.js';

export const CATEGORY_IDS = [
  'regular',
  'post-grade-2-3',
  'k12-senior',
  'k12-associate-and-below',
  'agency-transfer',
  'military-transfer',
  'private-senior-manager',
  'talent-incentive',
  'dual-track',
  'grassroots-3010',
  'grassroots-postgrad',
  'rural-revitalization',
] as const;
export type CategoryId = (typeof CATEGORY_IDS)[number];

export const STAFF_TYPES = ['professional', 'management', 'civil-servant-managed', 'civil-servant', 'retired'] as const;
export const LEVELS = ['junior', 'intermediate', 'associate-senior', 'senior'] as const;
/** The levels as the notice and every document name them. */
export const LEVEL_LABELS: Record<(typeof LEVELS)[number], string> = { junior: '初级', intermediate: '中级', 'associate-senior': '副高级', senior: '正高级' };

/** Who acts at each level of a route, as reviewers and applicants read it (and who misses a deadline). */
export const ROUTE_LEVEL_OFFICES = {
  unit: '单位',
  federation: '省文联（省作协）',
  'competent-department': '主管部门',
  'county-hr': '县（市、区）人社部门',
  'city-hr': '市（州）人社部门',
  'province-hr': '省人社厅',
  applicant: '申报人',
} as const;
export const DIVISION_LEVELS = ['province', 'city', 'county'] as const;

const isoDate = z.iso.date({ error: 'must be a date YYYY-MM-DD' });
/**
 * Characters no text of an application may carry: control characters (line breaks and tabs
 * excepted), bidirectional overrides and isolates, which make a name read otherwise than it is
 * stored, and zero-width characters, which make two names look alike. Rare characters (生僻字,
 * the CJK extensions) are letters and pass.
 */
const HIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/u;

/** `U+202E at 3` for the first hidden character of a text, or null. */
export function hiddenCharacter(value: string): string | null {
  const match = HIDDEN.exec(value);
  return match ? `U+${match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} at ${[...value.slice(0, match.index)].length + 1}` : null;
}

const text = (max: number) =>
  z
    .string({ error: 'must be a string' })
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `must be at most ${max} characters` })
    .superRefine((value, ctx) => {
      const hidden = hiddenCharacter(value);
      if (hidden) ctx.addIssue({ code: 'custom', message: `must not contain control, bidirectional or zero-width characters (${hidden})` });
    });

export const competentDepartmentSchema = z.object({
  name: text(100),
  level: z.enum(DIVISION_LEVELS, { error: `must be one of ${DIVISION_LEVELS.join(', ')}` }),
  divisionCode: z.string().regex(/^22\d{4}$/, { error: 'must be a 6-digit GB/T 2260 code of Jilin (22xxxx)' }),
});

export const applicantSchema = z.object({
  name: text(50),
  idNumber: z.string({ error: 'must be a string' }).superRefine((v, ctx) => {
    const problem = residentIdProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: `resident ID number ${problem}` });
  }),
  gender: z.enum(['male', 'female'], { error: 'must be male or female' }),
  phone: z.string().regex(/^1\d{10}$/, { error: 'must be an 11-digit mainland mobile number' }),
  staffType: z.enum(STAFF_TYPES, { error: `must be one of ${STAFF_TYPES.join(', ')}` }),
  inPostSince: isoDate,
  freelanceArtist: z.boolean({ error: 'must be true or false' }).default(false),
  // Optional details printed on the 一览表 and 公示表 (SPEC 8 allows extending the fields).
  workStartedOn: isoDate.optional(),
  professionalYears: z.number({ error: 'must be a number' }).int({ error: 'must be a whole number' }).min(0, { error: 'must not be negative' }).max(60, { error: 'must be at most 60' }).optional(),
  /** The title held now: obtained (资格年限 count from it) and, optionally, appointed to it (聘任年限). */
  currentTitle: z.object({ name: text(50), obtainedOn: isoDate, appointedOn: isoDate.optional() }).nullish(),
  education: z
    .object({ level: text(20), degree: text(30).nullish(), school: text(100), major: text(100), graduatedOn: isoDate })
    .nullish(),
  workHistory: z
    .array(z.object({ from: isoDate, to: isoDate.nullable().default(null), unit: text(100), position: text(50) }), { error: 'must be a list' })
    .max(30, { error: 'must have at most 30 entries' })
    .optional(),
  achievements: text(5000).optional(),
  continuingEducation: text(500).optional(),
  appraisal: text(200).optional(),
  /**
   * Documents that prove a fact a category, subtype or fee exemption requires (a policy's
   * `requires.proofs`): the kind the policy names, the document's number, issuer and date.
   */
  proofs: z
    .array(z.object({ kind: z.string().regex(/^[a-z0-9-]+$/, { error: 'must be a proof kind of the policy (lower-case letters, digits, dashes)' }), documentNo: text(100), issuedBy: text(100), issuedOn: isoDate }), {
      error: 'must be a list',
    })
    .max(20, { error: 'must have at most 20 entries' })
    .optional(),
});

export const unitSchema = z.object({
  name: text(100),
  creditCode: z.string({ error: 'must be a string' }).superRefine((v, ctx) => {
    const problem = creditCodeProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: `unified social credit code ${problem}` });
  }),
  kind: z.enum(['enterprise', 'institution'], { error: 'must be enterprise or institution' }),
  registrationAuthority: text(100).nullable().default(null),
  appointmentLinked: z.boolean({ error: 'must be true or false' }).default(false),
  selfReview: z.boolean({ error: 'must be true or false' }).default(false),
  competentDepartment: competentDepartmentSchema.nullable().default(null),
});

export const qualificationSchema = z.object({
  series: text(50),
  specialty: text(50),
  level: z.enum(LEVELS, { error: `must be one of ${LEVELS.join(', ')}` }),
  procedure: z.enum(['review', 'certification'], { error: 'must be review or certification' }).default('review'),
  evaluationMode: z
    .enum(['review', 'exam-replaces-review', 'exam-and-review'], {
      error: 'must be review, exam-replaces-review or exam-and-review',
    })
    .default('review'),
  examCertificateNo: text(50).nullable().default(null),
  /**
   * A junior title's grade: 助理级 (`assistant`, what a junior title is when this is left out) or 员级
   * (`clerk`: 技术员, 三级教师); other levels leave it out. It picks the name the certificate prints.
   */
  juniorGrade: z.enum(['assistant', 'clerk'], { error: 'must be assistant (助理级) or clerk (员级)' }).optional(),
  /** The post applied for in post-grade-2-3 (专业技术二级 or 三级岗位); null for title applications. */
  postGrade: z
    .union([z.literal(2), z.literal(3)], { error: 'must be 2 (二级岗位) or 3 (三级岗位)' })
    .nullable()
    .default(null),
});

export const applicationSchema = z.object({
  category: z.enum(CATEGORY_IDS, { error: `must be one of ${CATEGORY_IDS.join(', ')}` }),
  subtype: z.string().max(50).nullable().default(null),
  applicant: applicantSchema,
  unit: unitSchema,
  qualification: qualificationSchema,
  /** Set by the server for live submissions; the hypothetical time in a preview. */
  submittedAt: z.iso.datetime({ offset: true, error: 'must be an ISO-8601 date-time with offset' }).optional(),
});

export type Application = z.infer<typeof applicationSchema>;
export type ApplicationInput = z.input<typeof applicationSchema>;

/** One field-level problem, with the JSON path of the field. */
export interface FieldError {
  field: string;
  message: string;
}

/** Turns zod issues into `{field, message}` pairs whose field is the dotted JSON path. */
export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || '(body)',
    message: issue.message,
  }));
}
