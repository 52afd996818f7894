// Submission: validate, decide eligibility under the active policy, record the application in the
// registry, start its flow through the engine interface; and the starts left for later (an engine
// that was down, a process that died between recording and starting).
import { createHash } from 'node:crypto';
import { applicationSchema, fieldErrors, type Application, type FieldError } from '../domain/application.js';
import { shanghaiYear, toShanghaiIso } from '../domain/time.js';
import { newApplicationId } from '../domain/codes.js';
import { EngineUnavailableError } from '../adapters/camunda7/rest-client.js';
import { FlowNotDeployedError } from '../adapters/camunda7/workflow-engine.js';
import { applicationRecord, MaterialsTakenError, type Registry } from '../registry/registry.js';
import { checkEligibility, decideFee, provinceGroup, type Reason } from '../rules/index.js';
import { missingMaterials, type MaterialsPolicy } from '../rules/materials.js';
import { processKeyOf, submittedBy, type ApplicationServiceDeps } from './context.js';
import { checkUploads, listedUploads, takenMeanwhile } from './uploads.js';

export type SubmitResult =
  | { kind: 'invalid'; errors: FieldError[] }
  /** Uploads the application lists that it cannot carry (422). */
  | { kind: 'invalid-materials'; errors: FieldError[] }
  | { kind: 'refused'; reasons: Reason[] }
  /** Another live application of the applicant in the same year and category, or a reused key. */
  | { kind: 'conflict'; errors: FieldError[] }
  /** Recorded; `processInstanceId` is null while the engine has not started it yet (it will). */
  | { kind: 'started'; id: string; processInstanceId: string | null; status: string; replayed: boolean };

/** What the caller says about the submission besides its body. */
export interface SubmitOptions {
  /** The Idempotency-Key header, scoped to the caller. */
  idempotencyKey?: string;
  /** The API client that submits (its name in API_TOKENS): it alone may read and act on the application, and its idempotency keys never collide with another client's. */
  caller?: string;
  /** The submission time; the server's clock unless a test drives a window that is not open today. */
  at?: Date;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A stable JSON text of a value (object keys sorted), for fingerprints. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export class Submissions {
  constructor(private readonly deps: ApplicationServiceDeps) {}

  /**
   * Validates, decides eligibility under the active policy at the server's time, records the
   * application and starts its flow. The registry's unique constraints make idempotency keys and
   * "one live application per applicant, year and category" hold across any number of API processes.
   */
  async submit(body: unknown, options: SubmitOptions = {}): Promise<SubmitResult> {
    if (options.idempotencyKey !== undefined && !/^[\x21-\x7e]{1,200}$/.test(options.idempotencyKey)) {
      return { kind: 'invalid', errors: [{ field: 'Idempotency-Key', message: 'must be 1 to 200 visible ASCII characters' }] };
    }
    const parsed = applicationSchema.safeParse(body);
    if (!parsed.success) return { kind: 'invalid', errors: fieldErrors(parsed.error) };
    // The uploads it carries: `materials: [{id}]` beside its fields.
    const listed = listedUploads(body);
    if (!listed.ok) return { kind: 'invalid', errors: listed.errors };
    const materialIds = listed.ids;
    const at = options.at ?? this.deps.clock();
    const year = shanghaiYear(at);
    const idempotency = options.idempotencyKey === undefined ? undefined : { key: sha256(`${options.caller ?? ''}\n${options.idempotencyKey}`), fingerprint: sha256(canonical({ ...parsed.data, submittedAt: null })) };
    const a = parsed.data;

    if (idempotency) {
      const earlier = await this.deps.registry.idempotent(idempotency.key, idempotency.fingerprint);
      if (earlier) return this.answer(earlier, year, a.category, options.caller);
    }
    const application: Application = { ...a, submittedAt: toShanghaiIso(at) };
    const policy = this.deps.policies.active();
    const eligibility = checkEligibility(application, policy, at);
    if (!eligibility.eligible) return { kind: 'refused', reasons: eligibility.reasons };

    // Uploads expire on the server's clock, whatever time the submission is dated.
    const materialProblems = await this.materialProblems(application, materialIds, options.caller, this.deps.clock(), policy.materials);
    if (materialProblems) return materialProblems;

    const id = newApplicationId(year);
    let created: Awaited<ReturnType<Registry['createApplication']>>;
    try {
      created = await this.deps.registry.createApplication(
        { ...applicationRecord(id, a, { caller: options.caller ?? null, year, policyId: this.deps.policies.activeId, engine: this.deps.engine.name, submittedAt: at, application }), fee: decideFee(application, policy), materials: materialIds },
        idempotency,
      );
    } catch (error) {
      // Attached elsewhere or expired between the check and the record: nothing was recorded.
      if (error instanceof MaterialsTakenError) return { kind: 'conflict', errors: takenMeanwhile(error, materialIds) };
      throw error;
    }
    if (created.kind !== 'created') return this.answer(created, year, a.category, options.caller);
    return this.startFlow(id, application);
  }

  /**
   * What is wrong with the uploads an application lists: unknown to this client (422), attached to
   * another application (409), expired (422), or heavier together than the policy allows (422).
   */
  private async materialProblems(application: Application, ids: readonly string[], caller: string | undefined, now: Date, policy: MaterialsPolicy): Promise<SubmitResult | null> {
    const { rows, invalid, taken } = await checkUploads(this.deps.registry, ids, caller, now);
    if (invalid.length > 0) return { kind: 'invalid-materials', errors: invalid };
    if (taken.length > 0) return { kind: 'conflict', errors: taken };
    // 三（一）, 三（二）: the kinds the unit checks for truth, and the category's own documents.
    const missing = missingMaterials(application, policy, [...rows.values()]);
    if (missing.length > 0) return { kind: 'invalid-materials', errors: missing.map((k) => ({ field: 'materials', message: `must include ${k.label} (kind ${k.kind}): upload it (POST /api/materials) and list it` })) };
    const total = [...rows.values()].reduce((n, m) => n + m.bytes, 0);
    if (total > policy.maxApplicationBytes) return { kind: 'invalid-materials', errors: [{ field: 'materials', message: `must weigh at most ${policy.maxApplicationBytes} bytes together (the policy's materials.maxApplicationBytes); these weigh ${total}` }] };
    return null;
  }

  private async answer(result: Awaited<ReturnType<Registry['createApplication']>>, year: number, category: string, client: string | undefined): Promise<SubmitResult> {
    switch (result.kind) {
      case 'created':
        throw new Error('a created application has no earlier answer');
      case 'key-reused':
        return { kind: 'conflict', errors: [{ field: 'Idempotency-Key', message: 'this key was used for a different application' }] };
      case 'live-exists': {
        // The live application's id only for the client that submitted it: to another, it does not exist.
        const live = await this.deps.registry.application(result.id);
        const which = live && submittedBy(live, client) ? `: ${result.id}` : ' (submitted through another client)';
        return { kind: 'conflict', errors: [{ field: 'applicant.idNumber', message: `the applicant already has a live application in ${year} for category ${category}${which}` }] };
      }
      case 'replay':
        return { kind: 'started', id: result.id, processInstanceId: result.processInstanceId, status: result.state === 'starting' ? 'accepted' : 'submitted', replayed: true };
    }
  }

  /**
   * What a flow starts with: the application as recorded, its policy, and the group of the
   * provincial HR department (`provinceGroup`), which the diagrams address their 省人社厅 tasks to
   * (one expression, `${provinceGroup}`, instead of a group id written into each diagram).
   */
  private startVariables(id: string, application: Application, policyId: string): Record<string, unknown> {
    return { applicationId: id, application, policyId, submittedAt: application.submittedAt, provinceGroup: provinceGroup(this.deps.policies.get(policyId)) };
  }

  /**
   * Starts the recorded application's flow. An engine that cannot be reached leaves it accepted:
   * `resumeStarts` starts it later. A flow that is not deployed forgets it (the portal may retry).
   */
  private async startFlow(id: string, application: Application): Promise<SubmitResult> {
    const key = processKeyOf(application.category);
    try {
      const instance = await this.deps.engine.start(key, id, this.startVariables(id, application, this.deps.policies.activeId));
      await this.deps.registry.markStarted(id, instance.id);
      this.deps.log.info({ applicationId: id, processInstanceId: instance.id, category: application.category }, 'application submitted');
      return { kind: 'started', id, processInstanceId: instance.id, status: 'submitted', replayed: false };
    } catch (error) {
      if (error instanceof FlowNotDeployedError) {
        await this.deps.registry.discard(id);
        throw new FlowNotDeployedError(`no flow "${key}" is deployed for category "${application.category}"`);
      }
      if (error instanceof EngineUnavailableError) {
        this.deps.log.warn({ err: error, applicationId: id }, 'application accepted; the engine is unavailable, its flow starts when it answers');
        return { kind: 'started', id, processInstanceId: null, status: 'accepted', replayed: false };
      }
      throw error;
    }
  }

  /**
   * Starts the flows of applications that were accepted but not started (the API process died
   * between the two, or the engine was down). Safe to run in every API process at once: the
   * engine adapter's start is idempotent per business key.
   */
  async resumeStarts(olderThanMs: number): Promise<number> {
    let started = 0;
    const olderThan = new Date(this.deps.clock().getTime() - olderThanMs);
    for (const row of await this.deps.registry.pendingStarts(olderThan)) {
      // Another process (or an earlier round of this one) may be starting it right now.
      if (!(await this.deps.registry.claimStart(row.id, olderThan))) continue;
      const application = applicationSchema.safeParse(row.application);
      if (!application.success) {
        this.deps.log.error({ applicationId: row.id }, 'a recorded application no longer parses; left as it is');
        continue;
      }
      try {
        const instance = await this.deps.engine.start(processKeyOf(application.data.category), row.id, this.startVariables(row.id, application.data, row.policy_id), { resume: true });
        await this.deps.registry.markStarted(row.id, instance.id);
        started++;
        this.deps.log.info({ applicationId: row.id, processInstanceId: instance.id }, 'accepted application started');
      } catch (error) {
        if (error instanceof EngineUnavailableError) return started;
        this.deps.log.error({ err: error, applicationId: row.id }, 'could not start an accepted application');
      }
    }
    return started;
  }
}
