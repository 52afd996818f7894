// The result report step (SPEC 2.10, notice 三（八）: 各职称评审委员会向省人社厅报告评审结果) on the
// registry (PGlite): it records the committee's report of the application's result, and the
// committee's report of a meeting day reads those records, not the votes.
import { recordOf } from '../support/registry-records.js';
import { committeeReport, reportCallers } from '../../workers/applications/committee-report.js';
import type { CamundaRest } from '../../workers/adapters/camunda7/rest-client.js';
import { createLogger } from '../../workers/log.js';
import { openRegistryDatabase, type RegistryDatabase } from '../../workers/registry/db.js';
import { importFromHistory } from '../../workers/applications/import-history.js';
import { Registry, type NewApplication } from '../../workers/registry/registry.js';
import { PermanentError } from '../../workers/runtime/outcome.js';
import { createReportResult } from '../../workers/topics/report-result.js';
import { newApplication } from '../support/applications.js';
import { createHandlerContext } from '../support/handler-context.js';

let database: RegistryDatabase;
let registry: Registry;
// 2024-06-25 10:00 in Changchun.
let now = new Date('2024-06-25T02:00:00Z');
const clock = () => now;
const committee = { id: 'jl-engineering-intermediate', name: '吉林省工程系列中级职称评审委员会' } as Parameters<typeof committeeReport>[1];
const MEETING = '2024-06-18';

beforeAll(async () => {
  database = await openRegistryDatabase({ dir: 'memory://' });
  registry = new Registry(database.db, clock);
}, 60_000);
afterAll(() => database?.close());

async function application(over: Partial<NewApplication> = {}): Promise<string> {
  const record = recordOf(now, { application: {}, ...over });
  const id = record.id;
  await registry.createApplication(record);
  await registry.record(id, { kind: 'assigned' }, `${id}:assigned`, { committee_id: committee.id });
  return id;
}

const vote = (id: string, passed: boolean, key = `${id}:vote`, yes = passed ? 10 : 6) =>
  registry.recordVote(id, { committeeId: committee.id, meetingDate: MEETING, members: 15, present: 12, yes, against: 12 - yes, abstain: 0, passed }, key);

const report = (id: string, reportedResult: string | undefined, taskId = `report-${id}`) => {
  const handler = createReportResult({ registry, clock });
  return handler.handle(handler.input.parse(reportedResult === undefined ? {} : { reportedResult }), createHandlerContext({ taskId, businessKey: id }));
};
const reportOfMeeting = () => committeeReport({ registry }, committee, MEETING);

describe('report-result (上报结果)', () => {
  it('三（八）, SPEC 2.10: a vote is in its committee\'s report only once the report step has reported it, with when', async () => {
    const passed = await application();
    const failed = await application();
    await vote(passed, true);
    await vote(failed, false);
    // Voted, not yet reported: the meeting has no report.
    expect(await reportOfMeeting()).toBeNull();

    now = new Date('2024-06-18T08:00:00Z');
    expect(await report(failed, 'failed')).toEqual({
      kind: 'complete',
      variables: { resultReport: { applicationId: failed, committeeId: committee.id, meetingDate: MEETING, result: 'failed', passed: false, certificateNumber: null, reportedAt: '2024-06-18T16:00:00+08:00' } },
    });
    const first = await reportOfMeeting();
    expect(first?.results.map((r) => [r.applicationId, r.result, r.reportedAt])).toEqual([[failed, 'failed', '2024-06-18T16:00:00+08:00']]);
    // The passed vote is still at its publicity: not reported, not in the report.
    expect(first?.results.find((r) => r.applicationId === passed)).toBeUndefined();

    now = new Date('2024-06-27T02:00:00Z');
    await report(passed, 'passed');
    const full = await reportOfMeeting();
    expect(full?.committee).toMatchObject({ id: committee.id, meetingDate: MEETING, membersTotal: 15, membersPresent: 12, reportedAt: '2024-06-27T10:00:00+08:00', reportedOn: '2024-06-27' });
    expect(full?.results).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ applicationId: passed, result: 'passed', votes: { for: 10, against: 2, abstain: 0 }, reportedAt: '2024-06-27T10:00:00+08:00' }),
        expect.objectContaining({ applicationId: failed, result: 'failed', votes: { for: 6, against: 6, abstain: 0 } }),
      ]),
    );
    expect(full?.results).toHaveLength(2);
    expect(await reportCallers({ registry }, committee.id, MEETING)).toEqual(new Map([[passed, 'portal-a'], [failed, 'portal-a']]));
    // Another day of the committee is another report.
    expect(await committeeReport({ registry }, committee, '2024-06-19')).toBeNull();
    // The progress history says so too.
    expect((await registry.events(passed)).filter((e) => e.kind === 'reported').map((e) => e.decision)).toEqual(['passed']);
  });

  it('三（八）: a retried report step reports once, with the first report\'s time', async () => {
    const id = await application();
    await vote(id, true);
    now = new Date('2024-06-28T02:00:00Z');
    const first = await report(id, 'passed', 'task-retried');
    now = new Date('2024-06-28T03:00:00Z');
    expect(await report(id, 'passed', 'task-retried')).toEqual(first);
    expect((await reportOfMeeting())?.results.filter((r) => r.applicationId === id)).toHaveLength(1);
    expect((await registry.events(id)).filter((e) => e.kind === 'reported')).toHaveLength(1);
  });

  it('三（八）: a result revoked on an upheld objection at the publicity is reported as revoked', async () => {
    const id = await application();
    await vote(id, true);
    await report(id, 'revoked');
    expect((await reportOfMeeting())?.results.find((r) => r.applicationId === id)).toMatchObject({ result: 'revoked', votes: { for: 10 } });
  });

  it('三（八）: a recounted application is reported with its last vote', async () => {
    const id = await application();
    await vote(id, false, `${id}:first`, 7);
    await vote(id, true, `${id}:recount`, 9);
    await report(id, 'passed');
    expect((await reportOfMeeting())?.results.find((r) => r.applicationId === id)).toMatchObject({ result: 'passed', votes: { for: 9 } });
  });

  it('SPEC 2.10: a step whose path disagrees with the recorded vote, or without a vote, reports nothing and becomes an incident', async () => {
    const passed = await application();
    await vote(passed, true);
    await expect(report(passed, 'failed')).rejects.toThrow(PermanentError);
    const failed = await application();
    await vote(failed, false);
    await expect(report(failed, 'revoked')).rejects.toThrow(/the committee's vote failed the application/);
    // Diagrams deployed before the step named its result have it on the certified path only: a pass.
    await expect(report(failed, undefined)).rejects.toThrow(/a passed result, but the committee's vote failed/);
    const none = await application();
    await expect(report(none, 'passed')).rejects.toThrow(/no committee vote/);
    for (const id of [passed, failed, none]) expect((await registry.events(id)).filter((e) => e.kind === 'reported')).toEqual([]);
    expect((await reportOfMeeting())?.results.map((r) => r.applicationId)).not.toEqual(expect.arrayContaining([passed]));
    await expect(report('JL2024-NOSUCHAPPX', 'passed')).rejects.toThrow(/not in the registry/);
  });

  it('三（八）: a 初级认定 passed without a vote is reported by its committee with no meeting day, so in no meeting\'s report', async () => {
    const id = await application();
    await registry.record(id, { kind: 'decision', step: 'waive-vote', decision: 'no-vote-needed' }, `${id}:waived`);
    expect(await report(id, 'passed')).toMatchObject({ variables: { resultReport: { committeeId: committee.id, meetingDate: null, result: 'passed' } } });
    expect((await registry.events(id)).filter((e) => e.kind === 'reported')).toHaveLength(1);
  });

  it('三（八）: applications imported from the engine history keep the results their committee reported', async () => {
    const ended = (id: string, endActivityId: string) => ({ id: `pi-${id}`, processDefinitionKey: 'title-regular', businessKey: id, state: 'COMPLETED', endActivityId, startTime: '2024-05-01T09:00:00.000+08:00', endTime: '2024-06-18T17:00:00.000+08:00' });
    const variables = (passed: boolean, extra: Record<string, unknown> = {}) => ({
      application: { ...newApplication(), submittedAt: '2024-05-01T09:00:00+08:00' },
      policyId: '2024',
      committeeId: committee.id,
      vote: { committeeId: committee.id, decidedOn: MEETING, members: 15, present: 12, yes: passed ? 11 : 4, against: passed ? 1 : 8, passed },
      ...extra,
    });
    const [failedId, certifiedId] = ['JL2024-IMPORTFAIL', 'JL2024-IMPORTCERT'];
    const roots = [ended(failedId, 'failed'), ended(certifiedId, 'certified')];
    const vars: Record<string, Record<string, unknown>> = { [`pi-${failedId}`]: variables(false), [`pi-${certifiedId}`]: variables(true, { resultReport: { passed: true, reportedAt: '2024-06-27T10:00:00+08:00' } }) };
    const rest = {
      request: async (_method: string, url: string) => (url.startsWith('/history/process-instance') && url.includes('firstResult=0') ? roots : []),
      historicVariables: async (instanceId: string) => vars[instanceId],
      tasks: async () => [],
      candidateGroups: async () => [],
    } as unknown as CamundaRest;
    const imported = await importFromHistory({ rest, registry, db: database.db, log: createLogger('silent') });
    expect(imported).toMatchObject({ imported: 2, skipped: [] });
    const rows = (await reportOfMeeting())?.results.filter((r) => [failedId, certifiedId].includes(r.applicationId ?? ''));
    expect(rows?.map((r) => [r.applicationId, r.result, r.reportedAt]).sort()).toEqual([
      [certifiedId, 'passed', '2024-06-27T10:00:00+08:00'],
      [failedId, 'failed', '2024-06-18T17:00:00+08:00'],
    ]);
    // Run again, it imports and reports nothing twice.
    await importFromHistory({ rest, registry, db: database.db, log: createLogger('silent') });
    expect((await reportOfMeeting())?.results.filter((r) => [failedId, certifiedId].includes(r.applicationId ?? ''))).toHaveLength(2);
  });
});
