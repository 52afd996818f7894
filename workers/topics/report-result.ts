// Result report (SPEC 2.10; notice 三（八）: 各职称评审委员会向省人社厅报告评审结果): the committee
// reports the application's result to the provincial HR department. The report is a registry
// record (committee, meeting day, application, result, when), which the committee's report of a
// meeting day (GET /api/committees/{id}/reports/{date}) reads; `resultReport` repeats it for the
// engine's history. The result is the step's path in its diagram (the step parameter
// `reportedResult`: passed, failed, or revoked after an upheld objection at the result publicity);
// the committee and the meeting day are those of the application's vote in the registry, which must
// agree with the path: a wrongly wired step becomes an incident, not a wrong report.
import { z } from 'zod';
import { toShanghaiIso } from '../domain/time.js';
import type { ReportedResult, ReportFacts, Registry } from '../registry/registry.js';
import { defineHandler } from '../runtime/handler.js';
import { complete, PermanentError } from '../runtime/outcome.js';

export const topic = 'report-result';

export const REPORTED_RESULTS = ['passed', 'failed', 'revoked'] as const satisfies readonly ReportedResult[];

export const input = z.object({
  /** The step's input parameter; absent on the report steps of diagrams deployed before it, which all report a pass. */
  reportedResult: z.enum(REPORTED_RESULTS).nullish(),
});

/** What is reported: the committee and vote the path's result stands on, or why it cannot be reported. */
export function reportOf(result: ReportedResult, facts: ReportFacts): { committeeId: string; meetingDate: string | null; voteId: string | null } | { problem: string } {
  const { vote } = facts;
  if (!vote && !facts.waived) return { problem: 'the registry holds no committee vote of the application and no waiver of it: there is no result to report' };
  const passedByCommittee = vote ? vote.passed : true;
  if (result === 'failed' && passedByCommittee) return { problem: 'the step reports a failed result, but the committee passed the application' };
  if (result !== 'failed' && !passedByCommittee) return { problem: `the step reports a ${result} result, but the committee's vote failed the application` };
  const committeeId = vote?.committeeId ?? facts.committeeId;
  if (!committeeId) return { problem: 'the application has no committee in the registry' };
  return { committeeId, meetingDate: vote?.meetingDate ?? null, voteId: vote?.id ?? null };
}

export const createReportResult = (deps: { registry: Pick<Registry, 'reportFacts' | 'recordReport' | 'certificateOf'>; clock: () => Date }) =>
  defineHandler({
    topic,
    description: "Records the committee's result report to the provincial HR department (上报结果) in the registry",
    input,
    outputs: ['resultReport'],
    parameters: [{ name: 'reportedResult', label: 'Result reported', description: `The result of the step's path: ${REPORTED_RESULTS.join(', ')}`, choices: REPORTED_RESULTS }],
    async handle({ reportedResult }, ctx) {
      const applicationId = ctx.businessKey;
      if (!applicationId) throw new PermanentError('the instance has no business key (the application id): nothing can be reported');
      const result = reportedResult ?? 'passed';
      const report = reportOf(result, await deps.registry.reportFacts(applicationId));
      if ('problem' in report) throw new PermanentError(`result report of ${applicationId}: ${report.problem}`);
      const certificateNumber = result === 'passed' ? ((await deps.registry.certificateOf(applicationId))?.number ?? null) : null;
      const resultReport = { applicationId, committeeId: report.committeeId, meetingDate: report.meetingDate, result, passed: result === 'passed', certificateNumber };
      const recorded = await deps.registry.recordReport(
        applicationId,
        { ...report, result, reportedAt: deps.clock() },
        `${ctx.taskId}:reported`,
        { kind: 'reported', step: 'report-result', name: '上报结果 Result reported', decision: result, data: resultReport },
      );
      return complete({ resultReport: { ...resultReport, reportedAt: toShanghaiIso(recorded.reportedAt) } });
    },
  });
