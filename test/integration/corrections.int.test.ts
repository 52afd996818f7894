// 退回补正 end to end on the real engine (SPEC 2: every review step can return the application
// naming what to fix, and the step's deadline still applies; the notice 五（一）: 逾期视为放弃): the reviewer names the fields, the status shows them with the reasons and
// the deadline, the applicant corrects them through POST /api/applications/{id}/corrections, and
// the application goes back to the level that returned it with a new 一览表. Every level's decision
// and comment stays in the history.
import { PDFDocument } from 'pdf-lib';
import { uploadMaterial, withMaterials } from '../support/materials.js';
import path from 'node:path';
import { loadConfig, ROOT } from '../../workers/config.js';
import { formatInstantZh } from '../../workers/domain/dates-zh.js';
import { createLogger } from '../../workers/log.js';
import { startService, type Running } from '../../workers/main.js';
import { ApplicationService } from '../../workers/applications/service.js';
import { createPolicyProvider } from '../../workers/policy/provider.js';
import { Camunda7Engine } from '../../workers/adapters/camunda7/workflow-engine.js';
import { openRegistryDatabase } from '../../workers/registry/db.js';
import { Registry } from '../../workers/registry/registry.js';
import { callerOf, DATABASE_URL, rest, serviceEnv, waitFor } from '../setup/engine.js';
import { randomResidentId } from '../support/ids.js';
import { newApplication, portalAuth } from '../support/applications.js';
import { fireTimers } from '../support/timers.js';
import { pdfText } from '../documents/helpers.js';
import { testClock, testNow } from '../support/clock.js';

let service: Running;
let api: string;
const auth = portalAuth;

beforeAll(async () => {
  service = await startService(loadConfig(serviceEnv({ POLICY_ID: 'demo' })), createLogger('silent'), { clock: testClock });
  api = `http://127.0.0.1:${service.port}`;
});
afterAll(async () => {
  await service?.stop();
});

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
async function call(method: string, url: string, body?: unknown) {
  const res = await fetch(`${api}${url}`, { method, headers: auth, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Json };
}
const submit = async (application: unknown) => String((await call('POST', '/api/applications', await withMaterials(api, auth.authorization, application))).body.id);
const statusOf = async (id: string) => (await call('GET', `/api/applications/${id}`)).body;
const correct = (id: string, body: unknown) => call('POST', `/api/applications/${id}/corrections`, body);
const taskOf = (id: string, key: string, not?: string) =>
  waitFor(`the ${key} task of ${id}`, async () => {
    await fireTimers(id, 'unit-publicity-ended');
    return (await rest.tasks({ processInstanceBusinessKey: id, taskDefinitionKey: key })).find((t) => t.id !== not);
  });
const unitReview = (decision: string, reason: string | null = null, returnFields?: string[], returnMaterials?: string[]) => ({
  unitReviewDecision: decision,
  panelMembers: [{ name: '王一' }, { name: '李二' }, { name: '赵三' }],
  supervisor: '纪检组 刘监督',
  unitReviewReason: reason,
  ...(returnFields ? { returnFields } : {}),
  ...(returnMaterials ? { returnMaterials } : {}),
});
const returned = (id: string) => waitFor(`${id} to be returned`, async () => ((await statusOf(id)).status === 'returned' ? statusOf(id) : null));
// A render waits for Chromium, which a loaded machine starts slowly and a failed start retries with back-off.
const RENDER_WAIT_MS = 90_000;
const summarySha = async (id: string) => ((await statusOf(id)).documents as Json[]).find((d) => d.name === 'review-summary')?.sha256 as string | undefined;

describe('退回补正 (SPEC 2; notice 五（一） 逾期视为放弃): POST /api/applications/{id}/corrections', () => {
  it('the unit returns naming the fields; the status shows reasons, fields and deadline; only the named fields may change; the corrected application is back at the unit', async () => {
    const application = newApplication();
    const id = await submit(application);
    const first = await taskOf(id, 'unit-review-task');
    // The unit's review is due by the unitDeadline of check-eligibility (the notice's unit deadline less
    // the publicity), shown on the task and in the status, with the same warning when it cannot be met.
    const opened = await waitFor('the unit step in the registry', async () => ((await statusOf(id)).currentSteps?.[0]?.step === 'unit-review-task' ? statusOf(id) : null));
    const variables = await rest.variables(first.processInstanceId);
    expect(Date.parse(first.due!)).toBe(Date.parse(String(variables.unitDeadline)));
    expect(Date.parse(opened.currentSteps[0].deadline)).toBe(Date.parse(String(variables.unitDeadline)));
    expect(opened.currentSteps[0].warning ?? null).toBe(variables.unitDeadlineWarning ?? null);
    // A return without the fields to correct goes back to the reviewer with the problem.
    await rest.completeTask(first.id, unitReview('return', '请补充学历信息'));
    const again = await taskOf(id, 'unit-review-task', first.id);
    expect((await rest.variables(again.processInstanceId)).unitReviewProblem).toMatch(/returnFields: name at least one field/);
    await rest.completeTask(again.id, unitReview('return', '请补充学历信息并更正手机号码', ['applicant.education', 'applicant.phone']));

    const status = await returned(id);
    expect(status.correction).toMatchObject({
      returnedBy: { level: 'unit', office: `unit-${application.unit.creditCode}` },
      reasons: ['请补充学历信息并更正手机号码'],
      fields: [
        { field: 'applicant.education', label: '学历学位 Education' },
        { field: 'applicant.phone', label: '手机号码 Mobile number' },
      ],
      href: `/api/applications/${id}/corrections`,
    });
    expect(status.correction.deadline).toBe(status.currentSteps[0].deadline);
    expect(Date.parse(status.correction.deadline)).toBeGreaterThan(testNow().getTime());
    const before = await summarySha(id);

    // Not a field the return named: refused, naming the field and what may change; nothing changes.
    const unnamed = await correct(id, { application: { applicant: { name: '张三丰' } } });
    expect(unnamed.status).toBe(422);
    expect(unnamed.body.errors).toEqual([{ field: 'application.applicant.name', message: 'was not named by the return; the return asked to correct: applicant.education, applicant.phone' }]);
    const identity = await correct(id, { application: { applicant: { idNumber: randomResidentId() } } });
    expect(identity.status).toBe(422);
    expect(identity.body.errors[0]).toMatchObject({ field: 'application.applicant.idNumber', message: expect.stringMatching(/cannot be changed by a correction/) });
    // Validated like a submission.
    const invalid = await correct(id, { application: { applicant: { phone: '12345' } } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors).toEqual([{ field: 'application.applicant.phone', message: 'must be an 11-digit mainland mobile number' }]);
    expect((await correct(id, { application: 'everything' })).status).toBe(400);
    expect((await statusOf(id)).status).toBe('returned');

    const education = { level: '大学本科', degree: '工学学士', school: '吉林大学', major: '土木工程', graduatedOn: '2008-07-01' };
    const done = await correct(id, { application: { applicant: { education, phone: '13912345678' } }, comment: '已补充学历信息' });
    expect(done.status).toBe(202);
    expect(done.body).toMatchObject({ id, corrected: ['applicant.education', 'applicant.phone'], returnsTo: { level: 'unit', step: 'unit-review-task' } });
    // Once is enough: the application is no longer returned.
    const twice = await correct(id, { application: { applicant: { phone: '13912345679' } } });
    expect(twice.status).toBe(409);
    expect(twice.body.errors[0].message).toMatch(/not returned for correction/);

    // Back at the unit, with the corrected fields in the flow (the application review, which took
    // the correction, calls the unit review again) and a new 一览表.
    const back = await taskOf(id, 'unit-review-task', again.id);
    expect((await rest.variables(await callerOf(back.processInstanceId))).application).toMatchObject({ applicant: { phone: '13912345678', education } });
    // The unit's form starts without a decision and shows what the applicant changed: field, before, after, comment.
    const backVars = await rest.variables(back.processInstanceId);
    expect(backVars.unitReviewDecision ?? null).toBeNull();
    expect(backVars.unitReviewReason ?? null).toBeNull();
    expect(backVars.correctionText).toContain(`- 手机号码 Mobile number：${application.applicant.phone} → 13912345678`);
    expect(backVars.correctionText).toMatch(/- 学历学位 Education：.* → 大学本科 工学学士 吉林大学 土木工程 2008-07-01/);
    expect(backVars.correctionText).toContain('- 申报人说明：已补充学历信息');
    await waitFor('a new review summary', async () => ((await summarySha(id)) !== before ? true : null), RENDER_WAIT_MS);
    const after = await statusOf(id);
    expect(after).toMatchObject({ status: 'in-review', correction: null, currentSteps: [{ step: 'unit-review-task' }] });
    const history = after.history as Json[];
    expect(history).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ event: 'decision', level: 'unit', decision: 'return', comment: '请补充学历信息并更正手机号码', fields: ['applicant.education', 'applicant.phone'] }),
        expect.objectContaining({ event: 'corrected', level: 'unit', comment: '已补充学历信息', fields: ['applicant.education', 'applicant.phone'] }),
      ]),
    );
  });

  it('三（一）电子材料: a return names a kind of material; the correction brings a new file of that kind only, which replaces the old one; the history keeps which replaced which, and the new 一览表 and the form list the new file', async () => {
    const id = await submit(newApplication());
    const submitted = (await statusOf(id)).materials as Json[];
    const old = submitted.find((m) => m.kind === 'achievements')!;
    const first = await taskOf(id, 'unit-review-task');
    // A kind the policy does not have goes back to the reviewer, naming it.
    await rest.completeTask(first.id, unitReview('return', '业绩材料扫描不清晰', undefined, ['diploma-photo']));
    const again = await taskOf(id, 'unit-review-task', first.id);
    expect((await rest.variables(again.processInstanceId)).unitReviewProblem).toMatch(/returnMaterials: "diploma-photo" is not a kind of material of the application's policy/);
    await rest.completeTask(again.id, unitReview('return', '业绩材料扫描不清晰，请重新上传', undefined, ['achievements']));
    const status = await returned(id);
    expect(status.correction).toMatchObject({ fields: [], materials: [{ kind: 'achievements', label: '业绩成果材料' }] });
    const before = await summarySha(id);

    // Only the kinds the return named; only this client's free uploads.
    const wrongKind = await uploadMaterial(api, auth.authorization, 'education');
    const refused = await correct(id, { materials: [{ id: wrongKind }] });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([{ field: 'materials[0].id', message: 'is of kind education, which the return did not name; the return asked for: achievements' }]);
    const unknown = await correct(id, { materials: [{ id: wrongKind.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')) }] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0]).toMatchObject({ field: 'materials[0].id', message: 'no upload of this client has this id' });
    expect((await correct(id, { materials: [{ id: old.id }] })).status).toBe(409);
    expect((await correct(id, {})).body.errors).toEqual([{ field: 'application', message: 'changes none of the fields the return named (none) and brings no materials' }]);

    // A new scan of the achievements, other bytes than the one it replaces.
    const rescan = await PDFDocument.create();
    rescan.addPage([595, 842]);
    rescan.setTitle(`业绩材料（重新扫描）${id}`);
    const fresh = await uploadMaterial(api, auth.authorization, 'achievements', Buffer.from(await rescan.save()));
    const done = await correct(id, { materials: [{ id: fresh }], comment: '已重新上传业绩材料' });
    expect(done.status).toBe(202);
    expect(done.body).toMatchObject({ corrected: [], materials: [{ id: fresh, kind: 'achievements', replaces: [{ id: old.id, fileName: old.fileName }] }], returnsTo: { level: 'unit' } });
    const back = await taskOf(id, 'unit-review-task', again.id);
    await waitFor('a new review summary', async () => ((await summarySha(id)) !== before ? true : null), RENDER_WAIT_MS).catch(async (error: Error) => {
      // What the flow and the registry say, so that a failure tells where the render stopped.
      const st = await statusOf(id);
      const tasks = await rest.request('GET', '/external-task?topicName=render-documents');
      throw new Error(`${error.message}; ${JSON.stringify({ before, documents: st.documents, materials: st.materials, history: (st.history as Json[]).slice(-6), externalTasks: tasks })}`);
    });
    const after = await statusOf(id);
    expect((after.materials as Json[]).map((m) => m.id)).toEqual(submitted.map((m) => (m.id === old.id ? null : m.id)).filter(Boolean).concat(fresh));
    expect(after.history as Json[]).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ event: 'decision', decision: 'return', materials: ['achievements'] }),
        expect.objectContaining({ event: 'corrected', comment: '已重新上传业绩材料', materials: [expect.objectContaining({ id: fresh, replaces: [{ id: old.id, fileName: old.fileName }] })] }),
      ]),
    );
    // The unit's form lists the new file, not the replaced one.
    const listed = (await rest.variables(await callerOf(back.processInstanceId))).reviewMaterials as Json[];
    expect(listed.map((m) => String(m.href).split('/').at(-1))).toEqual(expect.arrayContaining([fresh]));
    expect(listed.map((m) => String(m.href).split('/').at(-1))).not.toContain(old.id);
  });

  it('a level returns; the correction goes back to that level with a new 一览表, and every decision stays in the history', async () => {
    const id = await submit(newApplication());
    await rest.completeTask((await taskOf(id, 'unit-review-task')).id, unitReview('approve'));
    const county = await taskOf(id, 'level-review-task');
    const group = await rest.candidateGroups(county.id);
    // SPEC 2.4: the county's form shows the unit's decision with its panel, and where an approval goes.
    const countyVars = await rest.variables(county.processInstanceId);
    expect(countyVars.reviewRecordText).toMatch(/单位审核 Unit review：同意。审核小组：王一、李二、赵三；纪检监督：纪检组 刘监督/);
    expect(countyVars.reviewNextText).toMatch(/^审核通过后报送/);
    // 三（二）: the 一览表 made again after the unit's approval prints its 单位推荐意见.
    const summary = await waitFor('the 一览表 with the unit\'s opinion', async () => {
      const res = await fetch(`${api}/api/applications/${id}/documents/review-summary`, { headers: { authorization: auth.authorization } });
      const text = res.ok ? pdfText(new Uint8Array(await res.arrayBuffer())) : '';
      return text.includes('经审核，同意推荐') ? text : null;
    }, RENDER_WAIT_MS);
    expect(summary).toContain('审核小组：王一、李二、赵三；纪检监督：纪检组刘监督');
    await rest.completeTask(county.id, { levelReviewDecision: 'return', levelReviewReason: '职称证书复印件不清晰', returnFields: ['applicant.currentTitle'] });
    const status = await returned(id);
    expect(status.correction).toMatchObject({ returnedBy: { level: 'county-hr', office: group[0] }, reasons: ['职称证书复印件不清晰'], fields: [{ field: 'applicant.currentTitle' }] });
    await waitFor('the flow to wait for the correction', async () => (await rest.processInstances({ businessKey: id, activityIdIn: ['await-level-correction'] })).length > 0);
    const before = await summarySha(id);

    const done = await correct(id, { application: { applicant: { currentTitle: { name: '工程师', obtainedOn: '2015-12-01' } } } });
    expect(done.status).toBe(202);
    expect(done.body.returnsTo).toMatchObject({ level: 'county-hr', office: group[0], step: 'level-review-task' });
    const back = await taskOf(id, 'level-review-task', county.id);
    expect(await rest.candidateGroups(back.id)).toEqual(group);
    await waitFor('a new review summary', async () => ((await summarySha(id)) !== before ? true : null), RENDER_WAIT_MS);
    await rest.completeTask(back.id, { levelReviewDecision: 'approve' });
    const decisions = await waitFor('the second county decision', async () => {
      const all = ((await statusOf(id)).history as Json[]).filter((e) => e.event === 'decision');
      return all.length === 3 ? all : null;
    });
    expect(decisions.map((e) => [e.level, e.decision, e.comment])).toEqual([
      ['unit', 'approve', null],
      ['county-hr', 'return', '职称证书复印件不清晰'],
      ['county-hr', 'approve', null],
    ]);
  });

  it('a correction after its deadline answers 409 and says why; when the notice\'s deadline fires (四（二）) the application is withdrawn (视为放弃) and the reason names that deadline', async () => {
    const id = await submit(newApplication());
    await rest.completeTask((await taskOf(id, 'unit-review-task')).id, unitReview('return', '缺少业绩材料', ['applicant.achievements']));
    const status = await returned(id);
    const deadline = new Date(status.correction.deadline);

    // Another API process whose clock is past the deadline, before the flow's timer has fired.
    const policies = createPolicyProvider({ dir: path.join(ROOT, 'policy'), activeId: 'demo', demoBaseId: '2024', today: testNow() });
    const database = await openRegistryDatabase({ url: DATABASE_URL, dir: 'memory://' });
    try {
      const late = new ApplicationService({ registry: new Registry(database.db), engine: new Camunda7Engine(rest), policies, clock: () => new Date(deadline.getTime() + 60_000), log: createLogger('silent') });
      const answer = await late.correct(id, { application: { applicant: { achievements: '主持完成某桥梁设计' } } });
      // SPEC 6: the message reads the deadline as people do (…日24时); the status keeps the instant.
      expect(answer).toEqual({ kind: 'conflict', message: `the deadline to correct was ${formatInstantZh(status.correction.deadline)}; an application not corrected by then counts as given up (视为放弃)` });
    } finally {
      await database.close();
    }
    expect((await statusOf(id)).status).toBe('returned');

    // 四（二）: the withdrawal waits for the notice's own unit deadline, not the earlier due date of the unit's task.
    const instances = await rest.processInstances({ businessKey: id });
    const timers = (await Promise.all(instances.map((i) => rest.request<Array<{ dueDate: string }>>('GET', `/job?processInstanceId=${i.id}&timers=true&activityId=correction-deadline`)))).flat();
    const noticeDeadline = (await Promise.all(instances.map((i) => rest.variables(i.id)))).map((v) => v.unitNoticeDeadline).find(Boolean);
    expect(timers).toHaveLength(1);
    expect(Date.parse(timers[0]!.dueDate)).toBe(Date.parse(String(noticeDeadline)));
    expect(Date.parse(status.correction.deadline)).toBe(Date.parse(String(noticeDeadline)));

    expect(await fireTimers(id, 'correction-deadline')).toBeGreaterThan(0);
    const ended = await waitFor('the application to be withdrawn', async () => {
      const s = await statusOf(id);
      return s.endedAt ? s : null;
    });
    expect(ended).toMatchObject({ status: 'withdrawn', missedLevel: 'applicant' });
    // The withdrawal's reason names the notice's deadline.
    expect(ended.withdrawal).toEqual({ level: 'applicant', deadline: expect.any(String), reason: `申报人未在通知规定的截止时间（${formatInstantZh(String(noticeDeadline))}）前完成，视为放弃` });
    expect(Date.parse(ended.withdrawal.deadline)).toBe(Date.parse(String(noticeDeadline)));
    const refused = await correct(id, { application: { applicant: { achievements: '主持完成某桥梁设计' } } });
    expect(refused.status).toBe(409);
    expect(refused.body.errors[0].message).toBe('the application is not returned for correction (its status is withdrawn)');
  });

  it('answers 404 for an unknown application and 409 for one that is not returned', async () => {
    expect((await correct('JL2024-2222222222', { application: {} })).status).toBe(404);
    const id = await submit(newApplication());
    await taskOf(id, 'unit-review-task');
    const early = await correct(id, { application: { applicant: { phone: '13912345678' } } });
    expect(early.status).toBe(409);
    expect(early.body.errors[0].message).toBe('the application is not returned for correction (its status is in-review)');
  });
});
