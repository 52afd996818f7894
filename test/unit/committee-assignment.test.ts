// Committee assignment by the provincial HR department (notice 三（三）: 省人社厅将按照系列、专业和
// 授权评审层级分配至相关评委会办事机构) and the committee phase without a vote for 初级认定
// (notice 三（四）names 初级认定人员 apart from those reviewed): the steps' decisions, before the engine.
import path from 'node:path';
import { ROOT } from '../../workers/config.js';
import { createPolicyProvider } from '../../workers/policy/provider.js';
import { checkEligibility } from '../../workers/rules/index.js';
import { BusinessError, PermanentError } from '../../workers/runtime/outcome.js';
import { createAssignCommittee } from '../../workers/topics/assign-committee.js';
import { createRecordCommitteeAssignment } from '../../workers/topics/record-committee-assignment.js';
import { createWaiveVote } from '../../workers/topics/waive-vote.js';
import { app, at, policy2024 } from '../rules/support.js';
import { createHandlerContext } from '../support/handler-context.js';

const policies = createPolicyProvider({ dir: path.join(ROOT, 'policy'), activeId: '2024', demoBaseId: '2024', today: new Date('2024-06-18T00:00:00+08:00') });
const clock = () => new Date('2024-06-19T01:00:00Z');
const ctx = createHandlerContext();
const assign = createAssignCommittee({ policies });
const record = createRecordCommitteeAssignment({ policies });
const waive = createWaiveVote({ policies, clock });
const archives = app({ qualification: { series: '档案', specialty: '档案管理', level: 'intermediate' } });
const juniorCertification = app({ qualification: { level: 'junior', procedure: 'certification' } });

const assigned = (application: ReturnType<typeof app>) => assign.handle(assign.input.parse({ application, policyId: '2024' }), ctx);
const recorded = (form: Record<string, unknown>) => record.handle(record.input.parse({ policyId: '2024', ...form }), ctx);

describe('assign-committee (notice 三（三）)', () => {
  it('an application of a series no committee covers is eligible (the rules do not refuse it for want of a committee)', () => {
    expect(checkEligibility(archives, policy2024, at('2024-01-15T10:00:00'))).toMatchObject({ eligible: true });
  });

  it('三（三）: no committee matches -> no refusal; the provincial HR group (hr-220000) assigns by hand, choosing among the policy committees', async () => {
    const outcome = await assigned(archives);
    expect(outcome).toEqual({
      kind: 'complete',
      variables: expect.objectContaining({
        committeeAssigned: false,
        committeeId: null,
        assignmentGroup: 'hr-220000',
        assignmentReason: 'qualification.series: no committee is authorised for the series 档案',
        committeeChoices: policy2024.committees.map((c) => ({ label: `${c.name}（${c.id}）`, value: c.id })),
        needsVote: true,
      }),
    });
  });

  it('三（三）: a matching committee is assigned at once, with its office group and size', async () => {
    const outcome = await assigned(app());
    expect(outcome).toMatchObject({
      variables: { committeeAssigned: true, committeeId: 'jl-engineering-intermediate', committeeGroup: 'committee-jl-engineering-intermediate', committeeMembers: 15, assignmentGroup: null },
    });
  });

  it('三（四）/三（五）: 初级认定 needs no vote, naming the policy entry; a junior review and every other level do', async () => {
    expect(await assigned(juniorCertification)).toMatchObject({ variables: { needsVote: false, voteWaiver: expect.stringContaining('初级认定') } });
    expect(await assigned(app({ qualification: { level: 'junior', procedure: 'review' } }))).toMatchObject({ variables: { needsVote: true, voteWaiver: null } });
    expect(await assigned(app())).toMatchObject({ variables: { needsVote: true } });
  });
});

describe('record-committee-assignment (notice 三（三）, the province assigns by hand)', () => {
  it('sets exactly the variables of the automatic assignment for the chosen committee', async () => {
    const automatic = (await assigned(app())) as { variables: Record<string, unknown> };
    const manual = (await recorded({ committeeAssignmentDecision: 'assign', assignedCommitteeId: 'jl-engineering-intermediate' })) as { variables: Record<string, unknown> };
    for (const key of ['committeeId', 'committeeName', 'committeeGroup', 'committeeMembers']) expect([key, manual.variables[key]]).toEqual([key, automatic.variables[key]]);
    expect(manual.variables).toMatchObject({ committeeAssigned: true, committeeAssignment: { decision: 'assign', committeeId: 'jl-engineering-intermediate', reason: null }, committeeAssignmentProblem: null });
  });

  it('a refusal carries its reason to the refused end', async () => {
    expect(await recorded({ committeeAssignmentDecision: 'refuse', committeeAssignmentReason: ' 本省未设该系列评委会 ' })).toMatchObject({
      variables: { committeeAssigned: false, committeeAssignment: { decision: 'refuse', committeeId: null, reason: '本省未设该系列评委会' }, refusal: '本省未设该系列评委会' },
    });
  });

  it.each([
    [{ committeeAssignmentDecision: 'assign', assignedCommitteeId: 'jl-astronomy' }, /assignedCommitteeId: "jl-astronomy" is not a committee of policy 2024 \(jl-engineering-senior, /],
    [{ committeeAssignmentDecision: 'assign' }, /assignedCommitteeId: choose the committee/],
    [{ committeeAssignmentDecision: 'refuse', committeeAssignmentReason: '  ' }, /committeeAssignmentReason: a reason is required to refuse/],
    [{}, /committeeAssignmentDecision: choose assign or refuse/],
  ])('sends %j back to the task, naming the field', async (form, message) => {
    const error = await recorded(form).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BusinessError);
    expect((error as BusinessError).code).toBe('COMMITTEE_ASSIGNMENT_INVALID');
    expect((error as Error).message).toMatch(message);
  });
});

describe('waive-vote (初级认定, notice 三（四）)', () => {
  it('passes a 初级认定 without a vote, dated today, naming the policy entry and the clause', async () => {
    const outcome = await waive.handle(waive.input.parse({ application: juniorCertification, policyId: '2024', committeeId: 'jl-engineering-intermediate' }), ctx);
    expect(outcome).toEqual({
      kind: 'complete',
      variables: {
        votePassed: true,
        vote: { passed: true, held: false, committeeId: 'jl-engineering-intermediate', decidedOn: '2024-06-19', reason: expect.stringContaining('初级认定') },
        voteWaived: { reason: expect.stringContaining('初级认定'), clause: '三（四）' },
      },
    });
  });

  it('refuses to waive the vote of a junior review (初级评审 is reviewed: 三（五）组织评审)', async () => {
    const error = await waive.handle(waive.input.parse({ application: app({ qualification: { level: 'junior' } }), policyId: '2024', committeeId: 'jl-engineering-intermediate' }), ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as Error).message).toMatch(/needs a committee vote/);
  });
});
