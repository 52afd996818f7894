// The registry on PGlite (the embedded store): its constraints are the product's invariants. The
// same migrations and queries run on PostgreSQL in the integration tests.
import { recordOf } from '../support/registry-records.js';
import { Kysely, Migrator, sql } from 'kysely';
import { openRegistryDatabase, migrate, type RegistryDatabase } from '../../workers/registry/db.js';
import { migrationProvider } from '../../workers/registry/migrations.js';
import { PgliteDialect } from '../../workers/registry/pglite-dialect.js';
import { MeetingExistsError, Registry, type NewApplication } from '../../workers/registry/registry.js';
import type { Database } from '../../workers/registry/schema.js';

let database: RegistryDatabase;
let registry: Registry;
let now = new Date('2024-01-15T02:00:00Z');

// PGlite compiles its WebAssembly on first open: seconds on a busy machine, so the hook waits for it.
beforeAll(async () => {
  database = await openRegistryDatabase({ dir: 'memory://' });
  registry = new Registry(database.db, () => now);
}, 60_000);
afterAll(() => database?.close());

const application = (over: Partial<NewApplication> = {}): NewApplication => recordOf(now, { applicantName: '张三', ...over });

describe('registry', () => {
  it('migrates once: a second run applies nothing', async () => {
    expect(await migrate(database.db)).toEqual([]);
  });

  it('keeps one live application per applicant, year and category, as a database fact', async () => {
    const first = application({ applicantKey: 'same' });
    expect(await registry.createApplication(first)).toEqual({ kind: 'created', id: first.id });
    expect(await registry.createApplication(application({ applicantKey: 'same' }))).toEqual({ kind: 'live-exists', id: first.id });
    // Another category or year is another application.
    expect((await registry.createApplication(application({ applicantKey: 'same', category: 'k12-senior' }))).kind).toBe('created');
    expect((await registry.createApplication(application({ applicantKey: 'same', year: 2025 }))).kind).toBe('created');
    // Once it has ended, the applicant may apply again.
    await registry.finish(first.id, 'withdrawn', `${first.id}:end`, { missedLevel: 'unit' });
    expect((await registry.createApplication(application({ applicantKey: 'same' }))).kind).toBe('created');
    // And the database itself refuses a second live row, whoever inserts it.
    await expect(sql`INSERT INTO applications (id, applicant_key, applicant_name, year, category, series, specialty, level, unit_name, unit_credit_code, state, policy_id, engine, application, submitted_at, updated_at)
      VALUES ('JL2024-XXXXXXXXXX', 'same', 'x', 2024, 'regular', 's', 's', 'junior', 'u', 'c', 'submitted', '2024', 'camunda7', '{}', now(), now())`.execute(database.db)).rejects.toThrow(/applications_one_live/);
  });

  it('answers an idempotency key with its first application, and refuses it for another body', async () => {
    const a = application();
    expect((await registry.createApplication(a, { key: 'k1', fingerprint: 'f1' })).kind).toBe('created');
    await registry.markStarted(a.id, 'pi-1');
    expect(await registry.idempotent('k1', 'f1')).toEqual({ kind: 'replay', id: a.id, processInstanceId: 'pi-1', state: 'submitted' });
    expect(await registry.idempotent('k1', 'other')).toEqual({ kind: 'key-reused' });
    // The same key inserted again (a concurrent retry that missed the first lookup) replays.
    expect(await registry.createApplication(application(), { key: 'k1', fingerprint: 'f1' })).toMatchObject({ kind: 'replay', id: a.id });
    expect(await registry.createApplication(application(), { key: 'k1', fingerprint: 'f2' })).toEqual({ kind: 'key-reused' });
  });

  it('records an event and its change once per dedupe key', async () => {
    const a = application();
    await registry.createApplication(a);
    expect(await registry.openStep(a.id, { state: 'in-review', step: 'unit-review-task', name: '单位审核', office: 'unit-x', deadline: '2024-02-09T00:00:00+08:00' }, 't1:opened')).toBe(true);
    expect(await registry.openStep(a.id, { state: 'in-review', step: 'unit-review-task', name: '单位审核', office: 'unit-x' }, 't1:opened')).toBe(false);
    const row = await registry.application(a.id);
    expect(row).toMatchObject({ state: 'in-review', current_step: 'unit-review-task', current_office: 'unit-x' });
    expect(row?.current_deadline?.toISOString()).toBe('2024-02-08T16:00:00.000Z');
    expect((await registry.events(a.id)).map((e) => e.kind)).toEqual(['submitted', 'step-opened']);
    // An ended application keeps its end state when a late step is recorded.
    await registry.finish(a.id, 'rejected', 't2:end');
    await registry.openStep(a.id, { state: 'in-review', step: 'level-review-task', name: 'late' }, 't3:opened');
    expect(await registry.application(a.id)).toMatchObject({ state: 'rejected', live: false, current_step: null });
    await expect(registry.record('JL2024-NOSUCHAPPX', { kind: 'x' }, null)).rejects.toThrow(/not in the registry/);
  });

  it('opens a wait once the flow reached it: pending until then, recorded once, and found when its worker died before recording it', async () => {
    const a = application();
    await registry.createApplication(a);
    const returned = { state: 'returned', step: 'await-correction', name: '退回补正', office: 'unit-x', level: 'unit' } as const;
    await registry.pendStep(a.id, returned, 'w1:returned');
    await registry.pendStep(a.id, { ...returned, office: 'another' }, 'w1:returned');
    // Not yet waiting: the registry says nothing of the wait before the flow stands in it.
    expect(await registry.application(a.id)).toMatchObject({ state: 'starting', current_step: null });
    expect(await registry.stepsPendingSince(new Date(now.getTime() + 1))).toEqual(['w1:returned']);
    expect(await registry.stepsPendingSince(now)).toEqual([]);
    await registry.stepReached('w1:returned');
    await registry.stepReached('w1:returned');
    expect(await registry.application(a.id)).toMatchObject({ state: 'returned', current_step: 'await-correction', current_office: 'unit-x' });
    expect((await registry.events(a.id)).filter((e) => e.kind === 'step-opened')).toHaveLength(1);
    expect(await registry.stepsPendingSince(new Date(now.getTime() + 1))).toEqual([]);
    // A wait with a task between (the publicity form is made first): opened by the next task's completion, not its own.
    const publicity = { state: 'in-publicity', step: 'result-publicity', name: '结果公示', office: 'committee-x' } as const;
    await registry.pendStep(a.id, publicity, 'w2:opened', {}, true);
    await registry.stepsReachedBy('w2', a.id);
    expect(await registry.application(a.id)).toMatchObject({ state: 'returned' });
    await registry.stepsReachedBy('w3', a.id);
    expect(await registry.application(a.id)).toMatchObject({ state: 'in-publicity', current_step: 'result-publicity' });
  });

  it('issues one certificate per application, numbered per office and year without gaps', async () => {
    const [a, b] = [application(), application()];
    await registry.createApplication(a);
    await registry.createApplication(b);
    let code = 0;
    const request = (applicationId: string, office = 'C02') => ({
      applicationId,
      kind: 'certificate',
      office,
      year: 2024,
      committeeId: 'jl-engineering-intermediate',
      committeeGroup: 'committee-jl-engineering-intermediate',
      make: (n: { office: string; year: number; seq: number }) => ({ number: `${n.year}-${n.office}-${String(n.seq).padStart(6, '0')}`, verificationCode: `CODE${++code}`.padEnd(20, 'X'), data: { holder: '张三' } }),
    });
    const first = await registry.issueCertificate(request(a.id));
    expect(first).toMatchObject({ number: '2024-C02-000001', status: 'valid', applicationId: a.id });
    // A retry gets the same certificate back; no number is spent on it.
    expect(await registry.issueCertificate(request(a.id))).toEqual(first);
    expect((await registry.issueCertificate(request(b.id))).number).toBe('2024-C02-000002');
    expect(await registry.certificateByCode(first.verificationCode)).toEqual(first);
    expect(await registry.certificateByCode('NOSUCHCODE')).toBeNull();

    expect(await registry.claimObjection(first.verificationCode)).toBe(true);
    expect(await registry.claimObjection(first.verificationCode)).toBe(false);
    const revoked = await registry.revokeCertificate(first.verificationCode, { finding: '伪造' });
    expect(revoked).toMatchObject({ status: 'revoked' });
    expect(await registry.application(a.id)).toMatchObject({ state: 'revoked' });
    expect(await registry.claimObjection(first.verificationCode)).toBe(false);
  });

  it('records a payment transaction once, for one application', async () => {
    const [a, b] = [application(), application()];
    await registry.createApplication(a);
    await registry.createApplication(b);
    const payment = { transactionId: 'T-1', amount: 180, currency: 'CNY', paidAt: '2024-03-01T10:00:00+08:00' };
    expect(await registry.recordPayment(a.id, payment)).toEqual({ kind: 'recorded' });
    expect(await registry.recordPayment(a.id, payment)).toEqual({ kind: 'replay', applicationId: a.id });
    expect(await registry.recordPayment(b.id, payment)).toEqual({ kind: 'transaction-reused', applicationId: a.id });
    expect(await registry.application(a.id)).toMatchObject({ fee_state: 'paid' });
  });

  it('files votes under their committee and meeting day', async () => {
    const a = application();
    await registry.createApplication(a);
    const vote = { committeeId: 'c1', meetingDate: '2024-06-18', members: 15, present: 12, yes: 9, against: 2, abstain: 1, passed: true };
    await registry.recordVote(a.id, vote, 'v1');
    await registry.recordVote(a.id, vote, 'v1');
    const votes = await registry.votesOn('c1', '2024-06-18');
    expect(votes).toHaveLength(1);
    expect(votes[0]).toMatchObject({ application_id: a.id, yes: 9, passed: true, applicant_name: '张三' });
    expect(await registry.votesOn('c1', '2024-06-19')).toEqual([]);
  });

  it('三（八）, SPEC 2.10: keeps a committee\'s result reports, one per report task; a meeting\'s report holds only what was reported', async () => {
    const [a, b] = [application(), application()];
    await registry.createApplication(a);
    await registry.createApplication(b);
    const vote = { committeeId: 'c2', meetingDate: '2024-06-18', members: 15, present: 12, yes: 9, against: 2, abstain: 1, passed: true };
    await registry.recordVote(a.id, vote, `${a.id}:vote`);
    await registry.recordVote(b.id, { ...vote, yes: 5, against: 6, passed: false }, `${b.id}:vote`);
    expect(await registry.reportedResults('c2', '2024-06-18')).toEqual([]);
    const facts = await registry.reportFacts(b.id);
    expect(facts).toMatchObject({ vote: { committeeId: 'c2', meetingDate: '2024-06-18', passed: false }, waived: false });
    const reported = { committeeId: 'c2', meetingDate: '2024-06-18', voteId: facts.vote!.id, result: 'failed' as const, reportedAt: new Date('2024-06-18T08:00:00Z') };
    const event = { kind: 'reported', step: 'report-result', decision: 'failed' };
    expect(await registry.recordReport(b.id, reported, 't9:reported', event)).toEqual({ reportedAt: new Date('2024-06-18T08:00:00Z') });
    // The same task again: nothing new, the first report's time.
    expect(await registry.recordReport(b.id, { ...reported, reportedAt: new Date('2024-06-19T08:00:00Z') }, 't9:reported', event)).toEqual({ reportedAt: new Date('2024-06-18T08:00:00Z') });
    const rows = await registry.reportedResults('c2', '2024-06-18');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ application_id: b.id, result: 'failed', yes: 5, applicant_name: '张三', caller: 'portal-a' });
    expect((await registry.events(b.id)).filter((e) => e.kind === 'reported')).toHaveLength(1);
    // A result outside the three, or a meeting day without its vote, is refused by the database.
    await expect(registry.recordReport(a.id, { ...reported, result: 'pending' as never }, 't10:reported', event)).rejects.toThrow();
    await expect(registry.recordReport(a.id, { ...reported, voteId: null }, 't11:reported', event)).rejects.toThrow();
  });

  it('三（八）: upgrading, the reports of meeting days keep the results reported or ended failed or revoked before', async () => {
    const { PGlite } = await import('@electric-sql/pglite');
    const db = new Kysely<Database>({ dialect: new PgliteDialect(await PGlite.create()) });
    try {
      await new Migrator({ db, provider: migrationProvider }).migrateTo('0002-office-lists');
      const old = new Registry(db, () => now);
      const [certified, failed, revoked, live] = [application(), application(), application(), application()];
      for (const a of [certified, failed, revoked, live]) {
        await old.createApplication(a);
        await old.recordVote(a.id, { committeeId: 'c3', meetingDate: '2024-06-18', members: 15, present: 12, yes: a === failed ? 5 : 10, against: 2, abstain: 0, passed: a !== failed }, `${a.id}:vote`);
      }
      await old.record(certified.id, { kind: 'reported', step: 'report-result', decision: 'passed', data: { passed: true } }, 'old-task:reported');
      await old.finish(certified.id, 'certified', `${certified.id}:end`);
      await old.finish(failed.id, 'failed', `${failed.id}:end`);
      await old.finish(revoked.id, 'revoked', `${revoked.id}:end`);
      expect(await migrate(db)).toEqual(['0003-committee-reports', '0004-correction-claims', '0005-pending-steps', '0006-materials', '0007-material-openings', '0008-material-deletions', '0009-material-replacements', '0010-committee-meetings']);
      const rows = await old.reportedResults('c3', '2024-06-18');
      expect(rows.map((r) => [r.application_id, r.result]).sort()).toEqual([[certified.id, 'passed'], [failed.id, 'failed'], [revoked.id, 'revoked']].sort());
      // The report step of a task that ran before the upgrade, run again, reports nothing twice.
      const facts = await old.reportFacts(certified.id);
      await old.recordReport(certified.id, { committeeId: 'c3', meetingDate: '2024-06-18', voteId: facts.vote!.id, result: 'passed', reportedAt: now }, 'old-task:reported', { kind: 'reported' });
      expect(await old.reportedResults('c3', '2024-06-18')).toHaveLength(3);
    } finally {
      await db.destroy();
    }
  }, 60_000);

  it('三（五）: a committee records a meeting once per day; its votes name it and are counted', async () => {
    const m = await registry.recordMeeting({ committeeId: 'cm1', date: '2024-01-12', members: 15, present: 12, recordedBy: 'engineering-committee' });
    expect(m).toMatchObject({ committeeId: 'cm1', date: '2024-01-12', members: 15, present: 12, recordedBy: 'engineering-committee', votes: 0 });
    const again = await registry.recordMeeting({ committeeId: 'cm1', date: '2024-01-12', members: 15, present: 13, recordedBy: 'x' }).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(MeetingExistsError);
    expect((again as MeetingExistsError).meeting).toMatchObject({ id: m.id, present: 12 });
    // Another committee may meet the same day; the latest meeting comes first.
    await registry.recordMeeting({ committeeId: 'cm2', date: '2024-01-12', members: 9, present: 9, recordedBy: 'y' });
    const later = await registry.recordMeeting({ committeeId: 'cm1', date: '2024-01-14', members: 15, present: 10, recordedBy: 'engineering-committee' });
    const a = application();
    await registry.createApplication(a);
    await registry.recordVote(a.id, { committeeId: 'cm1', meetingId: m.id, meetingDate: m.date, recused: 1, members: 15, present: 11, yes: 9, against: 1, abstain: 1, passed: true }, `${a.id}:vote`);
    expect((await registry.meetingsOf('cm1')).map((x) => [x.id, x.votes])).toEqual([[later.id, 0], [m.id, 1]]);
    expect(await registry.meeting('not-a-number')).toBeNull();
    expect(await registry.meeting(m.id)).toMatchObject({ committeeId: 'cm1', votes: 1 });
    // The database refuses a meeting with more present than members, whoever inserts it.
    await expect(sql`INSERT INTO committee_meetings (committee_id, meeting_date, members, present, recorded_by, recorded_at) VALUES ('cm3', '2024-01-12', 5, 6, 'z', now())`.execute(database.db)).rejects.toThrow(/check/i);
  });

  it('starts again what was accepted but not started', async () => {
    const a = application();
    await registry.createApplication(a);
    now = new Date(now.getTime() + 60_000);
    expect((await registry.pendingStarts(new Date(now.getTime() - 30_000))).map((r) => r.id)).toContain(a.id);
    await registry.markStarted(a.id, 'pi-9');
    expect((await registry.pendingStarts(now)).map((r) => r.id)).not.toContain(a.id);
  });
});
