// The product on a homogeneous engine cluster: two engine nodes share one PostgreSQL database, with
// job executors on both; the API and the workers know both nodes. CLUSTER_APPLICATIONS applications
// go through the whole flow (unit review, level reviews, committee intake, payment, vote, publicity,
// certificate); part-way, node 2 is SIGKILLed. Every application must still end certified, once,
// with no incident. Run by scripts/test-cluster.sh (`make test-cluster`), which starts the nodes.
// Prints one line: `cluster: PASS n=… killed=engine-2 …` or `cluster: FAIL …`.
import { withMaterials } from '../support/materials.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, ROOT } from '../../workers/config.js';
import { createLogger } from '../../workers/log.js';
import { startService } from '../../workers/main.js';
import { rest } from '../setup/engine.js';
import { randomResidentId } from '../support/ids.js';
import { signedPayment } from '../support/payments.js';
import { fireTimers } from '../support/timers.js';
import { voteIn } from '../support/meetings.js';

const N = Number(process.env.CLUSTER_APPLICATIONS ?? 50);
const KILL_PID = Number(process.env.CLUSTER_KILL_PID ?? 0);
const LIMIT_MS = Number(process.env.CLUSTER_LIMIT_S ?? 1200) * 1000;
const fixture = JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures/application-regular.json'), 'utf8'));
delete fixture.submittedAt;
const auth = { authorization: 'Bearer local-dev-token', 'content-type': 'application/json' };
const ANSWERS: Record<string, Record<string, unknown>> = {
  'unit-review-task': { unitReviewDecision: 'approve', panelMembers: [{ name: '王一' }, { name: '李二' }, { name: '赵三' }], supervisor: '纪检 周四' },
  'level-review-task': { levelReviewDecision: 'approve' },
};
/** The vote, in a meeting of the committee recorded once: 19 of 21 present, one recused for the applicant. */
const VOTE = { members: 21, present: 19, recused: 1, yes: 15 };

async function main(): Promise<string> {
  const started = Date.now();
  const service = await startService(loadConfig({ ...process.env, API_PORT: '0', API_HOST: '127.0.0.1', POLICY_ID: 'demo', DEPLOY_ON_START: 'true', WORKER_LONG_POLL_MS: '1000', WORKER_DRAIN_MS: '2000', LOG_LEVEL: 'warn' }), createLogger('warn'));
  const api = `http://127.0.0.1:${service.port}`;
  const call = async (method: string, p: string, body?: string, headers: Record<string, string> = {}) => {
    const res = await fetch(api + p, { method, headers: { ...auth, ...headers }, body });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  try {
    const ids: string[] = [];
    for (let i = 0; i < N; i++) {
      const res = await call('POST', '/api/applications', JSON.stringify(await withMaterials(api, auth.authorization, { ...fixture, applicant: { ...fixture.applicant, idNumber: randomResidentId() } })));
      if (res.status !== 201) return `submission ${i} answered ${res.status}: ${JSON.stringify(res.body)}`;
      ids.push(String(res.body.id));
    }
    const ended = new Map<string, Record<string, unknown>>();
    let killed = false;
    let round = 0;
    while (ended.size < ids.length) {
      if (Date.now() - started > LIMIT_MS) return `only ${ended.size} of ${ids.length} ended within ${LIMIT_MS / 1000} s`;
      round++;
      for (const id of ids.filter((i) => !ended.has(i))) {
        // Part-way: once a fifth of the applications ended, the rest anywhere in the flow.
        if (!killed && KILL_PID && ended.size >= Math.ceil(ids.length / 5)) {
          process.kill(KILL_PID, 'SIGKILL');
          killed = true;
          console.log(`cluster: engine-2 (pid ${KILL_PID}) killed after ${ended.size} of ${ids.length} applications ended`);
        }
        const { status, body } = await call('GET', `/api/applications/${id}`);
        if (status !== 200) return `status of ${id} answered ${status}`;
        if (body.endedAt) {
          ended.set(id, body);
          continue;
        }
        for (const task of await rest.tasks({ processInstanceBusinessKey: id })) {
          // The office's task 缴费 stands beside a payment without a deadline (三（四）): the payment below ends it.
          if (task.taskDefinitionKey === 'payment-outstanding-task') continue;
          const answer = async () => (task.taskDefinitionKey === 'committee-vote' ? voteIn(service.registry, VOTE)(task) : (ANSWERS[task.taskDefinitionKey] ?? {}));
          await answer()
            .then((variables) => rest.completeTask(task.id, variables))
            .catch((error: unknown) => console.log(`cluster: completing ${task.taskDefinitionKey} of ${id} failed once: ${String(error)}`));
        }
        if (body.status === 'awaiting-payment') {
          const signed = signedPayment({ applicationId: id, amount: (body.fee as { amount: number }).amount, currency: 'CNY', transactionId: `T-${id}`, paidAt: new Date().toISOString() });
          await call('POST', `/api/applications/${id}/payment`, signed.body, signed.headers);
        }
        if (body.status === 'in-unit-publicity') await fireTimers(id, 'unit-publicity-ended').catch(() => 0);
        if (body.status === 'in-publicity') await fireTimers(id, 'publicity-ended').catch(() => 0);
      }
      if (round % 10 === 0) console.log(`cluster: round ${round}, ${ended.size} of ${ids.length} ended`);
      await new Promise((r) => setTimeout(r, 500));
    }
    const outcomes = new Map<string, number>();
    for (const body of ended.values()) outcomes.set(String(body.status), (outcomes.get(String(body.status)) ?? 0) + 1);
    const certified = outcomes.get('certified') ?? 0;
    const numbers = new Set([...ended.values()].map((b) => (b.certificate as { number?: string } | null)?.number).filter(Boolean));
    let incidents = 0;
    for (const id of ids) for (const instance of await rest.request<Array<{ id: string }>>('POST', '/history/process-instance', { processInstanceBusinessKey: id })) incidents += (await rest.incidents(instance.id)).length;
    const line = `n=${ids.length} killed=${killed ? 'engine-2' : 'none'} certified=${certified} certificates=${numbers.size} incidents=${incidents} outcomes=${JSON.stringify(Object.fromEntries(outcomes))} seconds=${Math.round((Date.now() - started) / 1000)}`;
    const ok = killed === Boolean(KILL_PID) && certified === ids.length && numbers.size === ids.length && incidents === 0;
    return ok ? `PASS ${line}` : `FAIL ${line}`;
  } finally {
    await service.stop();
  }
}

main().then(
  (result) => {
    const line = result.startsWith('PASS') || result.startsWith('FAIL') ? `cluster: ${result}` : `cluster: FAIL ${result}`;
    console.log(line);
    process.exit(line.startsWith('cluster: PASS') ? 0 : 1);
  },
  (error: unknown) => {
    console.log(`cluster: FAIL ${error instanceof Error ? error.stack : String(error)}`);
    process.exit(1);
  },
);
