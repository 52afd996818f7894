// Corrections (退回补正, SPEC 2: every review step can return the application with the fields to
// fix, and the step's deadline still applies; the notice, 五（一）: what is not submitted in time
// counts as given up, 视为放弃). A reviewer who returns an application names the fields
// to correct; the applicant's correction may change those fields and no others. The list below is
// the one place that names them: the review forms' checklists must offer exactly these values (a
// unit test compares them).
import type { Application } from './application.js';

/** The fields a return may name, by their JSON path in the application, with the form's label. */
export const CORRECTABLE_FIELDS = {
  'applicant.name': '姓名 Name',
  'applicant.gender': '性别 Gender',
  'applicant.phone': '手机号码 Mobile number',
  'applicant.staffType': '人员类别 Staff type',
  'applicant.inPostSince': '现岗位任职时间 In post since',
  'applicant.workStartedOn': '参加工作时间 Started work on',
  'applicant.professionalYears': '专业技术工作年限 Professional years',
  'applicant.currentTitle': '现专业技术资格 Current title',
  'applicant.education': '学历学位 Education',
  'applicant.workHistory': '工作经历 Work history',
  'applicant.achievements': '业绩成果 Achievements',
  'applicant.continuingEducation': '继续教育 Continuing education',
  'applicant.appraisal': '年度考核 Annual appraisal',
  'applicant.proofs': '证明材料 Proofs',
  'unit.name': '单位名称 Unit name',
  'unit.registrationAuthority': '登记管理机关 Registration authority',
  'unit.competentDepartment': '主管部门 Competent department',
  'qualification.series': '申报系列 Series',
  'qualification.specialty': '申报专业 Specialty',
  'qualification.level': '申报级别 Level',
  'qualification.evaluationMode': '评价方式 Evaluation mode',
  'qualification.examCertificateNo': '考试合格证书编号 Exam certificate number',
  subtype: '申报类型 Subtype',
} as const satisfies Record<string, string>;

export type CorrectableField = keyof typeof CORRECTABLE_FIELDS;

export const isCorrectableField = (field: unknown): field is CorrectableField => typeof field === 'string' && Object.hasOwn(CORRECTABLE_FIELDS, field);

/** A field with its label, as the status and the forms show it. */
export const labelled = (field: CorrectableField) => ({ field, label: CORRECTABLE_FIELDS[field] });

type Json = unknown;

/** The value at a dotted path of an object, or undefined. */
export function valueAt(value: Json, path: string): Json {
  let at: Json = value;
  for (const key of path.split('.')) {
    if (at === null || typeof at !== 'object' || Array.isArray(at)) return undefined;
    at = (at as Record<string, Json>)[key];
  }
  return at;
}

/**
 * The application with the correction applied: objects merge key by key, anything else (a text, a
 * list, null) replaces what was there. The result is validated like a submission by the caller.
 */
export function applyCorrection(base: Json, patch: Json): Json {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out: Record<string, Json> = base !== null && typeof base === 'object' && !Array.isArray(base) ? { ...(base as Record<string, Json>) } : {};
  for (const [key, value] of Object.entries(patch as Record<string, Json>)) out[key] = applyCorrection(out[key], value);
  return out;
}

/** A stable text of a value (object keys sorted), to compare two versions of a field. */
function stable(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, Json>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stable((value as Record<string, Json>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * The fields a correction changed, as dotted paths: each correctable field whose value differs, and
 * any other leaf that differs (which a correction may not change). Both versions are parsed
 * applications, so defaults are filled in alike.
 */
export function changedFields(before: Application, after: Application): string[] {
  const changed = new Set<string>();
  const walk = (a: Json, b: Json, path: string) => {
    if (path && isCorrectableField(path)) {
      if (stable(a) !== stable(b)) changed.add(path);
      return;
    }
    const objects = a !== null && typeof a === 'object' && !Array.isArray(a) && b !== null && typeof b === 'object' && !Array.isArray(b);
    if (!objects) {
      if (stable(a) !== stable(b)) changed.add(path || '(body)');
      return;
    }
    const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
    for (const key of keys) walk((a as Record<string, Json>)[key], (b as Record<string, Json>)[key], path ? `${path}.${key}` : key);
  };
  const strip = ({ submittedAt: _s, ...rest }: Application) => rest;
  walk(strip(before), strip(after), '');
  return [...changed].sort();
}
