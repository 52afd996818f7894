// The committee's result report of a meeting day (评审结果报告): every vote the committee recorded
// that day, from the registry's votes, as the data of templates/committee-report.hbs. Rows are
// ordered by level, series, specialty and name.
import { dateOf } from '../domain/time.js';
import type { PolicyProvider } from '../policies.js';
import type { Registry } from '../registry/registry.js';
import type { Committee } from '../rules/index.js';

export interface CommitteeReportRow {
  /** Null for a client that did not submit the application (see forClient). */
  applicationId: string | null;
  applicant: { name: string };
  unit: { name: string };
  qualification: { series: string; specialty: string; level: string };
  /** Against and abstain are null for votes recorded without a separate count of no-votes. */
  votes: { for: number; against: number | null; abstain: number | null };
  result: 'passed' | 'failed';
}

export interface CommitteeReport {
  committee: { id: string; name: string; session: string; meetingDate: string; membersTotal: number; membersPresent: number; reportedOn: string };
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

/** The submitting client of each application of a committee's votes on `date`. */
export async function reportCallers(deps: { registry: Pick<Registry, 'votesOn'> }, committeeId: string, date: string): Promise<Map<string, string | null>> {
  return new Map((await deps.registry.votesOn(committeeId, date)).map((v) => [v.application_id, v.caller]));
}

/** The report of `committee`'s votes on `date` (YYYY-MM-DD, Asia/Shanghai), or null when it recorded no vote that day. */
export async function committeeReport(deps: { registry: Pick<Registry, 'votesOn'>; clock: () => Date }, committee: Committee, date: string): Promise<CommitteeReport | null> {
  const votes = await deps.registry.votesOn(committee.id, date);
  // An application voted twice on one day (a recount) is reported with its last vote.
  const last = new Map(votes.map((v) => [v.application_id, v]));
  if (last.size === 0) return null;
  const results: CommitteeReportRow[] = [...last.values()]
    .map((v) => ({
      applicationId: v.application_id,
      applicant: { name: v.applicant_name },
      unit: { name: v.unit_name },
      qualification: { series: v.series, specialty: v.specialty, level: v.level },
      votes: { for: v.yes, against: v.against, abstain: v.abstain },
      result: v.passed ? ('passed' as const) : ('failed' as const),
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
  return {
    committee: {
      id: committee.id,
      name: committee.name,
      session: `${year}年${month}月${day}日评审会议`,
      meetingDate: date,
      // Members recused for one application are not present for it: the meeting's figures are the largest.
      membersTotal: Math.max(...counts.map((c) => c.members)),
      membersPresent: Math.max(...counts.map((c) => c.present)),
      reportedOn: dateOf(deps.clock()),
    },
    results,
  };
}
