// The first flow end to end on the real engine: submit through the API, the unit-review task in
// the called subprocess under the same business key, an incomplete review sent back, then the
// decisions approve and reject reaching their ends.
import { withMaterials } from '../support/materials.js';
import { ADMIN_GROUPS } from '../../workers/http/reviewer-auth.js';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { loadConfig, ROOT } from '../../workers/config.js';
import { addDays, dateOf } from '../../workers/domain/time.js';
import { formatPeriodZh } from '../../workers/domain/dates-zh.js';
import { createLogger } from '../../workers/log.js';
import { startService, type Running } from '../../workers/main.js';
import { ApplicationService } from '../../workers/applications/service.js';
import { createPolicyProvider } from '../../workers/policy/provider.js';
import { DATABASE_URL, engineCredentials, rest, serviceEnv, waitFor } from '../setup/engine.js';
import { Camunda7Engine } from '../../workers/adapters/camunda7/workflow-engine.js';
import { openRegistryDatabase } from '../../workers/registry/db.js';
import { Registry } from '../../workers/registry/registry.js';
import { formRefKey } from '../../workers/adapters/camunda7/rest-client.js';
import { pdfText } from '../documents/helpers.js';
import { fixture, newApplication, portalAuth } from '../support/applications.js';
import { fireTimers, timerJobs } from '../support/timers.js';
import { signedPayment } from '../support/payments.js';
import { testClock, testNow } from '../support/clock.js';
import { meetingOf } from '../support/meetings.js';
import { meetingLabel } from '../../workers/topics/offer-meetings.js';

let service: Running;
let api: string;
const auth = portalAuth;

beforeAll(async () => {
  const config = loadConfig(serviceEnv({ POLICY_ID: 'demo' }));
  service = await startService(config, createLogger('silent'), { clock: testClock });
  api = `http://127.0.0.1:${service.port}`;
});

afterAll(async () => {
  await service?.stop();
});

async function submit(body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${api}/api/applications`, { method: 'POST', headers: { ...auth, ...headers }, body: JSON.stringify(await withMaterials(api, auth.authorization, body)) });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

const unitTask = (id: string) =>
  waitFor(`the unit-review task of ${id}`, async () => (await rest.tasks({ processInstanceBusinessKey: id, taskDefinitionKey: 'unit-review-task' }))[0]);

/** The open task `key` of an application, other than `not`. */
const taskOf = (id: string, key: string, not?: string) =>
  waitFor(`the ${key} task of ${id}`, async () => (await rest.tasks({ processInstanceBusinessKey: id, taskDefinitionKey: key })).find((t) => t.id !== not));

/** Fires a timer that the application waits on now; it has run when this returns. */
async function fireTimer(id: string, activityId: string) {
  expect(await fireTimers(id, activityId)).toBeGreaterThan(0);
  expect(await fireTimers(id, activityId)).toBe(0);
}

/** The open level-review task of an application, other than `not`; ends a unit publicity on the way. */
const levelTask = (id: string, not?: string) =>
  waitFor(`a level-review task of ${id}`, async () => {
    await fireTimers(id, 'unit-publicity-ended');
    return (await rest.tasks({ processInstanceBusinessKey: id, taskDefinitionKey: 'level-review-task' })).find((t) => t.id !== not);
  });

const review = (decision: string, panel: string[], reason: string | null = null) => ({
  unitReviewDecision: decision,
  panelMembers: panel.map((name) => ({ name })),
  supervisor: '纪检组 刘监督',
  unitReviewReason: reason,
});

async function statusOf(id: string) {
  const res = await fetch(`${api}/api/applications/${id}`, { headers: auth });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('title-regular on the real engine', () => {
  it('SPEC 2.1, SPEC 2.2, SPEC 2.3, SPEC 2.9: runs submission -> eligibility -> unit review (incomplete, then approved) -> end', async () => {
    // The committee's meeting (11 of its 15 members present), recorded once before the application reaches its vote.
    const meeting = await meetingOf(service.registry, 'jl-engineering-intermediate', { members: 15, present: 11 });
    const application = newApplication();
    const created = await submit(application);
    expect(created.status).toBe(201);
    const id = String(created.body.id);
    expect(id).toMatch(/^JL\d{4}-[2-9A-HJKMNP-Z]{10}$/);
    expect(created.body).toMatchObject({ status: 'submitted', links: { self: `/api/applications/${id}` } });

    const task = await unitTask(id);
    // The task lives in the called unit-review instance, which carries the same business key.
    const [sub] = await rest.processInstances({ businessKey: id, processDefinitionKey: 'unit-review' });
    expect(sub?.id).toBe(task.processInstanceId);
    expect(formRefKey(task)).toBe('unit-review');
    const vars = await rest.variables(task.processInstanceId);
    const idNumber: string = application.applicant.idNumber;
    expect(vars).toMatchObject({ applicantName: '张三', maskedIdNumber: `${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`, unitName: '长春某某科技有限公司' });
    expect(typeof vars.unitDeadline).toBe('string');
    expect(task.due).not.toBeNull();

    const inReview = await statusOf(id);
    expect(inReview.body).toMatchObject({
      id,
      category: 'regular',
      status: 'in-review',
      currentSteps: [{ step: 'unit-review-task', offices: ['unit-91220106MA0Y5K8Q7H'] }],
      fee: { exempt: false, amount: 180, schedule: 'example' },
      route: [{ level: 'unit' }, { level: 'county-hr', divisionCode: '220106' }, { level: 'city-hr' }, { level: 'province-hr' }],
    });
    const step = (inReview.body.currentSteps as Array<{ deadline: string; since: string }>)[0]!;
    expect(step.deadline).toBe(vars.unitDeadline);
    expect(step.since).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
    expect((inReview.body.history as Array<{ step: string }>).map((h) => h.step)).toEqual(
      expect.arrayContaining(['submitted', 'check-eligibility', 'unit-review-task']),
    );
    expect((inReview.body.history as Array<Record<string, unknown>>).find((h) => h.step === 'unit-review-task')).toMatchObject({ event: 'step-opened', office: 'unit-91220106MA0Y5K8Q7H', deadline: vars.unitDeadline });
    expect(JSON.stringify(inReview.body)).not.toContain(application.applicant.idNumber);
    // Only this application's own steps: the history never mixes in another application's.
    expect((inReview.body.history as Array<{ step: string }>).filter((h) => ['submitted', 'check-eligibility'].includes(h.step))).toHaveLength(2);

    await rest.completeTask(task.id, review('approve', ['王一', '李二']));
    const again = await waitFor('the task to come back', async () => {
      const [t] = await rest.tasks({ processInstanceBusinessKey: id, taskDefinitionKey: 'unit-review-task' });
      return t && t.id !== task.id ? t : null;
    });
    const problem = (await rest.variables(again.processInstanceId)).unitReviewProblem;
    expect(problem).toMatch(/panelMembers: .*at least 3/);

    await rest.completeTask(again.id, review('approve', ['王一', '李二', '赵三']));

    // Level by level along the route: 绿园区 HR, then 长春市 HR, each with its office group and deadline.
    const county = await levelTask(id);
    expect(await rest.candidateGroups(county.id)).toEqual(['hr-220106']);
    const countyVars = await rest.variables(county.processInstanceId);
    expect(countyVars).toMatchObject({ reviewLevel: 'county-hr', reviewOffice: '绿园区人力资源和社会保障局' });
    expect(formRefKey(county)).toBe('level-review');
    await rest.completeTask(county.id, { levelReviewDecision: 'approve' });
    const city = await levelTask(id, county.id);
    expect(await rest.candidateGroups(city.id)).toEqual(['hr-220100']);
    // The next level starts with an empty decision, not the previous level's.
    expect((await rest.variables(city.processInstanceId)).levelReviewDecision ?? null).toBeNull();
    await rest.completeTask(city.id, { levelReviewDecision: 'approve' });

    // Committee intake by the office of the committee of the series and level.
    const intake = await levelTask(id, city.id);
    expect(await rest.candidateGroups(intake.id)).toEqual(['committee-jl-engineering-intermediate']);
    expect(intake.due).toBeNull();
    await rest.completeTask(intake.id, { levelReviewDecision: 'approve' });

    // Fee: payable, confirmed by a message through the API.
    const awaiting = await waitFor('the payment phase', async () => {
      const s = await statusOf(id);
      return s.body.status === 'awaiting-payment' ? s : null;
    });
    // 三（四）缴费方式另行通知: no payment deadline until the payment notice sets one (the policy's paymentDays is null).
    expect(awaiting.body).toMatchObject({ fee: { exempt: false, amount: 180 }, paymentDeadline: null });
    const confirmation = { applicationId: id, amount: 180, currency: 'CNY', transactionId: `T-${id}`, paidAt: '2024-03-01T10:00:00+08:00' };
    const payTo = (payment: unknown, signed = signedPayment(payment)) => fetch(`${api}/api/applications/${id}/payment`, { method: 'POST', headers: { ...auth, ...signed.headers }, body: signed.body });
    // Unsigned, mis-signed, stale and wrong-amount confirmations change nothing.
    expect((await fetch(`${api}/api/applications/${id}/payment`, { method: 'POST', headers: auth, body: JSON.stringify(confirmation) })).status).toBe(401);
    expect((await payTo(confirmation, signedPayment(confirmation, 'not-the-secret'))).status).toBe(401);
    expect((await payTo(confirmation, signedPayment(confirmation, undefined, new Date(testNow().getTime() - 10 * 60_000)))).status).toBe(401);
    const tampered = signedPayment(confirmation);
    expect((await payTo(confirmation, { ...tampered, body: tampered.body.replace('180', '1.8') })).status).toBe(401);
    // A confirmation signed for another application is refused and changes nothing (its signature is good).
    const forAnother = await payTo({ ...confirmation, applicationId: 'JL2024-2222222222' });
    expect([forAnother.status, await forAnother.json()]).toEqual([422, { errors: [{ field: 'applicationId', message: `the confirmation is for application JL2024-2222222222, not ${id}` }] }]);
    const noApplication = await payTo({ amount: 180, currency: 'CNY', transactionId: `T-${id}`, paidAt: '2024-03-01T10:00:00+08:00' });
    expect([noApplication.status, ((await noApplication.json()) as { errors: Array<{ field: string }> }).errors.map((e) => e.field)]).toEqual([400, ['applicationId']]);
    // Amounts are whole fen: 180.001 is no amount a provider confirms.
    const subFen = await payTo({ ...confirmation, amount: 180.001 });
    expect([subFen.status, await subFen.json()]).toEqual([400, { errors: [{ field: 'amount', message: 'must be in yuan with at most two decimals (whole fen)' }] }]);
    const wrongAmount = await payTo({ ...confirmation, amount: 18 });
    expect([wrongAmount.status, await wrongAmount.json()]).toEqual([422, { errors: [{ field: 'amount', message: expect.stringContaining('180') }] }]);
    expect((await statusOf(id)).body).toMatchObject({ status: 'awaiting-payment', feeState: 'due' });
    const paid = await payTo(confirmation);
    expect(paid.status).toBe(202);
    // The same confirmation replayed answers as the first time and records nothing new.
    expect((await payTo(confirmation)).status).toBe(202);
    expect((await statusOf(id)).body.history as Array<{ event: string }>).toEqual(expect.arrayContaining([expect.objectContaining({ event: 'paid' })]));
    expect(((await statusOf(id)).body.history as Array<{ event: string }>).filter((e) => e.event === 'paid')).toHaveLength(1);

    // The vote, in the meeting the committee recorded once (11 of 15 present; recorded before the
    // application reached the vote, so its task offers it): inconsistent counts come back, then a
    // pass with 7 of the 10 present who did not recuse themselves.
    const vote = await taskOf(id, 'committee-vote');
    const offered = (await rest.variables(vote.processInstanceId)).committeeMeetings as Array<{ label: string; value: string }>;
    expect(offered).toContainEqual({ label: meetingLabel(meeting), value: meeting.id });
    await rest.completeTask(vote.id, { voteMeeting: meeting.id, voteRecused: 0, voteYes: 12 });
    const recount = await taskOf(id, 'committee-vote', vote.id);
    expect((await rest.variables(recount.processInstanceId)).voteProblem).toMatch(/^voteYes: more yes-votes than experts present/);
    await rest.completeTask(recount.id, { voteMeeting: meeting.id, voteRecused: 1, voteYes: 7 });

    // Result publicity: an objection pauses it; dismissed, it goes on to its end.
    const publicity = await waitFor('result publicity', async () => {
      const s = await statusOf(id);
      return s.body.status === 'in-publicity' ? s : null;
    });
    expect(publicity.body.publicityEnd).toMatch(/T00:00:00\+08:00$/);
    const objection = await fetch(`${api}/api/applications/${id}/objections`, { method: 'POST', headers: auth, body: JSON.stringify({ reason: '业绩材料存疑', lodgedBy: '实名举报人' }) });
    expect(objection.status).toBe(202);
    const investigation = await taskOf(id, 'investigate-objection');
    await rest.completeTask(investigation.id, { objectionOutcome: 'dismissed', objectionFinding: '经核实，材料真实' });
    await waitFor('publicity to resume', async () => ((await statusOf(id)).body.status === 'in-publicity' ? true : null));
    await fireTimer(id, 'publicity-ended');

    const done = await waitFor('the certificate', async () => {
      const s = await statusOf(id);
      return s.body.endedAt ? s : null;
    }, 60_000);
    expect(done.body).toMatchObject({ status: 'certified', currentSteps: [], certificate: { number: expect.stringMatching(/^\d{4}-C02-\d{6}$/), verificationCode: expect.stringMatching(/^[2-9A-HJKMNP-Z]{20}$/) } });

    // Anyone can verify it, without a token; the ID number is masked.
    const { number, verificationCode } = done.body.certificate as { number: string; verificationCode: string };
    const verified = await fetch(`${api}/api/certificates/${verificationCode}`);
    expect(verified.status).toBe(200);
    expect(await verified.json()).toEqual({
      number,
      holder: { name: '张三', idNumber: `${application.applicant.idNumber.slice(0, 6)}********${application.applicant.idNumber.slice(-4)}` },
      title: '工程 计算机应用',
      level: 'intermediate',
      issuedOn: expect.stringMatching(/^\d{4}-\d\d-\d\d$/),
      status: 'valid',
    });
    expect((await fetch(`${api}/api/certificates/ABCDEFGHJKMNPQRSTUVW`)).status).toBe(404);
    expect((await fetch(`${api}/api/certificates/short`)).status).toBe(400);
    // A code with L (never drawn: a look-alike of 1) answers as any impossible code, with O or I.
    const impossible = async (code: string) => {
      const r = await fetch(`${api}/api/certificates/${code}`);
      return { status: r.status, body: await r.json() };
    };
    const withO = await impossible('ABCDEFGHJKMNPQRSTUVO');
    expect(withO.status).toBe(400);
    expect(await impossible('ABCDEFGHJKMNPQRSTUVL')).toEqual(withO);
    expect(await impossible(`${verificationCode.slice(0, 19)}L`)).toEqual(withO);

    // The flow made its documents: the review summary and the applicant's 公示表 at submission (the
    // latter again for the unit's publicity), the committee's publicity form when the result
    // publicity started, the certificate once issued; each downloads as a PDF holding its data.
    const documents = done.body.documents as Array<{ name: string; href: string; sha256: string }>;
    expect(documents.map((d) => d.name).sort()).toEqual(['certificate', 'publicity-form', 'review-summary', 'unit-publicity-form']);
    const text = async (href: string) => {
      const res = await fetch(api + href, { headers: auth });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      return pdfText(Buffer.from(await res.arrayBuffer())).replace(/\s+/g, '');
    };
    const byName = Object.fromEntries(documents.map((d) => [d.name, d]));
    expect(await text(byName['review-summary']!.href)).toContain('张三');
    const publicityText = await text(byName['publicity-form']!.href);
    expect(publicityText).toContain('张三');
    expect(publicityText).not.toContain(application.applicant.idNumber);
    const certificateText = await text(byName.certificate!.href);
    expect(certificateText).toContain(number);
    expect(certificateText).toContain(verificationCode);
    // Reviewers open the same PDF from the stable link in the process variables, signed in with
    // their Tasklist account (here an administrator's personal one); without it the link answers
    // 401, and so it does to the engine's own administrator account, which no reviewer uses.
    const finalVars = await rest.historicVariables(String(done.body.processInstanceId), ['documents']);
    const stableLink = (finalVars.documents as Record<string, { link: string }>).certificate!.link;
    const link = new URL(stableLink);
    expect(link.pathname).toBe(`/api/review/documents/${id}/certificate`);
    const personal = { id: `admin-${id.slice(-6).toLowerCase()}`, password: `pw-${id}` };
    await rest.request('POST', '/user/create', { profile: { id: personal.id, firstName: 'title', lastName: 'regular' }, credentials: { password: personal.password } });
    const joined = await Promise.all(ADMIN_GROUPS.map((g) => rest.request('PUT', `/group/${g}/members/${personal.id}`).then(() => true, () => false)));
    expect(joined).toContain(true);
    const basicOf = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    expect((await fetch(api + link.pathname, { headers: { authorization: basicOf(engineCredentials.ENGINE_ADMIN_USER, engineCredentials.ENGINE_ADMIN_PASSWORD) } })).status).toBe(401);
    const opened = await fetch(api + link.pathname, { headers: { authorization: basicOf(personal.id, personal.password) } });
    await rest.request('DELETE', `/user/${personal.id}`);
    expect(opened.status).toBe(200);
    expect(createHash('sha256').update(Buffer.from(await opened.arrayBuffer())).digest('hex')).toBe(byName.certificate!.sha256);
    expect((await fetch(api + link.pathname)).status).toBe(401);

    // An objection to the issued certificate: the committee office that issued it investigates.
    const objectTo = (code: string, body: unknown, headers: Record<string, string> = auth) =>
      fetch(`${api}/api/certificates/${code}/objections`, { method: 'POST', headers, body: JSON.stringify(body) });
    const complaint = { reason: '<b>论文</b>系他人代写', lodgedBy: '实名举报人 李四' };
    expect((await objectTo(verificationCode, complaint, { 'content-type': 'application/json' })).status).toBe(401);
    expect((await objectTo('ABCDEFGHJKMNPQRSTUVW', complaint)).status).toBe(404);
    const malformed = await objectTo(verificationCode, { reason: '' });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { errors: Array<{ field: string }> }).errors.map((e) => e.field).sort()).toEqual(['lodgedBy', 'reason']);
    const lodged = await objectTo(verificationCode, complaint);
    expect(lodged.status).toBe(202);
    expect(await lodged.json()).toEqual({ number, status: 'under-investigation' });
    expect((await objectTo(verificationCode, complaint)).status).toBe(409);
    const caseTask = (not?: string) =>
      waitFor('the certificate objection task', async () => (await rest.tasks({ processInstanceBusinessKey: number, taskDefinitionKey: 'investigate-certificate-objection' })).find((t) => t.id !== not));
    const dismissTask = await caseTask();
    expect(await rest.candidateGroups(dismissTask.id)).toEqual(['committee-jl-engineering-intermediate']);
    expect(formRefKey(dismissTask)).toBe('investigate-certificate-objection');
    expect(await rest.variables(dismissTask.processInstanceId)).toMatchObject({
      certificateNumber: number,
      applicantName: '张三',
      applicationId: id,
      // The same document's stable link.
      certificateLink: stableLink,
      // SPEC 6: the form reads the issue date as people do (issuedOnText); issuedOn stays YYYY-MM-DD.
      issuedOn: expect.stringMatching(/^\d{4}-\d\d-\d\d$/),
      issuedOnText: expect.stringMatching(/^\d{4}年\d{1,2}月\d{1,2}日$/),
      // SPEC 6: the form reads when it was lodged as people do; the variable keeps the instant too.
      objection: { reason: complaint.reason, lodgedBy: complaint.lodgedBy, lodgedAt: expect.stringMatching(/\+08:00$/), lodgedAtText: expect.stringMatching(/^\d{4}年\d{1,2}月\d{1,2}日( \d\d:\d\d|24时)$/) },
    });
    await rest.completeTask(dismissTask.id, { objectionOutcome: 'dismissed', objectionFinding: '经核查，论文系本人撰写' });
    const verify = async () => (await (await fetch(`${api}/api/certificates/${verificationCode}`)).json()) as Record<string, unknown>;
    // The case ends when its last step (recording the decision and closing the case in the registry) has run.
    await waitFor('the dismissed case to end', async () =>
      (await rest.historicProcessInstances({ processDefinitionKey: 'certificate-revocation', processInstanceBusinessKey: number, unfinished: true })).length === 0 ? true : null,
    );
    expect((await verify()).status).toBe('valid');
    expect((await statusOf(id)).body).toMatchObject({ status: 'certified', certificate: { status: 'valid' } });

    // Lodged again with new evidence, at the same moment through this API and through another API
    // process (its own lock): one case starts, the other caller hears of it.
    const policies = createPolicyProvider({ dir: path.join(ROOT, 'policy'), activeId: 'demo', demoBaseId: '2024', today: testNow() });
    const otherDatabase = await openRegistryDatabase({ url: DATABASE_URL, dir: 'memory://' });
    const otherApi = new ApplicationService({ registry: new Registry(otherDatabase.db), engine: new Camunda7Engine(rest), policies, clock: testClock, log: createLogger('silent') });
    const [viaApi, viaOther] = await Promise.all([
      objectTo(verificationCode, { ...complaint, reason: '新证据：代写合同' }),
      otherApi.objectToCertificate(verificationCode, { reason: '新证据：代写合同', lodgedBy: '另一知情人' }),
    ]);
    // Either may win; the loser answers the conflict.
    expect([viaApi.status, viaOther.kind].sort()).toEqual(viaApi.status === 202 ? [202, 'conflict'] : [409, 'started']);
    expect(await rest.historicProcessInstances({ processDefinitionKey: 'certificate-revocation', processInstanceBusinessKey: number, unfinished: true })).toHaveLength(1);
    await otherDatabase.close();
    const upholdTask = await caseTask(dismissTask.id);
    await rest.completeTask(upholdTask.id, { objectionOutcome: 'upheld', objectionFinding: '代写属实，撤销其职称' });
    const revokedCertificate = await waitFor('the certificate to be revoked', async () => {
      const v = await verify();
      return v.status === 'revoked' ? v : null;
    });
    expect(revokedCertificate).toMatchObject({ number, status: 'revoked', revokedOn: expect.stringMatching(/^\d{4}-\d\d-\d\d$/) });
    expect((await statusOf(id)).body).toMatchObject({ status: 'revoked', certificate: { number, status: 'revoked', revokedAt: expect.stringMatching(/\+08:00$/) } });
    expect((await objectTo(verificationCode, complaint)).status).toBe(409);
  });

  it('SPEC 2.6, SPEC 2.7, SPEC 2.8, SPEC 2.10, 三（八）: skips the fee for an exempt subtype, fails a vote without two thirds, revokes on an upheld objection, and reports both results', async () => {
    // 已评未聘 (fee-exempt) exists only in institutions that combine review and appointment.
    const appointedUnassigned = {
      subtype: 'appointed-unassigned',
      unit: { ...fixture.unit, kind: 'institution', appointmentLinked: true, registrationAuthority: null, competentDepartment: { name: '长春市卫生健康委员会', level: 'city', divisionCode: '220100' } },
    };
    const toVote = async (over: Record<string, unknown> = {}) => {
      const application = { ...newApplication(), ...over };
      const id = String((await submit(application)).body.id);
      await rest.completeTask((await unitTask(id)).id, review('approve', ['王一', '李二', '赵三']));
      let last: string | undefined;
      for (let i = 0; i < 3; i++) {
        const t = await levelTask(id, last);
        await rest.completeTask(t.id, { levelReviewDecision: 'approve' });
        last = t.id;
      }
      return id;
    };
    const exempt = await toVote(appointedUnassigned);
    const vote = await taskOf(exempt, 'committee-vote');
    expect((await statusOf(exempt)).body).toMatchObject({ fee: { exempt: true, amount: null } });
    // The committee met before today; its office enters the counts today, dated with the meeting day.
    const met = await meetingOf(service.registry, 'jl-engineering-intermediate', { members: 15, present: 12 }, addDays(dateOf(testNow()), -1));
    const meetingDay = met.date;
    await rest.completeTask(vote.id, { voteMeeting: met.id, voteRecused: 0, voteYes: 7, voteAgainst: 3 });
    const failed = await waitFor('the failed vote to end it', async () => {
      const s = await statusOf(exempt);
      return s.body.endedAt ? s : null;
    });
    expect(failed.body.status).toBe('failed');
    const recorded = (await rest.historicVariables(String(failed.body.processInstanceId), ['vote'])).vote as { decidedOn: string; abstain: number };
    expect(recorded).toMatchObject({ yes: 7, against: 3, abstain: 2, passed: false, committeeId: 'jl-engineering-intermediate', decidedOn: meetingDay });

    const other = await toVote(appointedUnassigned);
    await rest.completeTask((await taskOf(other, 'committee-vote')).id, { voteMeeting: met.id, voteRecused: 0, voteYes: 12 });
    await waitFor('result publicity', async () => ((await statusOf(other)).body.status === 'in-publicity' ? true : null));
    // The committee's report of the meeting day reads what it reported to 省人社厅 (三（八）): the
    // failed vote, reported before its flow ended; not yet the passed one, still at its publicity.
    const reportUrl = `${api}/api/committees/jl-engineering-intermediate/reports/${recorded.decidedOn}`;
    type Report = { committee: Record<string, unknown>; results: Array<{ applicationId: string; votes: Record<string, unknown>; result: string; reportedAt: string }> };
    const reportNow = async () => (await (await fetch(reportUrl, { headers: { ...auth, accept: 'application/json' } })).json()) as Report;
    const beforeReport = await reportNow();
    expect(beforeReport.results.find((r) => r.applicationId === exempt)).toMatchObject({ result: 'failed', reportedAt: expect.stringMatching(/\+08:00$/) });
    expect(beforeReport.results.find((r) => r.applicationId === other)).toBeUndefined();
    await fetch(`${api}/api/applications/${other}/objections`, { method: 'POST', headers: auth, body: JSON.stringify({ reason: '学历造假', lodgedBy: '知情人' }) });
    await rest.completeTask((await taskOf(other, 'investigate-objection')).id, { objectionOutcome: 'upheld', objectionFinding: '学历证书无法核验' });
    const revoked = await waitFor('the revocation', async () => {
      const s = await statusOf(other);
      return s.body.endedAt ? s : null;
    });
    expect(revoked.body).toMatchObject({ status: 'revoked', certificate: null });

    // Once the revoked result is reported too, the report of the meeting day lists both (and any
    // other result of the committee reported of that day), as data and as a PDF.
    const report = await reportNow();
    expect(report.committee).toMatchObject({ id: 'jl-engineering-intermediate', meetingDate: recorded.decidedOn, reportedAt: expect.stringMatching(/\+08:00$/) });
    // Other tests' votes of the committee that day count too: the meeting's figures are their largest.
    expect(report.committee.membersTotal).toBeGreaterThanOrEqual(15);
    const rowOf = (applicationId: string) => report.results.find((r) => r.applicationId === applicationId);
    expect(rowOf(exempt)).toMatchObject({ votes: { for: 7, against: 3, abstain: 2 }, result: 'failed', applicant: { name: '张三' } });
    expect(rowOf(other)).toMatchObject({ votes: { for: 12, against: null, abstain: null }, result: 'revoked' });
    expect(new Set(report.results.map((r) => r.applicationId)).size).toBe(report.results.length);
    const pdf = await fetch(reportUrl, { headers: auth });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const reportText = pdfText(Buffer.from(await pdf.arrayBuffer())).replace(/\s+/g, '');
    // A revoked result did not pass: the report counts it as 未通过.
    const failedCount = report.results.filter((r) => r.result !== 'passed').length;
    expect(reportText).toContain('评审结果报告');
    expect(reportText).toContain(`本次共评审${report.results.length}人，通过${report.results.length - failedCount}人，未通过${failedCount}人`);
    expect((await fetch(`${api}/api/committees/jl-engineering-intermediate/reports/2024-02-30`, { headers: auth })).status).toBe(400);
    expect((await fetch(`${api}/api/committees/no-such-committee/reports/${recorded.decidedOn}`, { headers: auth })).status).toBe(404);
    expect((await fetch(reportUrl)).status).toBe(401);
  });

  it('returns for correction at a level and comes back to that level after the correction', async () => {
    const application = newApplication();
    const id = String((await submit(application)).body.id);
    await rest.completeTask((await unitTask(id)).id, review('approve', ['王一', '李二', '赵三']));
    const county = await levelTask(id);
    await rest.completeTask(county.id, { levelReviewDecision: 'return' });
    const back = await waitFor('the incomplete level review to come back', async () => {
      const t = await levelTask(id, county.id);
      return t;
    });
    expect((await rest.variables(back.processInstanceId)).levelReviewProblem).toMatch(/levelReviewReason: .*return/);
    await rest.completeTask(back.id, { levelReviewDecision: 'return', levelReviewReason: '职称证书复印件不清晰', returnFields: ['applicant.currentTitle'] });
    await waitFor('the application to wait for the correction', async () => ((await statusOf(id)).body.status === 'returned' ? true : null));
    // The registry says so as the decision is recorded; the flow reaches its receive task a moment later.
    await waitFor('the flow to wait for the correction', async () => (await rest.processInstances({ businessKey: id, activityIdIn: ['await-level-correction'] })).length > 0);
    expect(await rest.correlate('ApplicationCorrected', id, {})).toBe(1);
    const again = await levelTask(id, back.id);
    expect(await rest.candidateGroups(again.id)).toEqual(['hr-220106']);
  });

  it('SPEC 2.4, SPEC 6: ends as withdrawn, naming the level, when a level lets its deadline pass', async () => {
    const id = String((await submit(newApplication())).body.id);
    await rest.completeTask((await unitTask(id)).id, review('approve', ['王一', '李二', '赵三']));
    await levelTask(id);
    await fireTimer(id, 'level-deadline');
    const done = await waitFor('the timer to withdraw the application', async () => {
      const s = await statusOf(id);
      return s.body.endedAt ? s : null;
    }, 60_000);
    expect(done.body).toMatchObject({ status: 'withdrawn', missedLevel: 'county-hr', withdrawal: { level: 'county-hr', reason: expect.stringMatching(/^县（市、区）人社部门未在通知规定的截止时间（\d{4}年\d{1,2}月\d{1,2}日24时）前完成，视为放弃$/) } });
  });

  it('ends as rejected when the unit rejects with a reason', async () => {
    const id = String((await submit(newApplication())).body.id);
    const task = await unitTask(id);
    await rest.completeTask(task.id, review('reject', ['王一', '李二', '赵三'], '业绩材料与原件不符'));
    const done = await waitFor('the application to end', async () => {
      const s = await statusOf(id);
      return s.body.endedAt ? s : null;
    });
    expect(done.body.status).toBe('rejected');
    expect(await rest.tasks({ processInstanceBusinessKey: id })).toEqual([]);
  });

  it('waits for the corrected application when the unit returns it', async () => {
    const application = newApplication();
    const id = String((await submit(application)).body.id);
    const task = await unitTask(id);
    await rest.completeTask(task.id, { ...review('return', ['王一', '李二', '赵三'], '请补充学历证书扫描件'), returnFields: ['applicant.education'] });
    const waiting = await waitFor('the instance to wait for the correction', async () => {
      const instances = await rest.processInstances({ businessKey: id });
      const acts = (await Promise.all(instances.map((i) => rest.historicActivities({ processInstanceId: i.id, activityId: 'await-correction', unfinished: true })))).flat();
      return acts[0];
    });
    expect(waiting).toBeDefined();
    expect((await statusOf(id)).body.status).toBe('returned');
    const reached = await rest.correlate('ApplicationCorrected', id, { application: { ...application, submittedAt: testNow().toISOString() } });
    expect(reached).toBe(1);
    const back = await unitTask(id);
    expect(back.id).not.toBe(task.id);
  });

  it('answers 400 with JSON paths for malformed input, 401 without a token, 404 for an unknown id', async () => {
    const application = newApplication();
    const bad = await submit({ ...application, applicant: { ...application.applicant, idNumber: '220102198001011235' }, unit: { ...application.unit, kind: 'shop' } });
    expect(bad.status).toBe(400);
    const fields = (bad.body.errors as Array<{ field: string; message: string }>).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['applicant.idNumber', 'unit.kind']));
    expect(JSON.stringify(bad.body)).not.toContain('220102198001011235');

    const noToken = await fetch(`${api}/api/applications`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(noToken.status).toBe(401);

    const broken = await fetch(`${api}/api/applications`, { method: 'POST', headers: auth, body: '{"category":' });
    expect(broken.status).toBe(400);

    expect((await statusOf('JL2024-2222222222')).status).toBe(404);
  });

  it('SPEC 9: makes a retried submission with the same Idempotency-Key return the same application', async () => {
    const application = newApplication();
    const key = `retry-${Date.now()}`;
    const first = await submit(application, { 'Idempotency-Key': key });
    const second = await submit(application, { 'Idempotency-Key': key });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    expect(second.headers.get('idempotency-replayed')).toBe('true');
    const instances = await rest.historicProcessInstances({ processInstanceBusinessKey: first.body.id, rootProcessInstances: true });
    expect(instances).toHaveLength(1);
    const reused = await submit({ ...application, applicant: { ...application.applicant, phone: '13900000000' } }, { 'Idempotency-Key': key });
    expect(reused.status).toBe(409);
    expect(reused.body).toEqual({ errors: [{ field: 'Idempotency-Key', message: expect.stringContaining('different application') }] });
  });

  it('answers concurrent retries with one application', async () => {
    const application = newApplication();
    const key = `burst-${Date.now()}`;
    const answers = await Promise.all([1, 2, 3].map(() => submit(application, { 'Idempotency-Key': key })));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
  });

  it('refuses a second live application of the same applicant in the same year and category', async () => {
    const application = newApplication();
    expect((await submit(application)).status).toBe(201);
    const again = await submit(application);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ errors: [{ field: 'applicant.idNumber' }] });
    expect(JSON.stringify(again.body)).not.toContain(application.applicant.idNumber);
  });

  it('answers 409 to a payment or an objection outside its phase, 400 to a malformed one, 404 to an unknown id', async () => {
    const id = String((await submit(newApplication())).body.id);
    await unitTask(id);
    const pay = (target: string, body: unknown, signed = signedPayment(body)) => fetch(`${api}/api/applications/${target}/payment`, { method: 'POST', headers: { ...auth, ...signed.headers }, body: signed.body });
    const payment = { applicationId: id, amount: 180, currency: 'CNY', transactionId: 'T-1', paidAt: '2024-03-01T10:00:00+08:00' };
    expect((await pay(id, payment)).status).toBe(409);
    const malformed = await pay(id, { ...payment, currency: 'USD', amount: -1 });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { errors: Array<{ field: string }> }).errors.map((e) => e.field).sort()).toEqual(['amount', 'currency']);
    expect((await pay('JL2024-2222222222', { ...payment, applicationId: 'JL2024-2222222222' })).status).toBe(404);
    const objection = await fetch(`${api}/api/applications/${id}/objections`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ reason: '论文抄袭 <script>alert(1)</script>', lodgedBy: '匿名' }),
    });
    expect(objection.status).toBe(409);
  });

  it('keeps unicode and markup in text fields literally', async () => {
    const application = newApplication();
    const tricky = { ...application, applicant: { ...application.applicant, name: '<b>䶮</b>堃喆 "x"' }, unit: { ...application.unit, name: '<img src=x onerror=alert(1)>有限公司' } };
    const id = String((await submit(tricky)).body.id);
    const task = await unitTask(id);
    const vars = await rest.variables(task.processInstanceId);
    expect(vars.applicantName).toBe('<b>䶮</b>堃喆 "x"');
    expect(vars.unitName).toBe('<img src=x onerror=alert(1)>有限公司');
  });
});

describe('unit publicity (单位公示)', () => {
  it('SPEC 2.3: publicises the application after the unit review; an upheld objection ends it as rejected', async () => {
    const application = newApplication();
    const id = String((await submit(application)).body.id);
    await rest.completeTask((await unitTask(id)).id, review('approve', ['王一', '李二', '赵三']));
    const publicity = await waitFor('the unit publicity', async () => {
      const s = await statusOf(id);
      return s.body.status === 'in-unit-publicity' ? s : null;
    });
    // The publicity is the step it waits in, with its end as the deadline and the unit as the office.
    expect(publicity.body.currentSteps).toEqual([expect.objectContaining({ step: 'unit-publicity', offices: ['unit-91220106MA0Y5K8Q7H'], deadline: expect.stringMatching(/T00:00:00\+08:00$/) })]);
    const [instance] = await rest.processInstances({ businessKey: id, processDefinitionKey: 'unit-publicity' });
    const { unitPublicityStart, unitPublicityEnd } = await rest.variables(instance!.id);
    // Five working days on the official calendar, ending at 24:00 of the last one.
    const end = await (await fetch(`${api}/api/calendar/working-days?start=${String(unitPublicityStart)}&days=5`)).json();
    expect(unitPublicityEnd).toBe((end as { end: string }).end);

    const objection = await fetch(`${api}/api/applications/${id}/objections`, { method: 'POST', headers: auth, body: JSON.stringify({ reason: '工作经历不实', lodgedBy: '同事' }) });
    expect(objection.status).toBe(202);
    // The unit investigates what its own publicity raised.
    const investigation = await taskOf(id, 'investigate-unit-objection');
    expect(await rest.candidateGroups(investigation.id)).toEqual(['unit-91220106MA0Y5K8Q7H']);
    expect(formRefKey(investigation)).toBe('investigate-objection');
    // Its form links the 公示表 the unit published.
    expect((await rest.variables(investigation.processInstanceId)).unitPublicityFormLink).toMatch(new RegExp(`/api/review/documents/${id}/unit-publicity-form$`));
    await rest.completeTask(investigation.id, { objectionOutcome: 'upheld', objectionFinding: '经核实，工作经历不实' });
    const done = await waitFor('the end', async () => {
      const s = await statusOf(id);
      return s.body.endedAt ? s : null;
    });
    expect(done.body.status).toBe('rejected');
    // No objection can be lodged any more.
    expect((await fetch(`${api}/api/applications/${id}/objections`, { method: 'POST', headers: auth, body: JSON.stringify({ reason: 'x', lodgedBy: 'y' }) })).status).toBe(409);
  });
});

describe('the 个人申报 documents (三（一）, 三（二）)', () => {
  type Doc = { name: string; href: string; sha256: string; title: string };
  const documentsOf = async (id: string) => (await statusOf(id)).body.documents as Doc[];
  const pdfOf = async (href: string) => {
    const res = await fetch(api + href, { headers: auth });
    expect(res.status).toBe(200);
    return pdfText(Buffer.from(await res.arrayBuffer())).replace(/\s+/g, '');
  };

  it('makes the 一览表 and the applicant\'s 公示表 at submission, and the 公示表 again with its dates and the unit as objection contact when the unit publicises', async () => {
    const application = newApplication();
    const id = String((await submit(application)).body.id);
    const task = await unitTask(id);
    const atSubmission = await documentsOf(id);
    expect(atSubmission.map((d) => d.name).sort()).toEqual(['review-summary', 'unit-publicity-form']);
    const form = atSubmission.find((d) => d.name === 'unit-publicity-form')!;
    expect(form.title).toBe('吉林省专业技术资格评审公示表（单位公示）');
    const before = await pdfOf(form.href);
    expect(before).toContain('吉林省专业技术资格评审公示表');
    expect(before).toContain('张三');
    expect(before).toContain('发布单位：长春某某科技有限公司');
    expect(before).toContain('公示时间由发布单位公示时确定（5个工作日）');
    expect(before).not.toContain(application.applicant.idNumber);
    // The unit's review form links it: the unit publicises it once it approves.
    expect((await rest.variables(task.processInstanceId)).unitPublicityFormLink).toMatch(new RegExp(`/api/review/documents/${id}/unit-publicity-form$`));

    await rest.completeTask(task.id, review('approve', ['王一', '李二', '赵三']));
    await waitFor('the unit publicity', async () => ((await statusOf(id)).body.status === 'in-unit-publicity' ? true : null));
    const [instance] = await rest.processInstances({ businessKey: id, processDefinitionKey: 'unit-publicity' });
    const vars = await rest.variables(instance!.id);
    const dated = await waitFor('the 公示表 with its dates', async () => (await documentsOf(id)).find((d) => d.name === 'unit-publicity-form' && d.sha256 !== form.sha256));
    const after = await pdfOf(dated.href);
    // The publicity's first and last day (its end is stored as 24:00 of the last day), as the timer has them.
    expect(after).toContain(`${formatPeriodZh(String(vars.unitPublicityStart), String(vars.unitPublicityEnd)).replace(/\s+/g, '')}（5个工作日）`);
    expect(after).not.toContain('公示时间由发布单位公示时确定');
    expect(after).toContain('受理单位长春某某科技有限公司人事部门');
    // A year without the official holiday schedule says the period is provisional.
    expect(after.includes('暂定')).toBe(Boolean(vars.unitPublicityProvisional));
    expect((await documentsOf(id)).map((d) => d.name).sort()).toEqual(['review-summary', 'unit-publicity-form']);
  });
});

describe('3010 monthly windows', () => {
  it('四（六）: moves a unit review that missed the 25th to the next window instead of withdrawing it, and opens it only when that window opens', async () => {
    // Started on the engine inside next month's window (the API accepts 3010 only on days 1-25),
    // so that the test does not depend on today's date.
    const now = testNow();
    const at = `${new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString().slice(0, 7)}-01T09:00:00+08:00`;
    const submitted = await service.applications.submit(await withMaterials(api, auth.authorization, { ...newApplication(), category: 'grassroots-3010' }), { at: new Date(at), caller: 'portal' });
    expect(submitted).toMatchObject({ kind: 'started' });
    const id = (submitted as { id: string }).id;
    const first = await unitTask(id);
    expect(first.due).not.toBeNull();
    // The review comes back with the next window's deadline; the application was not withdrawn.
    // The first task's timer fires now; the moved task comes with a timer of its own.
    expect(await fireTimers(id, 'unit-deadline')).toBe(1);
    // 四（六）: reviews happen on days 1 to 25 only; the moved review waits for the next window to open.
    await waitFor('the wait for the next review window', async () => (await timerJobs(id, 'wait-unit-window')).length === 1);
    expect((await rest.tasks({ processInstanceBusinessKey: id, taskDefinitionKey: 'unit-review-task' })).filter((t) => t.id !== first.id)).toEqual([]);
    expect(await fireTimers(id, 'wait-unit-window')).toBe(1);
    const again = await taskOf(id, 'unit-review-task', first.id);
    expect(new Date(String(again.due)).getTime()).toBeGreaterThan(new Date(String(first.due)).getTime());
    const vars = await rest.variables(again.processInstanceId);
    expect(new Date(String(again.due)).getTime()).toBe(new Date(String(vars.unitDeadline)).getTime());
    expect(String(vars.unitDeadline)).toMatch(/-26T00:00:00\+08:00$/);
    // The form says when the review runs and by when.
    expect(String(vars.unitDeadlineWarning)).toMatch(/^审核时间为每月1-25日（四（六））/);
    const status = await statusOf(id);
    expect(status.body).toMatchObject({ status: 'in-review', endedAt: null });
  });
});
