// What an office asks of the registry: its applications (waiting at it, or handled by it), the
// rows of an export or a batch print, and its statistics. Every answer comes from the registry's
// tables; nothing is read from the engine.
import { APPLICATION_STATES, type ApplicationState } from '../domain/steps.js';
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import { provisionalMark, stepDeadlineFacts, type ApplicationRow, type ProvisionalMark } from '../registry/registry.js';
import type { WorkingDayCalendar } from '../rules/calendar.js';
import { packageCalendar } from '../rules/index.js';
import { median, workingDaysSpent } from '../rules/working-days-spent.js';
import type { Database } from '../registry/schema.js';

/** The filters of an office's lists, exports and prints (query string or JSON body). */
export const officeFilterSchema = z.object({
  /** `waiting`: waiting at the office now; `handled`: passed through it (any event of the office). */
  scope: z.enum(['waiting', 'handled'], { error: 'must be waiting or handled' }).default('waiting'),
  state: z.enum(Object.keys(APPLICATION_STATES) as [ApplicationState, ...ApplicationState[]], { error: `must be a state: ${Object.keys(APPLICATION_STATES).join(', ')}` }).optional(),
  level: z.enum(['junior', 'intermediate', 'associate-senior', 'senior'], { error: 'must be junior, intermediate, associate-senior or senior' }).optional(),
  category: z.string().regex(/^[a-z0-9-]+$/, { error: 'must be a category id such as regular' }).optional(),
  series: z.string().min(1).max(40).optional(),
  division: z.string().regex(/^\d{6}$/, { error: 'must be a six-digit division code' }).optional(),
  /** Deadline strictly before this instant or date (a date means its 00:00 in Asia/Shanghai). */
  dueBefore: z
    .string()
    .refine((v) => !Number.isNaN(Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00+08:00` : v)), { error: 'must be a date YYYY-MM-DD or an ISO-8601 instant' })
    .transform((v) => new Date(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00+08:00` : v))
    .optional(),
  /** `true`: live and past its deadline now; `false`: not. */
  overdue: z
    .union([z.boolean(), z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1')], { error: 'must be true or false' })
    .optional(),
  /** Part of the applicant's or the unit's name (case-insensitive); blank is no filter. */
  q: z
    .string()
    .trim()
    .max(40, { error: 'must be at most 40 characters' })
    .transform((v) => v || undefined)
    .optional(),
});
export type OfficeFilter = z.output<typeof officeFilterSchema>;

export const pageSchema = z.object({
  page: z.coerce.number({ error: 'must be a whole number from 1' }).int().min(1, { error: 'must be 1 or more' }).default(1),
  pageSize: z.coerce.number({ error: 'must be a whole number' }).int().min(1, { error: 'must be 1 or more' }).max(500, { error: 'must be 500 or less' }).default(50),
});
export type Page = z.output<typeof pageSchema>;

/**
 * One application as an office's lists show it. `provisional` (and `provisionalReason`, in Chinese)
 * marks a deadline counted on a year without the official holiday schedule, as the status does.
 */
export interface OfficeApplication extends ProvisionalMark {
  id: string;
  applicantName: string;
  category: string;
  series: string;
  specialty: string;
  level: string;
  unitName: string;
  divisionCode: string | null;
  state: string;
  currentStep: string | null;
  currentOffice: string | null;
  currentSince: Date | null;
  deadline: Date | null;
  submittedAt: Date;
  endedAt: Date | null;
}

export interface LevelTime {
  level: string;
  decisions: number;
  medianSeconds: number;
}

/** The working days a review level's decisions took at an office (see workingDaysSpent). */
export interface LevelWorkingDays {
  level: string;
  decisions: number;
  medianWorkingDays: number;
}

export interface OfficeStatistics {
  office: string;
  waiting: number;
  overdue: number;
  byState: Record<string, number>;
  byLevel: Record<string, number>;
  handled: number;
  medianTimePerLevel: LevelTime[];
  /** Median working days from a review step's opening to its decision, per review level. */
  medianWorkingDaysPerLevel: LevelWorkingDays[];
  /** What waits at the office by the applications' division (GB/T 2260 code; `none` for none). */
  byDivision: Record<string, number>;
}

const COLUMNS = [
  'a.id',
  'a.applicant_name',
  'a.category',
  'a.series',
  'a.specialty',
  'a.level',
  'a.unit_name',
  'a.division_code',
  'a.state',
  'a.current_step',
  'a.current_step_name',
  'a.current_office',
  'a.current_since',
  'a.current_deadline',
  'a.submitted_at',
  'a.ended_at',
] as const;

type Row = Pick<ApplicationRow, 'id' | 'applicant_name' | 'category' | 'series' | 'specialty' | 'level' | 'unit_name' | 'division_code' | 'state' | 'current_step' | 'current_step_name' | 'current_office' | 'current_since' | 'current_deadline' | 'submitted_at' | 'ended_at'>;

const toOfficeApplication = (r: Row, mark: ProvisionalMark): OfficeApplication => ({
  id: r.id,
  applicantName: r.applicant_name,
  category: r.category,
  series: r.series,
  specialty: r.specialty,
  level: r.level,
  unitName: r.unit_name,
  divisionCode: r.division_code,
  state: r.state,
  currentStep: r.current_step_name,
  currentOffice: r.current_office,
  currentSince: r.current_since,
  deadline: r.current_deadline,
  submittedAt: r.submitted_at,
  endedAt: r.ended_at,
  ...mark,
});

/** Events that record a reviewer's decision on a step an office was asked to review. */
const DECISION_KINDS = ['decision', 'vote'];

/** LIKE's wildcards and its escape character taken literally. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Each decision of a review step with the latest opening of the same step before it: the rows
 * `d` (the decision) and `o` (its opening) that the per-level times are computed from.
 */
const DECISION_SPANS = sql`application_events d
      JOIN LATERAL (
        SELECT o.at FROM application_events o
        WHERE o.application_id = d.application_id AND o.kind = 'step-opened' AND o.step = d.step AND o.id < d.id
        ORDER BY o.id DESC LIMIT 1
      ) o ON true
      WHERE d.kind IN (${sql.join(DECISION_KINDS)}) AND d.office IS NOT NULL AND d.level IS NOT NULL`;

export class OfficeQueries {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: () => Date = () => new Date(),
    /** The working-day calendar of the statistics' working days (the policies' calendar). */
    private readonly calendar: WorkingDayCalendar = packageCalendar,
  ) {}

  private filtered(office: string, f: OfficeFilter) {
    let q = this.db.selectFrom('applications as a');
    if (f.scope === 'waiting') q = q.where('a.current_office', '=', office).where('a.live', '=', true);
    else q = q.where(({ exists, selectFrom }) => exists(selectFrom('application_events as e').select('e.id').whereRef('e.application_id', '=', 'a.id').where('e.office', '=', office)));
    if (f.state) q = q.where('a.state', '=', f.state);
    if (f.level) q = q.where('a.level', '=', f.level);
    if (f.category) q = q.where('a.category', '=', f.category);
    if (f.series) q = q.where('a.series', '=', f.series);
    if (f.division) q = q.where('a.division_code', '=', f.division);
    if (f.dueBefore) q = q.where('a.current_deadline', '<', f.dueBefore);
    if (f.overdue !== undefined) {
      const now = this.clock();
      q = f.overdue
        ? q.where('a.live', '=', true).where('a.current_deadline', '<', now)
        : q.where((eb) => eb.or([eb('a.live', '=', false), eb('a.current_deadline', 'is', null), eb('a.current_deadline', '>=', now)]));
    }
    if (f.q) {
      const pattern = likePattern(f.q);
      q = q.where((eb) => eb.or([eb('a.applicant_name', 'ilike', pattern), eb('a.unit_name', 'ilike', pattern)]));
    }
    return q;
  }

  /** One page of the office's applications, nearest deadline first, and how many match in all. */
  async list(office: string, f: OfficeFilter, page: Page): Promise<{ total: number; items: OfficeApplication[] }> {
    const base = this.filtered(office, f);
    const [{ total }, rows] = await Promise.all([
      base.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow(),
      base
        .select(COLUMNS)
        .orderBy(sql`a.current_deadline ASC NULLS LAST`)
        .orderBy('a.submitted_at')
        .orderBy('a.id')
        .limit(page.pageSize)
        .offset((page.page - 1) * page.pageSize)
        .execute(),
    ]);
    return { total: Number(total), items: await this.withMarks(rows) };
  }

  /** Every matching application, in pages of `chunk` by id (exports and prints of any size). */
  async *each(office: string, f: OfficeFilter, chunk = 1000): AsyncGenerator<OfficeApplication[]> {
    let after = '';
    for (;;) {
      const rows = await this.filtered(office, f).select(COLUMNS).where('a.id', '>', after).orderBy('a.id').limit(chunk).execute();
      if (rows.length === 0) return;
      yield await this.withMarks(rows);
      after = rows[rows.length - 1]!.id;
      if (rows.length < chunk) return;
    }
  }

  /**
   * The rows as the lists show them, each deadline marked provisional or not from the step's
   * events (stepDeadlineFacts, as the status reads them): one query for the rows of a page or chunk.
   */
  private async withMarks(rows: Row[]): Promise<OfficeApplication[]> {
    const waiting = rows.filter((r) => r.current_step && r.current_deadline);
    const events = waiting.length
      ? await this.db
          .selectFrom('application_events')
          .select(['application_id', 'kind', 'step', 'data'])
          .where('application_id', 'in', waiting.map((r) => r.id))
          .where('kind', 'in', ['step-opened', 'deadline-moved'])
          .orderBy('id')
          .execute()
      : [];
    const byApplication = new Map<string, typeof events>();
    for (const e of events) byApplication.set(e.application_id, [...(byApplication.get(e.application_id) ?? []), e]);
    return rows.map((r) => {
      const facts = r.current_step && r.current_deadline ? stepDeadlineFacts(byApplication.get(r.id) ?? [], r.current_step) : null;
      return toOfficeApplication(r, provisionalMark(facts));
    });
  }

  /** The stored application and policy of each id (for documents). */
  async applications(ids: readonly string[]): Promise<Array<Pick<ApplicationRow, 'id' | 'application' | 'policy_id'>>> {
    if (ids.length === 0) return [];
    return this.db.selectFrom('applications').select(['id', 'application', 'policy_id']).where('id', 'in', ids).orderBy('id').execute();
  }

  /** The stored documents of a name for each id. */
  async documents(ids: readonly string[], name: string): Promise<Array<{ application_id: string; sha256: string }>> {
    if (ids.length === 0) return [];
    return this.db.selectFrom('documents').select(['application_id', 'sha256']).where('application_id', 'in', ids).where('name', '=', name).execute();
  }

  /** Counts of what waits at the office (by state and by title level), overdue, handled, and the median time per review level. */
  async statistics(office: string): Promise<OfficeStatistics> {
    const now = this.clock();
    const [states, levels, overdue, handled, times, workingDays, divisions] = await Promise.all([
      this.db.selectFrom('applications').select(['state', (eb) => eb.fn.countAll<string>().as('n')]).where('current_office', '=', office).where('live', '=', true).groupBy('state').execute(),
      this.db.selectFrom('applications').select(['level', (eb) => eb.fn.countAll<string>().as('n')]).where('current_office', '=', office).where('live', '=', true).groupBy('level').execute(),
      this.db.selectFrom('applications').select((eb) => eb.fn.countAll<string>().as('n')).where('current_office', '=', office).where('live', '=', true).where('current_deadline', '<', now).executeTakeFirstOrThrow(),
      this.db.selectFrom('application_events').select(sql<string>`count(DISTINCT application_id)`.as('n')).where('office', '=', office).executeTakeFirstOrThrow(),
      this.levelTimes(office),
      this.levelWorkingDays(office),
      this.db.selectFrom('applications').select(['division_code', (eb) => eb.fn.countAll<string>().as('n')]).where('current_office', '=', office).where('live', '=', true).groupBy('division_code').execute(),
    ]);
    const byState = Object.fromEntries(states.map((r) => [r.state, Number(r.n)]));
    return {
      office,
      waiting: Object.values(byState).reduce((a, b) => a + b, 0),
      overdue: Number(overdue.n),
      byState,
      byLevel: Object.fromEntries(levels.map((r) => [r.level, Number(r.n)])),
      handled: Number(handled.n),
      medianTimePerLevel: times.filter((t) => t.office === office).map(({ office: _o, ...t }) => t),
      medianWorkingDaysPerLevel: workingDays,
      byDivision: Object.fromEntries(divisions.map((r) => [r.division_code ?? 'none', Number(r.n)])),
    };
  }

  /**
   * Median time from a review step's opening to its decision, per office and review level: each
   * decision is paired with the latest opening of the same step before it.
   */
  async levelTimes(office?: string): Promise<Array<LevelTime & { office: string }>> {
    const officeFilter = office === undefined ? sql`` : sql`AND d.office = ${office}`;
    const result = await sql<{ office: string; level: string; decisions: string; median: string | number }>`
      SELECT d.office, d.level, count(*) AS decisions,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM d.at - o.at)) AS median
      FROM ${DECISION_SPANS} ${officeFilter}
      GROUP BY d.office, d.level
      ORDER BY d.office, d.level`.execute(this.db);
    return result.rows.map((r) => ({ office: r.office, level: r.level, decisions: Number(r.decisions), medianSeconds: Math.round(Number(r.median)) }));
  }

  /** Median working days from a review step's opening to its decision at the office, per review level (counted on the calendar). */
  async levelWorkingDays(office: string): Promise<LevelWorkingDays[]> {
    const result = await sql<{ level: string; opened: Date | string; decided: Date | string }>`
      SELECT d.level, o.at AS opened, d.at AS decided
      FROM ${DECISION_SPANS} AND d.office = ${office}`.execute(this.db);
    const perLevel = new Map<string, number[]>();
    for (const r of result.rows) {
      const days = workingDaysSpent(this.calendar, new Date(r.opened), new Date(r.decided));
      const list = perLevel.get(r.level) ?? [];
      list.push(days);
      perLevel.set(r.level, list);
    }
    return [...perLevel]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([level, days]) => ({ level, decisions: days.length, medianWorkingDays: median(days)! }));
  }

  /** Live applications per office and state, and overdue ones per office (for /metrics). */
  async officeCounts(): Promise<{ waiting: Array<{ office: string; state: string; n: number }>; overdue: Array<{ office: string; n: number }> }> {
    const now = this.clock();
    const [waiting, overdue] = await Promise.all([
      this.db.selectFrom('applications').select(['current_office', 'state', (eb) => eb.fn.countAll<string>().as('n')]).where('live', '=', true).where('current_office', 'is not', null).groupBy(['current_office', 'state']).execute(),
      this.db.selectFrom('applications').select(['current_office', (eb) => eb.fn.countAll<string>().as('n')]).where('live', '=', true).where('current_office', 'is not', null).where('current_deadline', '<', now).groupBy('current_office').execute(),
    ]);
    return {
      waiting: waiting.map((r) => ({ office: r.current_office!, state: r.state, n: Number(r.n) })),
      overdue: overdue.map((r) => ({ office: r.current_office!, n: Number(r.n) })),
    };
  }
}
