// The committee's result report of a meeting day (评审结果报告): every vote the committee recorded
// that day, from the engine's history (the `voteSession` variable record-vote sets), as the data of
// templates/committee-report.hbs. Rows are ordered by level, series, specialty and name.
import { z } from 'zod';
import { applicationSchema } from '../domain/application.js';
import { dateOf } from '../domain/time.js';
import type { CamundaRest } from '../engine/camunda-rest.js';
import type { PolicyProvider } from '../policies.js';
import type { Committee } from '../rules/index.js';
import { sessionKey } from '../topics/record-vote.js';

const voteSchema = z.object({
  members: z.number(),
  present: z.number(),
  yes: z.number(),
  against: z.number().nullish(),
  abstain: z.number().nullish(),
  passed: z.boolean(),
  decidedOn: z.string(),
});

export interface CommitteeReportRow {
  applicationId: string;
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

/** The report of `committee`'s votes on `date` (YYYY-MM-DD, Asia/Shanghai), or null when it recorded no vote that day. */
export async function committeeReport(
  deps: { rest: CamundaRest; clock: () => Date },
  committee: Committee,
  date: string,
): Promise<CommitteeReport | null> {
  const committeeId = committee.id;
  const instances = await deps.rest.historicInstancesWithVariable('voteSession', sessionKey(committeeId, date));
  // The committee phase and, once it ended, its top-level instance both hold the vote: one row per application.
  const byInstance = await deps.rest.historicVariablesByInstance(instances, ['applicationId', 'application', 'vote']);
  const rows = new Map<string, CommitteeReportRow>();
  const counts: Array<z.infer<typeof voteSchema>> = [];
  for (const vars of byInstance.values()) {
    const applicationId = String(vars.applicationId ?? '');
    const application = applicationSchema.safeParse(vars.application);
    const vote = voteSchema.safeParse(vars.vote);
    if (!applicationId || rows.has(applicationId) || !application.success || !vote.success) continue;
    const a = application.data;
    counts.push(vote.data);
    rows.set(applicationId, {
      applicationId,
      applicant: { name: a.applicant.name },
      unit: { name: a.unit.name },
      qualification: { series: a.qualification.series, specialty: a.qualification.specialty, level: a.qualification.level },
      votes: { for: vote.data.yes, against: vote.data.against ?? null, abstain: vote.data.abstain ?? null },
      result: vote.data.passed ? 'passed' : 'failed',
    });
  }
  if (rows.size === 0) return null;
  const results = [...rows.values()].sort(
    (x, y) =>
      LEVEL_ORDER.indexOf(x.qualification.level) - LEVEL_ORDER.indexOf(y.qualification.level) ||
      collator.compare(x.qualification.series, y.qualification.series) ||
      collator.compare(x.qualification.specialty, y.qualification.specialty) ||
      collator.compare(x.applicant.name, y.applicant.name) ||
      x.applicationId.localeCompare(y.applicationId),
  );
  const [year, month, day] = date.split('-').map(Number);
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
