// The committee's result report of a meeting day (评审结果报告, notice 三（八）): every result of that
// day's votes the committee reported to the provincial HR department, read from the registry's
// report records (written by the flows' report step, topics/report-result.ts), with each one's
// vote, as the data of templates/committee-report.hbs. A vote not yet reported is not in it. Rows
// are ordered by level, series, specialty and name.
import { dateOf, toShanghaiIso } from '../domain/time.js';
import type { PolicyProvider } from '../policy/provider.js';
import type { Registry, ReportedResult } from '../registry/registry.js';
import type { Committee } from '../rules/index.js';

export interface CommitteeReportRow {
  /** Null for a client that did not submit the application (see forClient). */
  applicationId: string | null;
  applicant: { name: string };
  unit: { name: string };
  qualification: { series: string; specialty: string; level: string };
  /** Against and abstain are null for votes recorded without a separate count of no-votes. */
  votes: { for: number; against: number | null; abstain: number | null };
  /** As reported: the vote's result, or revoked after an upheld objection at the result publicity. */
  result: ReportedResult;
  /** When the committee reported it (ISO 8601, +08:00). */
  reportedAt: string;
}

export interface CommitteeReport {
  /**
   * `reportedAt` is the latest report of the day's results and `reportedOn` its date (the date the
   * report is signed): the same records give the same report whenever it is asked for.
   */
  committee: { id: string; name: string; session: string; meetingDate: string; membersTotal: number; membersPresent: number; reportedOn: string; reportedAt: string };
  results: CommitteeReportRow[];
}

const LEVEL_ORDER = ['senior', 'associate-senior', 'intermediate', 'junior'];
const collator = new Intl.Collator('zh-CN');

/** The committee of an id in any shipped policy (the active one first). */
export function findCommittee(policies: PolicyProvider, id: string): Committee | undefined {
  for (const policyId of [policies.activeId, ...policies.ids()]) {
    const found = policies.get(policyId).committees.find((c) => c.id === id);
    if (found) return found;
  }
  return undefined;
}

/**
 * The report as a client of the API sees it: the ids of applications it did not submit are left
 * out (null), since it may not open them; names, units and votes are the report's public content.
 */
export function forClient(report: CommitteeReport, callers: ReadonlyMap<string, string | null>, client: string): CommitteeReport {
  return { ...report, results: report.results.map((r) => (r.applicationId !== null && callers.get(r.applicationId) === client ? r : { ...r, applicationId: null })) };
}

/** The submitting client of each application the committee reported of its meeting on `date`. */
export async function reportCallers(deps: { registry: Pick<Registry, 'reportedResults'> }, committeeId: string, date: string): Promise<Map<string, string | null>> {
  return new Map((await deps.registry.reportedResults(committeeId, date)).map((r) => [r.application_id, r.caller]));
}

/**
 * The report of the results `committee` reported of its meeting on `date` (YYYY-MM-DD, Asia/Shanghai),
 * or null when it reported none of that day.
 */
export async function committeeReport(deps: { registry: Pick<Registry, 'reportedResults'> }, committee: Committee, date: string): Promise<CommitteeReport | null> {
  const reported = await deps.registry.reportedResults(committee.id, date);
  // An application reported twice (a step run again) is in the report as reported last.
  const last = new Map(reported.map((r) => [r.application_id, r]));
  if (last.size === 0) return null;
  const results: CommitteeReportRow[] = [...last.values()]
    .map((r) => ({
      applicationId: r.application_id,
      applicant: { name: r.applicant_name },
      unit: { name: r.unit_name },
      qualification: { series: r.series, specialty: r.specialty, level: r.level },
      votes: { for: r.yes, against: r.against, abstain: r.abstain },
      result: r.result,
      reportedAt: toShanghaiIso(new Date(r.reported_at)),
    }))
    .sort(
      (x, y) =>
        LEVEL_ORDER.indexOf(x.qualification.level) - LEVEL_ORDER.indexOf(y.qualification.level) ||
        collator.compare(x.qualification.series, y.qualification.series) ||
        collator.compare(x.qualification.specialty, y.qualification.specialty) ||
        collator.compare(x.applicant.name, y.applicant.name) ||
        x.applicationId.localeCompare(y.applicationId),
    );
  const [year, month, day] = date.split('-').map(Number);
  const counts = [...last.values()];
  const latest = new Date(Math.max(...counts.map((c) => new Date(c.reported_at).getTime())));
  return {
    committee: {
      id: committee.id,
      name: committee.name,
      session: `${year}年${month}月${day}日评审会议`,
      meetingDate: date,
      // Members recused for one application are not present for it: the meeting's figures are the largest.
      membersTotal: Math.max(...counts.map((c) => c.members)),
      membersPresent: Math.max(...counts.map((c) => c.present)),
      reportedOn: dateOf(latest),
      reportedAt: toShanghaiIso(latest),
    },
    results,
  };
}
