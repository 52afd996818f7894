// One-off import of applications started before the registry existed: for each title-review flow
// in the engine's history whose application id the registry does not know, its application, route,
// fee, current step or outcome, documents, vote, certificate and result report are recorded from
// the instance's variables. Run once after upgrading (`npm run registry:import`); running it again
// imports nothing twice. This is the only place that reads facts from an engine's history.
import { applicationSchema } from '../domain/application.js';
import { shanghaiYear } from '../domain/time.js';
import type { CamundaRest } from '../adapters/camunda7/rest-client.js';
import type { Logger } from '../log.js';
import { parseCertificateNumber } from '../documents/certificates.js';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../registry/schema.js';
import { endStateOf } from '../domain/steps.js';
import { applicationRecord, type Registry, type ReportedResult } from '../registry/registry.js';
import { DEFAULT_CLIENT } from '../config.js';

const VARIABLES = ['application', 'policyId', 'route', 'division', 'fee', 'paymentDeadline', 'publicityEnd', 'certificate', 'committeeId', 'committeeGroup', 'vote', 'missedLevel', 'documents', 'unitGroup', 'resultReport'];

/** The result an ended flow reported to the provincial HR department (上报结果), by its outcome. */
const REPORTED: Partial<Record<string, ReportedResult>> = { certified: 'passed', appointed: 'passed', failed: 'failed', revoked: 'revoked' };

export interface ImportResult {
  seen: number;
  imported: number;
  skipped: Array<{ id: string; reason: string }>;
}

/**
 * `client`: the API client recorded as the submitter of every imported application (default
 * `portal`, the client of a bare token in API_TOKENS), the one that may read and act on them.
 */
export async function importFromHistory(deps: { rest: CamundaRest; registry: Registry; db: Kysely<Database>; log: Logger; engine?: string; client?: string }): Promise<ImportResult> {
  const result: ImportResult = { seen: 0, imported: 0, skipped: [] };
  for (let first = 0; ; first += 200) {
    const roots = await deps.rest.request<Array<Record<string, unknown> & { id: string }>>('POST', `/history/process-instance?firstResult=${first}&maxResults=200`, { rootProcessInstances: true, sorting: [{ sortBy: 'startTime', sortOrder: 'asc' }] });
    if (roots.length === 0) break;
    for (const root of roots) {
      const key = String(root.processDefinitionKey ?? '');
      const id = typeof root.businessKey === 'string' ? root.businessKey : null;
      if (!key.startsWith('title-') || !id) continue;
      result.seen++;
      if (await deps.registry.application(id)) continue;
      const vars = await deps.rest.historicVariables(root.id, VARIABLES);
      const parsed = applicationSchema.safeParse(vars.application);
      if (!parsed.success) {
        result.skipped.push({ id, reason: 'its application variable does not parse' });
        continue;
      }
      const a = parsed.data;
      const submittedAt = new Date(a.submittedAt ?? String(root.startTime));
      const ended = root.state !== 'ACTIVE' && root.state !== 'SUSPENDED';
      // An instance deleted by an operator ended without an outcome of its own: withdrawn.
      const outcome = ended ? (endStateOf(root.endActivityId as string | undefined) ?? 'withdrawn') : null;
      const tasks = ended ? [] : await deps.rest.tasks({ processInstanceBusinessKey: id });
      const task = tasks[0];
      const created = await deps.registry.createApplication(
        applicationRecord(id, a, { caller: deps.client ?? DEFAULT_CLIENT, year: shanghaiYear(submittedAt), policyId: String(vars.policyId ?? 'unknown'), engine: deps.engine ?? 'camunda7', submittedAt, application: a }),
      );
      if (created.kind !== 'created') {
        result.skipped.push({ id, reason: `the registry refused it: ${created.kind}` });
        continue;
      }
      await deps.registry.markStarted(id, root.id);
      const division = vars.division as { code?: string } | null;
      await deps.registry.record(id, { kind: 'imported', step: 'import', name: '自引擎历史导入 Imported from the engine history', data: { processInstanceId: root.id } }, `${id}:imported`, {
        route: vars.route ? JSON.stringify(vars.route) : null,
        division_code: division?.code ?? null,
        fee: vars.fee ? JSON.stringify(vars.fee) : null,
        payment_deadline: typeof vars.paymentDeadline === 'string' ? vars.paymentDeadline : null,
        publicity_end: typeof vars.publicityEnd === 'string' ? vars.publicityEnd : null,
        committee_id: typeof vars.committeeId === 'string' ? vars.committeeId : null,
        committee_group: typeof vars.committeeGroup === 'string' ? vars.committeeGroup : null,
        state: task ? 'in-review' : 'processing',
        current_step: task?.taskDefinitionKey ?? null,
        current_step_name: task?.name ?? null,
        current_office: task ? ((await deps.rest.candidateGroups(task.id))[0] ?? null) : null,
        current_since: task?.created ?? null,
        current_deadline: task?.due ?? null,
      });
      const documents = (vars.documents ?? {}) as Record<string, { sha256?: string; size?: number; fileName?: string; renderedAt?: string }>;
      for (const [name, d] of Object.entries(documents)) {
        if (d?.sha256 && typeof d.size === 'number' && d.fileName) await deps.registry.putDocument(id, { name, sha256: d.sha256, size: d.size, fileName: d.fileName, store: 'documents', renderedAt: d.renderedAt ?? null });
      }
      const vote = vars.vote as { members?: number; present?: number; yes?: number; against?: number | null; abstain?: number | null; passed?: boolean; committeeId?: string; decidedOn?: string } | null;
      if (vote?.committeeId && vote.decidedOn && typeof vote.yes === 'number') {
        await deps.registry.recordVote(id, { committeeId: vote.committeeId, meetingDate: vote.decidedOn, members: vote.members ?? 0, present: vote.present ?? 0, yes: vote.yes, against: vote.against ?? null, abstain: vote.abstain ?? null, passed: Boolean(vote.passed) }, `${id}:imported-vote`);
      }
      const certificate = vars.certificate as { number?: string; verificationCode?: string; kind?: string } | null;
      const number = certificate?.number ? parseCertificateNumber(certificate.number) : null;
      if (outcome && ['certified', 'appointed', 'revoked'].includes(outcome) && certificate?.verificationCode && number) {
        await deps.db.transaction().execute(async (tx) => {
          await tx
            .insertInto('certificates')
            .values({ verification_code: certificate.verificationCode!, number: certificate.number!, application_id: id, kind: certificate.kind ?? 'certificate', office: number.office, year: number.year, seq: number.sequence, committee_id: typeof vars.committeeId === 'string' ? vars.committeeId : null, committee_group: typeof vars.committeeGroup === 'string' ? vars.committeeGroup : null, issued_at: new Date(String(root.endTime ?? root.startTime)), data: JSON.stringify(certificate) })
            .onConflict((oc) => oc.doNothing())
            .execute();
          // Numbers issued before the registry stay taken: the counter continues after them.
          await tx
            .insertInto('certificate_counters')
            .values({ office: number.office, year: number.year, last: number.sequence })
            .onConflict((oc) => oc.columns(['office', 'year']).doUpdateSet({ last: sql`GREATEST(certificate_counters.last, ${number.sequence})` }))
            .execute();
        });
      }
      if (outcome) await deps.registry.finish(id, outcome as Parameters<Registry['finish']>[1], `${id}:imported-end`, { missedLevel: typeof vars.missedLevel === 'string' ? vars.missedLevel : null, step: String(root.endActivityId ?? outcome) });
      // Its result as its committee reported it: a pass by the report step (at its time), a failed or
      // revoked result as it ended (flows of then had no report step on those paths, and the report
      // of a meeting day listed every vote), as the registry's migration does for its own.
      const reported = outcome ? REPORTED[outcome] : undefined;
      const facts = reported ? await deps.registry.reportFacts(id) : null;
      const reportCommittee = facts?.vote?.committeeId ?? facts?.committeeId;
      if (reported && facts && reportCommittee && (facts.vote || reported === 'passed')) {
        const reportedAt = (vars.resultReport as { reportedAt?: unknown } | null)?.reportedAt;
        await deps.registry.recordReport(
          id,
          { committeeId: reportCommittee, meetingDate: facts.vote?.meetingDate ?? null, voteId: facts.vote?.id ?? null, result: reported, reportedAt: new Date(typeof reportedAt === 'string' ? reportedAt : String(root.endTime ?? root.startTime)) },
          `${id}:imported-report`,
          { kind: 'reported', step: 'report-result', name: '上报结果 Result reported', decision: reported, data: { importedFromHistory: true } },
        );
      }
      result.imported++;
      deps.log.info({ applicationId: id, state: outcome ?? 'live' }, 'application imported from the engine history');
    }
  }
  // Revocations decided before the registry: each revocation case holds the revoked code.
  const revoked = await deps.rest.request<Array<{ value: unknown }>>('POST', '/history/variable-instance?deserializeValues=false', { variableName: 'revokedCertificateCode' });
  for (const { value } of revoked) {
    if (typeof value !== 'string') continue;
    const certificate = await deps.registry.certificateByCode(value);
    if (certificate && certificate.status !== 'revoked') await deps.registry.revokeCertificate(value, { importedFromHistory: true });
  }
  return result;
}
