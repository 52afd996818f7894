// The committee phase on the real engine, as the notice has it: 三（三）the provincial HR department
// assigns an application that no committee of the policy covers to a committee by hand (an unknown
// committee sends its task back), and the application goes on to that committee's intake; 三（四）
// 初级认定 passes the committee phase without a vote, while a junior review is voted on.
import { loadConfig } from '../../workers/config.js';
import { CamundaRest, formRefKey, type EngineTask } from '../../workers/adapters/camunda7/rest-client.js';
import { createLogger } from '../../workers/log.js';
import { startService, type Running } from '../../workers/main.js';
import { callerOf, ENGINE_URL, rest, serviceEnv, waitFor } from '../setup/engine.js';
import { application, approveRoute, openTask, playToTheEnd, removeApplications, submit } from '../support/offices.js';
import { signedPayment } from '../support/payments.js';
import { fireTimers } from '../support/timers.js';
import { freeMeetingDay, meetingOf, voteIn } from '../support/meetings.js';
import { addDays, dateOf } from '../../workers/domain/time.js';
import { formatDateZh } from '../../workers/domain/dates-zh.js';
import { testClock, testNow } from '../support/clock.js';

// Demo users: the provincial HR department's reviewer `province-hr` (group hr-220000) completes its own task.
const config = loadConfig(serviceEnv({ PROVISION_IDENTITY: 'demo', POLICY_ID: 'demo' }));
const asProvince = new CamundaRest(ENGINE_URL, { username: 'province-hr', password: config.DEMO_USER_PASSWORD });
const auth = { authorization: 'Bearer local-dev-token' };
let service: Running;
let api: string;
const ids: string[] = [];

beforeAll(async () => {
  service = await startService(config, createLogger('silent'), { clock: testClock });
  api = `http://127.0.0.1:${service.port}`;
});
afterAll(async () => {
  await service?.stop();
  await removeApplications(ids);
});

interface HistoryEntry {
  event: string;
  step: string;
  name: string | null;
  office: string | null;
  by: string | null;
  decision: string | null;
  reasons: string[] | null;
}
interface Status {
  status: string;
  endedAt: string | null;
  currentSteps: Array<{ step: string; offices: string[] }>;
  history: HistoryEntry[];
  contacts: { office: Record<string, unknown> | null; helpDesk: { clause: string; lines: Array<{ phones: Array<{ number: string }> }> } };
}
const statusOf = async (id: string) => (await (await fetch(`${api}/api/applications/${id}`, { headers: auth })).json()) as Status;

/** Submits, approves the unit and every HR level of the route; the id. */
async function throughTheRoute(over: Parameters<typeof application>[0]): Promise<string> {
  const id = await submit(api, application(over));
  ids.push(id);
  // The example's route: county HR (绿园区), then city HR (长春市).
  await approveRoute(id, 2);
  return id;
}

/** The committee-intake task (a level-review task at a committee's group) once open. */
const intakeTask = (id: string) =>
  waitFor(`the committee intake of ${id}`, async () => {
    for (const task of await rest.tasks({ processInstanceBusinessKey: id, taskDefinitionKey: 'level-review-task' })) {
      const groups = await rest.candidateGroups(task.id);
      if (groups.some((g) => g.startsWith('committee-'))) return { task, groups };
    }
    return null;
  }, 60_000);

describe('committee assignment by the provincial HR department (notice 三（三）)', () => {
  it('三（三）: a series no committee covers waits at 省人社厅 (hr-220000) in 指定评审委员会; an unknown committee goes back with the problem; the assigned committee takes the intake', async () => {
    const id = await throughTheRoute({ qualification: { series: '档案', specialty: '档案管理', level: 'intermediate' } });

    const first = await openTask(id, 'assign-committee-task');
    expect(formRefKey(first)).toBe('assign-committee');
    expect(await rest.candidateGroups(first.id)).toEqual(['hr-220000']);
    const vars = await rest.variables(first.processInstanceId);
    expect(vars).toMatchObject({ committeeAssigned: false, assignmentReason: expect.stringContaining('档案'), committeeChoices: expect.arrayContaining([{ label: expect.any(String), value: 'jl-engineering-intermediate' }]) });
    // The registry: open at the province's office, in review; not refused.
    const waiting = await waitFor(`${id} at the province`, async () => {
      const s = await statusOf(id);
      return s.currentSteps.some((c) => c.step === 'assign-committee-task') ? s : null;
    });
    expect(waiting).toMatchObject({ status: 'in-review', endedAt: null, currentSteps: [{ step: 'assign-committee-task', offices: ['hr-220000'] }] });
    // 五（五）政策咨询: the status names the office handling the step and the notice's numbers.
    expect(waiting.contacts.office).toEqual({ office: 'hr-220000', name: '吉林省人力资源和社会保障厅', phones: ['0431-88690926'], address: null, contactsFrom: 'office' });
    expect(waiting.contacts.helpDesk.lines.flatMap((l) => l.phones.map((p) => p.number))).toEqual(['0431-80767550', '0431-12333', '0431-88693866', '0431-88690926']);

    // An id that is not a committee of the policy: the task comes back, naming the field.
    await asProvince.completeTask(first.id, { committeeAssignmentDecision: 'assign', assignedCommitteeId: 'jl-archives' });
    const again = await openTask(id, 'assign-committee-task', first.id);
    expect((await rest.variables(again.processInstanceId)).committeeAssignmentProblem).toMatch(/^assignedCommitteeId: "jl-archives" is not a committee of policy demo/);

    await asProvince.completeTask(again.id, { committeeAssignmentDecision: 'assign', assignedCommitteeId: 'jl-engineering-intermediate' });
    const intake = await intakeTask(id);
    expect(intake.groups).toEqual(['committee-jl-engineering-intermediate']);
    // The committee is the committee phase's (the intake's caller); the intake gets its office and group.
    expect(await rest.variables(intake.task.processInstanceId)).toMatchObject({ reviewGroup: 'committee-jl-engineering-intermediate', reviewOffice: expect.stringContaining('工程') });
    expect(await rest.variables(await callerOf(intake.task.processInstanceId))).toMatchObject({
      committeeId: 'jl-engineering-intermediate',
      committeeGroup: 'committee-jl-engineering-intermediate',
      committeeMembers: 15,
      committeeName: expect.stringContaining('工程'),
    });

    const status = await waitFor(`${id} at the committee`, async () => {
      const s = await statusOf(id);
      return s.currentSteps.some((c) => c.offices.includes('committee-jl-engineering-intermediate')) ? s : null;
    });
    expect(status.contacts.office).toMatchObject({ office: 'committee-jl-engineering-intermediate', name: expect.stringContaining('工程') });
    expect(status.history.filter((h) => h.step === 'assign-committee-task')).toEqual([
      expect.objectContaining({ event: 'step-opened', office: 'hr-220000' }),
      expect.objectContaining({ event: 'decision', office: 'hr-220000', by: 'province-hr', decision: 'assigned', name: expect.stringContaining('三（三）') }),
    ]);
  });

  it('三（三）: the province may refuse with a reason: the application ends refused, the reason in its history', async () => {
    const id = await throughTheRoute({ qualification: { series: '档案', specialty: '档案管理', level: 'intermediate' } });
    const task = await openTask(id, 'assign-committee-task');
    await asProvince.completeTask(task.id, { committeeAssignmentDecision: 'refuse', committeeAssignmentReason: '本省未设档案系列评审委员会' });
    const ended = await waitFor(`${id} to end`, async () => {
      const s = await statusOf(id);
      return s.endedAt ? s : null;
    });
    expect(ended.status).toBe('refused');
    expect(ended.contacts).toMatchObject({ office: null, helpDesk: { clause: '五（五）政策咨询' } });
    expect(ended.history).toContainEqual(expect.objectContaining({ event: 'decision', step: 'assign-committee-task', by: 'province-hr', decision: 'refused', reasons: ['本省未设档案系列评审委员会'] }));
  });
});

/** Completes the committee intake and any later office task until the application ends; the task keys met. */
const toTheEnd = (id: string) =>
  playToTheEnd(id, {
    statusOf,
    rounds: 100,
    answers: {
      'level-review-task': { levelReviewDecision: 'approve' },
      'committee-vote': voteIn(service.registry, { members: 15, present: 12, yes: 10 }),
    },
    async whenIdle(status) {
      if (status.status === 'in-publicity') await fireTimers(id, 'publicity-ended');
    },
  });

const historicTasks = (id: string, key: string) => rest.request<EngineTask[]>('GET', `/history/task?processInstanceBusinessKey=${id}&taskDefinitionKey=${key}`);

describe('初级认定 without a committee vote (notice 三（四）)', () => {
  it('三（四）: a 初级认定 passes the committee phase fee-exempt and without a vote task ever created, the registry naming the clause', async () => {
    const id = await throughTheRoute({ qualification: { level: 'junior', procedure: 'certification' } });
    const { status, steps } = await toTheEnd(id);
    expect(status.status).toBe('certified');
    expect(steps).not.toContain('committee-vote');
    expect(await historicTasks(id, 'committee-vote')).toEqual([]);
    expect(status.history).toContainEqual(expect.objectContaining({ event: 'decision', step: 'waive-vote', decision: 'no-vote-needed', office: 'committee-jl-engineering-intermediate', name: expect.stringContaining('三（四）') }));
    expect(status.history.some((h) => h.event === 'step-opened' && h.step === 'committee-vote')).toBe(false);
    expect(status.history.some((h) => h.step === 'await-payment')).toBe(false);
  });

  it('三（五）组织评审: a junior title by review is voted on', async () => {
    const id = await throughTheRoute({ qualification: { level: 'junior', procedure: 'review' } });
    await rest.completeTask((await intakeTask(id)).task.id, { levelReviewDecision: 'approve' });
    // Junior review pays (not 初级认定): the vote waits for the payment; it is the step after it.
    const payable = await waitFor(`${id} to await its payment`, async () => {
      const s = await statusOf(id);
      return s.status === 'awaiting-payment' ? s : null;
    });
    expect(payable.currentSteps).toEqual([expect.objectContaining({ step: 'await-payment' })]);
    const fee = (await (await fetch(`${api}/api/applications/${id}`, { headers: auth })).json()) as { fee: { amount: number } };
    const signed = signedPayment({ applicationId: id, amount: fee.fee.amount, currency: 'CNY', transactionId: `T-${id}`, paidAt: testNow().toISOString() });
    const paid = await fetch(`${api}/api/applications/${id}/payment`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json', ...signed.headers }, body: signed.body });
    expect(paid.status).toBe(202);
    const vote = await openTask(id, 'committee-vote');
    expect(await rest.candidateGroups(vote.id)).toEqual(['committee-jl-engineering-intermediate']);
  });
});

describe('三（五）组织评审 in a meeting recorded once', () => {
  const COMMITTEE = 'committee-jl-engineering-intermediate';
  const basic = (user: string) => `Basic ${Buffer.from(`${user}:${config.DEMO_USER_PASSWORD}`).toString('base64')}`;
  const meetings = (office: string, user: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${api}/offices/${office}/api/meetings`, { method: 'POST', headers: { authorization: basic(user), 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const errorsOf = async (res: Response) => ({ status: res.status, fields: ((await res.json()) as { errors: Array<{ field: string; message: string }> }).errors });

  /** An application of the committee waiting for its vote (fee-exempt: 初级 by review pays; a regular one pays too, so pay it). */
  async function atTheVote(): Promise<{ id: string; task: EngineTask }> {
    const { id } = await awaitingPayment();
    const signed = signedPayment({ applicationId: id, amount: 180, currency: 'CNY', transactionId: `T-${id}`, paidAt: testNow().toISOString() });
    expect((await fetch(`${api}/api/applications/${id}/payment`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json', ...signed.headers }, body: signed.body })).status).toBe(202);
    return { id, task: await openTask(id, 'committee-vote') };
  }

  it('the committee office records its meeting once on its page; the waiting vote offers it; the vote in it passes', async () => {
    const { id, task } = await atTheVote();
    const day = await freeMeetingDay(service.registry, 'jl-engineering-intermediate');

    // Refused, naming the field and the rule: no quorum, a day to come, counts that are no counts.
    expect(await errorsOf(await meetings(COMMITTEE, 'engineering-committee', { date: day, members: 15, present: 9 }))).toEqual({ status: 422, fields: [expect.objectContaining({ field: 'present', rule: 'vote.quorum', message: '出席委员9人，不足法定人数：须达到委员总数15人的2/3（10人）' })] });
    expect(await errorsOf(await meetings(COMMITTEE, 'engineering-committee', { date: addDays(dateOf(testNow()), 1), members: 15, present: 12 }))).toEqual({ status: 422, fields: [expect.objectContaining({ field: 'date', message: expect.stringContaining('尚未到来') })] });
    expect((await errorsOf(await meetings(COMMITTEE, 'engineering-committee', { date: day, members: 'fifteen', present: 12 }))).fields.map((f) => f.field)).toEqual(['members']);
    // Another office's user may not record it; an office that is no committee has no meetings; another site may not make the browser send it.
    expect((await meetings(COMMITTEE, 'province-hr', { date: day, members: 15, present: 12 })).status).toBe(403);
    expect(await errorsOf(await meetings('hr-220000', 'province-hr', { date: day, members: 15, present: 12 }))).toEqual({ status: 404, fields: [expect.objectContaining({ field: 'office' })] });
    expect((await meetings(COMMITTEE, 'engineering-committee', { date: day, members: 15, present: 12 }, { origin: 'https://elsewhere.example' })).status).toBe(403);
    expect(await service.registry.meetingsOf('jl-engineering-intermediate')).not.toContainEqual(expect.objectContaining({ date: day }));

    // The honest record: 12 of 15 present, recorded by the committee's own user.
    const recorded = await meetings(COMMITTEE, 'engineering-committee', { date: day, members: 15, present: 12 });
    expect(recorded.status).toBe(201);
    const meeting = (await recorded.json()) as { id: string; label: string; recordedBy: string };
    expect(meeting).toMatchObject({ label: `${formatDateZh(day)}评审会议（委员15人，出席12人）`, recordedBy: 'engineering-committee' });
    // Once: the same day again is 409, naming the meeting already recorded.
    expect(await errorsOf(await meetings(COMMITTEE, 'engineering-committee', { date: day, members: 15, present: 13 }))).toEqual({ status: 409, fields: [expect.objectContaining({ field: 'date' })] });
    // The vote task that waited before the meeting was recorded now offers it.
    expect((await rest.variables(task.processInstanceId)).committeeMeetings).toContainEqual({ label: meeting.label, value: meeting.id });
    const listed = (await (await fetch(`${api}/offices/${COMMITTEE}/api/meetings`, { headers: { authorization: basic('engineering-committee') } })).json()) as { meetings: Array<{ id: string }>; quorum: unknown };
    expect(listed.meetings.map((m) => m.id)).toContain(meeting.id);

    // A meeting of another committee is not this vote's: the task comes back naming the field.
    const elsewhere = await meetingOf(service.registry, 'jl-arts', { members: 9, present: 9 });
    const asCommittee = new CamundaRest(ENGINE_URL, { username: 'engineering-committee', password: config.DEMO_USER_PASSWORD });
    await asCommittee.completeTask(task.id, { voteMeeting: elsewhere.id, voteRecused: 0, voteYes: 9, voteAgainst: 0 });
    const again = await openTask(id, 'committee-vote', task.id);
    expect((await rest.variables(again.processInstanceId)).voteProblem).toMatch(/^voteMeeting: "\d+" is not a meeting recorded by this committee/);
    // In its own meeting: 12 present, 1 recused for this applicant, 9 of the 11 say yes.
    await asCommittee.completeTask(again.id, { voteMeeting: meeting.id, voteRecused: 1, voteYes: 9, voteAgainst: 1 });
    const voted = await waitFor(`${id}'s vote`, async () => {
      const s = await statusOf(id);
      return s.history.find((h) => h.event === 'vote') ? s : null;
    });
    expect(voted.history.find((h) => h.event === 'vote')).toMatchObject({ by: 'engineering-committee', decision: 'passed', office: COMMITTEE });
    const [row] = (await service.registry.votesOn('jl-engineering-intermediate', day)).filter((v) => v.application_id === id);
    expect(row).toMatchObject({ members: 15, present: 11, yes: 9, against: 1, abstain: 1, passed: true });
    expect((await service.registry.meeting(meeting.id))!.votes).toBeGreaterThanOrEqual(1);
  });
});

/** An application accepted by the committee, waiting for its payment (the example: 180 CNY); its id. */
async function awaitingPayment(): Promise<{ id: string; status: Status & { paymentDeadline: string | null; feeState: string } }> {
  const id = await throughTheRoute({});
  await rest.completeTask((await intakeTask(id)).task.id, { levelReviewDecision: 'approve' });
  const status = await waitFor(`${id} to await its payment`, async () => {
    const s = (await statusOf(id)) as Status & { paymentDeadline: string | null; feeState: string };
    return s.status === 'awaiting-payment' ? s : null;
  });
  return { id, status };
}

describe('缴费 without a deadline (notice 三（四）: 其他申报人员缴费方式另行通知)', () => {
  it('三（四）: no payment deadline in the status, the step or the task; the committee office and 省人社厅 may end the wait; a payment ends it', async () => {
    const { id, status } = await awaitingPayment();
    expect(status).toMatchObject({ paymentDeadline: null, feeState: 'due', currentSteps: [{ step: 'await-payment', deadline: null, offices: ['committee-jl-engineering-intermediate'] }] });
    const task = await openTask(id, 'payment-outstanding-task');
    expect([formRefKey(task), task.due]).toEqual(['payment-outstanding', null]);
    expect((await rest.candidateGroups(task.id)).sort()).toEqual(['committee-jl-engineering-intermediate', 'hr-220000']);
    // No withdrawal timer waits anywhere in the application.
    expect(await fireTimers(id, 'payment-deadline')).toBe(0);

    const signed = signedPayment({ applicationId: id, amount: 180, currency: 'CNY', transactionId: `T-${id}`, paidAt: testNow().toISOString() });
    const paid = await fetch(`${api}/api/applications/${id}/payment`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json', ...signed.headers }, body: signed.body });
    expect(paid.status).toBe(202);
    await openTask(id, 'committee-vote');
    expect(await rest.tasks({ processInstanceBusinessKey: id, taskDefinitionKey: 'payment-outstanding-task' })).toEqual([]);
  });

  it('三（四）: 省人社厅 ends the wait with a reason (an incomplete decision comes back): withdrawn, no deadline claimed, the reason in the history', async () => {
    const { id } = await awaitingPayment();
    const first = await openTask(id, 'payment-outstanding-task');
    await asProvince.completeTask(first.id, { paymentWaitDecision: 'withdraw', paymentWaitReason: '' });
    const again = await openTask(id, 'payment-outstanding-task', first.id);
    expect((await rest.variables(again.processInstanceId)).paymentWaitProblem).toMatch(/^paymentWaitReason: /);
    await asProvince.completeTask(again.id, { paymentWaitDecision: 'withdraw', paymentWaitReason: '缴费通知规定的缴费期限已过，未缴费' });
    const ended = (await waitFor(`${id} to end`, async () => {
      const s = await statusOf(id);
      return s.endedAt ? s : null;
    })) as Status & { missedLevel: string | null; paymentDeadline: string | null };
    expect(ended).toMatchObject({ status: 'withdrawn', missedLevel: null, paymentDeadline: null });
    expect(ended.history).toContainEqual(expect.objectContaining({ event: 'decision', step: 'payment-outstanding-task', by: 'province-hr', decision: 'withdraw', reasons: ['缴费通知规定的缴费期限已过，未缴费'] }));
  });

  it('三（四）: where a policy sets the payment deadline, the wait has its timer: unpaid by then, the application is withdrawn (missedLevel payment)', async () => {
    const { id } = await awaitingPayment();
    await openTask(id, 'payment-outstanding-task');
    // The branch a policy with paymentDays takes (decide-fee sets paymentDeadline; test/unit/payment-wait.test.ts).
    const [phase] = await rest.processInstances({ businessKey: id, processDefinitionKey: 'committee-phase' });
    const deadline = new Date(testNow().getTime() + 7 * 86_400_000).toISOString();
    await rest.request('POST', `/process-instance/${phase!.id}/modification`, {
      instructions: [
        { type: 'startBeforeActivity', activityId: 'cp-payment-deadline-set', variables: { paymentDeadline: { value: deadline, type: 'String', local: false } } },
        { type: 'cancel', activityId: 'payment-outstanding-task' },
      ],
    });
    const jobs = await waitFor('the payment deadline timer', async () => {
      const found = await rest.request<Array<{ dueDate: string }>>('GET', `/job?processInstanceId=${phase!.id}&timers=true&activityId=payment-deadline`);
      return found.length ? found : null;
    });
    expect(new Date(jobs[0]!.dueDate).getTime()).toBe(new Date(deadline).getTime());
    expect(await rest.tasks({ processInstanceBusinessKey: id, taskDefinitionKey: 'payment-outstanding-task' })).toEqual([]);
    expect(await fireTimers(id, 'payment-deadline')).toBe(1);
    const ended = (await waitFor(`${id} to end`, async () => {
      const s = await statusOf(id);
      return s.endedAt ? s : null;
    })) as Status & { missedLevel: string | null };
    expect(ended).toMatchObject({ status: 'withdrawn', missedLevel: 'payment', withdrawal: { level: 'payment', reason: expect.stringMatching(/^申报人未在缴费截止时间(（\d{4}年\d{1,2}月\d{1,2}日24时）)?前缴费，视为放弃$/) } });
  });
});
