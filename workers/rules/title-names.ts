// The names of the titles a certificate confers (资格名称), by series, specialty and level: 工程 中级 is
// 工程师, 卫生 护理 副高级 副主任护师. The notice names none; they are policy data (titleNames of
// policy/*.json) taken from the national guidance of each series, so an analyst can correct them.
import { z } from 'zod';
import type { LEVELS } from '../domain/application.js';

/** The levels a title has: 初级 is 员级 or 助理级 (most series have 助理级 only), then 中级, 副高级, 正高级. */
export const TITLE_GRADES = ['clerk', 'assistant', 'intermediate', 'associate-senior', 'senior'] as const;
export type TitleGrade = (typeof TITLE_GRADES)[number];

/** The grades as certificates and pages print them. */
export const GRADE_LABELS: Record<TitleGrade, string> = { clerk: '员级', assistant: '助理级', intermediate: '中级', 'associate-senior': '副高级', senior: '正高级' };

const text = z.string().trim().min(1, { error: 'must not be empty' });

const trackSchema = z.object({
  /** What the track is (医疗, 护理, 编辑): for the reader of the file. */
  track: text,
  /**
   * A regular expression over the specialty: the track is for the specialties it matches, tried in
   * order. Absent: the series' default track, for every specialty no other track takes.
   */
  specialtyPattern: text.refine(isRegExp, { error: 'must be a valid regular expression' }).optional(),
  /** The title of each grade; `{specialty}` stands for the specialty (艺术: 三级{specialty} for 三级演员). */
  names: z.partialRecord(z.enum(TITLE_GRADES), text),
  /** The document the names come from. */
  basis: z.string().optional(),
});

export const titleNamesSchema = z.object({
  note: text,
  /** Each series' tracks; a series without a default track (no specialtyPattern) names only its patterns' specialties. */
  series: z.record(
    text,
    z
      .array(trackSchema)
      .min(1)
      .refine((tracks) => tracks.filter((t) => t.specialtyPattern === undefined).length <= 1, { error: 'must have at most one default track (without specialtyPattern)' }),
  ),
});

export type TitleNames = z.infer<typeof titleNamesSchema>;

/** What decides a title's name: the application's qualification. */
export interface TitleQualification {
  series: string;
  specialty: string;
  level: (typeof LEVELS)[number];
  /** 员级 for a junior title only when the application says so; 初级 is 助理级 otherwise. */
  juniorGrade?: 'assistant' | 'clerk' | null | undefined;
}

/** The grade of a qualification: its level, 初级 split into 助理级 and 员级. */
export function gradeOf(q: Pick<TitleQualification, 'level' | 'juniorGrade'>): TitleGrade {
  if (q.level === 'junior') return q.juniorGrade === 'clerk' ? 'clerk' : 'assistant';
  return q.level;
}

/** The label of a qualification's grade: 助理级, 中级, 正高级. */
export function gradeLabelOf(q: Pick<TitleQualification, 'level' | 'juniorGrade'>): string {
  return GRADE_LABELS[gradeOf(q)];
}

function trackOf(names: TitleNames, series: string, specialty: string) {
  const tracks = names.series[series] ?? [];
  return tracks.find((t) => t.specialtyPattern !== undefined && new RegExp(t.specialtyPattern).test(specialty)) ?? tracks.find((t) => t.specialtyPattern === undefined) ?? null;
}

/**
 * The title a qualification confers, from the policy: 工程 中级 -> 工程师. A series, specialty or
 * grade the policy names no title for reads `<series>系列<grade>` (工程系列中级), `fromPolicy: false`.
 */
export function titleNameOf(names: TitleNames, q: TitleQualification): { name: string; fromPolicy: boolean } {
  const grade = gradeOf(q);
  const name = trackOf(names, q.series, q.specialty)?.names[grade];
  if (name) return { name: name.replaceAll('{specialty}', q.specialty), fromPolicy: true };
  return { name: `${q.series}系列${GRADE_LABELS[grade]}`, fromPolicy: false };
}

/** The grades a level can be certified at that must have a name: 初级 needs its 助理级 (员级 is rare and may fall back). */
const requiredGrades = (level: (typeof LEVELS)[number]): TitleGrade => (level === 'junior' ? 'assistant' : level);

/**
 * Why the policy's title names fall short: a series and level that a certificate category can
 * produce (a committee reviews it, and a category that ends with a certificate takes its series and
 * level) without a name, in every track a committee's specialties can reach.
 */
export function titleNameProblems(
  names: TitleNames,
  committees: ReadonlyArray<{ id: string; series: string; specialties: string[]; levels: ReadonlyArray<(typeof LEVELS)[number]> }>,
  categories: Record<string, { outcome: string; series?: string[] | undefined; levels?: ReadonlyArray<(typeof LEVELS)[number]> | undefined }>,
): Array<{ path: Array<string | number>; message: string }> {
  const problems = new Map<string, { path: Array<string | number>; message: string }>();
  for (const committee of committees) {
    const tracks = names.series[committee.series] ?? [];
    for (const [categoryId, category] of Object.entries(categories)) {
      if (category.outcome !== 'certificate') continue;
      if (category.series && !category.series.includes(committee.series)) continue;
      for (const level of committee.levels) {
        if (category.levels && !category.levels.includes(level)) continue;
        const grade = requiredGrades(level);
        // A committee of every specialty (*) can reach every track; one of named specialties the tracks they match.
        const reached = committee.specialties.includes('*')
          ? [...tracks.filter((t) => t.specialtyPattern !== undefined), tracks.find((t) => t.specialtyPattern === undefined) ?? null]
          : committee.specialties.map((s) => trackOf(names, committee.series, s));
        for (const track of reached) {
          if (track?.names[grade]) continue;
          const where = track ? `track ${track.track}` : 'a default track';
          const key = `${committee.series}|${grade}|${where}`;
          if (!problems.has(key)) {
            problems.set(key, {
              path: ['titleNames', 'series', committee.series],
              message: `names no title of ${GRADE_LABELS[grade]} (${grade}) in ${where}, which committee ${committee.id} certifies in category ${categoryId}`,
            });
          }
        }
      }
    }
  }
  return [...problems.values()];
}

/** Whether `source` is a valid regular expression (a policy's patterns are checked when it loads). */
export function isRegExp(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}
