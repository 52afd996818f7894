// Every category's flow, from submission to its end, on the real engine: a driver plays each
// office (unit panel, HR levels, committee office, committee, provincial HR verification) and the
// portal (payment), and fires the publicity timers through the job API. The service and the demo
// policy it runs run on the test clock (test/support/clock.ts), so `npm run test:dates` drives the
// twelve flows as if it were 2027-12-20 too.
import { withMaterials } from '../support/materials.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CATEGORY_IDS, type CategoryId } from '../../workers/domain/application.js';
import { loadConfig, ROOT } from '../../workers/config.js';
import { createLogger } from '../../workers/log.js';
import { startService, type Running } from '../../workers/main.js';
import { createPolicyProvider } from '../../workers/policy/provider.js';
import { serviceEnv } from '../setup/engine.js';
import { randomResidentId } from '../support/ids.js';
import { fireTimers } from '../support/timers.js';
import { signedPayment } from '../support/payments.js';
import { playToTheEnd } from '../support/offices.js';
import { voteIn } from '../support/meetings.js';
import { nextWindowOpening } from '../../workers/rules/deadlines.js';
import { testClock, testNow } from '../support/clock.js';

const fixture = JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures/application-regular.json'), 'utf8'));
delete fixture.submittedAt;
const auth = { authorization: 'Bearer local-dev-token', 'content-type': 'application/json' };
let service: Running;
let api: string;

beforeAll(async () => {
  service = await startService(loadConfig(serviceEnv()), createLogger('silent'), { clock: testClock });
  api = `http://127.0.0.1:${service.port}`;
});
afterAll(() => service?.stop());

/** What differs per category in the application. */
const APPLICATIONS: Partial<Record<CategoryId, Record<string, unknown>>> = {
  'post-grade-2-3': {
    qualification: { ...fixture.qualification, postGrade: 2 },
    unit: { ...fixture.unit, kind: 'institution', appointmentLinked: true, registrationAuthority: null, competentDepartment: { name: '长春市教育局', level: 'city', divisionCode: '220100' } },
  },
  'k12-senior': { qualification: { ...fixture.qualification, series: '中小学教师', specialty: '数学', level: 'senior' } },
  'k12-associate-and-below': { qualification: { ...fixture.qualification, series: '中小学教师', specialty: '语文', level: 'associate-senior' } },
  'private-senior-manager': { qualification: { ...fixture.qualification, series: '企业管理', specialty: '经营管理', level: 'senior' } },
  // 乡村振兴人才 is fee-exempt by the category alone (三（四）): no document is asked.
  'rural-revitalization': { qualification: { ...fixture.qualification, series: '农业', specialty: '农学', level: 'intermediate' } },
};

/**
 * Windows that are not open today under the service's demo policy (the same policy: built on the
 * test clock's day): submit inside the next one, as the policy's own windows say (a turn of the year
 * included), 09:00 on its first day.
 */
function submissionTime(category: CategoryId): string | null {
  const policy = createPolicyProvider({ dir: path.join(ROOT, 'policy'), activeId: 'demo', demoBaseId: '2024', today: testNow() }).active();
  const w = policy.categories[category].window;
  if (w.kind === 'fixed') return `${w.start}T09:00:00+08:00`;
  if (w.kind === 'monthly') {
    const opens = nextWindowOpening(policy, category, testNow());
    if (!opens) throw new Error(`the demo policy has no ${category} window after ${testNow().toISOString()}`);
    return new Date(Date.parse(opens) + 9 * 3600_000).toISOString();
  }
  return null;
}

async function submit(category: CategoryId): Promise<string> {
  const over = APPLICATIONS[category] ?? {};
  const application = { ...fixture, ...over, category, applicant: { ...fixture.applicant, ...((over.applicant as object | undefined) ?? {}), idNumber: randomResidentId() } };
  const at = submissionTime(category);
  if (at) {
    // Submitted with a time inside the category's window: the flow, not the API's clock, is under test.
    // As the portal of local-dev-token submits (client `portal`), so that its status answers it.
    const result = await service.applications.submit(await withMaterials(api, auth.authorization, application), { at: new Date(at), caller: 'portal' });
    expect(result).toMatchObject({ kind: 'started', processInstanceId: expect.any(String) });
    return (result as { id: string }).id;
  }
  const res = await fetch(`${api}/api/applications`, { method: 'POST', headers: auth, body: JSON.stringify(await withMaterials(api, auth.authorization, application)) });
  const body = (await res.json()) as { id: string };
  expect([res.status, body]).toEqual([201, expect.objectContaining({ id: expect.any(String) })]);
  return body.id;
}

async function statusOf(id: string) {
  return (await (await fetch(`${api}/api/applications/${id}`, { headers: auth })).json()) as Record<string, unknown>;
}

/** Plays every office until the application ends; returns the final status and the steps taken. */
const drive = (id: string) =>
  playToTheEnd(id, {
    statusOf,
    answers: {
      'unit-review-task': { unitReviewDecision: 'approve', panelMembers: [{ name: '王一' }, { name: '李二' }, { name: '赵三' }], supervisor: '纪检 周四' },
      'level-review-task': { levelReviewDecision: 'approve' },
      'verify-documents': { documentsVerified: 'verified', verificationNote: '原件已核' },
      'committee-vote': voteIn(service.registry, { members: 21, present: 19, recused: 1, yes: 15 }),
    },
    async whenIdle(status, steps) {
      if (status.status === 'awaiting-payment') {
        steps.push('payment');
        const fee = status.fee as { amount: number };
        const signed = signedPayment({ applicationId: id, amount: fee.amount, currency: 'CNY', transactionId: `T-${id}`, paidAt: testNow().toISOString() });
        const res = await fetch(`${api}/api/applications/${id}/payment`, { method: 'POST', headers: { ...auth, ...signed.headers }, body: signed.body });
        expect(res.status).toBe(202);
      }
      if (status.status === 'in-unit-publicity') {
        steps.push('unit-publicity');
        await fireTimers(id, 'unit-publicity-ended');
      }
      if (status.status === 'in-publicity') {
        steps.push('publicity');
        await fireTimers(id, 'publicity-ended');
      }
    },
  });

const OUTCOME: Partial<Record<CategoryId, string>> = { 'post-grade-2-3': 'appointed' };
const VERIFIED = new Set(['agency-transfer', 'military-transfer', 'talent-incentive', 'dual-track', 'grassroots-postgrad']);
const EXEMPT = new Set(['post-grade-2-3', 'rural-revitalization']);

describe('SPEC 3, SPEC 6: the twelve category flows, on the test clock (四（五）, 四（六） windows of the demo policy)', () => {
  it.each(CATEGORY_IDS)('%s runs to its end', async (category) => {
    const id = await submit(category);
    const { status, steps } = await drive(id);
    expect(status.status).toBe(OUTCOME[category] ?? 'certified');
    expect(steps.includes('verify-documents')).toBe(VERIFIED.has(category));
    expect(steps.includes('payment')).toBe(!EXEMPT.has(category));
    expect(steps.filter((s) => s === 'unit-review-task')).toHaveLength(1);
    expect(steps).toContain('committee-vote');
    expect(status.certificate).toEqual({ number: expect.any(String), verificationCode: expect.stringMatching(/^[2-9A-HJKMNP-Z]{20}$/), status: 'valid' });
    // Its outcome document: the certificate, or for post grades 2/3 the result notice; beside the
    // 一览表 and the applicant's 公示表 of the unit's publicity, and the committee's 公示表.
    const outcome = category === 'post-grade-2-3' ? 'appointment-notice' : 'certificate';
    expect((status.documents as Array<{ name: string }>).map((d) => d.name).sort()).toEqual([outcome, 'publicity-form', 'review-summary', 'unit-publicity-form'].sort());
  });
});
