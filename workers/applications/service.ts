// What the portal API does with applications, independent of HTTP: validate, decide, record the
// application in the registry, start its flow through the engine interface, and answer status,
// documents and verification from the registry alone.
import { createHash } from 'node:crypto';
import { documentTitle } from '../documents/templates.js';
import type { Logger } from '../log.js';
import { z } from 'zod';
import { applicationSchema, fieldErrors, ROUTE_LEVEL_OFFICES, type Application, type FieldError } from '../domain/application.js';
import { applyCorrection, changedFields, isCorrectableField, labelled, valueAt } from '../domain/corrections.js';
import { mask } from '../domain/identifiers.js';
import { formatInstantZh } from '../domain/dates-zh.js';
import { shanghaiYear, toShanghaiIso } from '../domain/time.js';
import { EngineUnavailableError } from '../adapters/camunda7/rest-client.js';
import { FlowNotDeployedError, NotWaitingError, type WorkflowEngine } from '../adapters/camunda7/workflow-engine.js';
import type { PolicyProvider } from '../policy/provider.js';
import { applicationRecord, stepDeadlineFacts, type Registry, type ApplicationRow, type CertificateRow } from '../registry/registry.js';
import { officeGroups } from '../adapters/camunda7/identity.js';
import { stepAfterFee } from '../registry/recorders.js';
import { checkEligibility, computeRoute, decideFee, needsCommitteeVote, statusContacts, type Policy, type Reason } from '../rules/index.js';
import { displayVariables } from '../domain/display.js';
import { newApplicationId } from '../domain/application-ids.js';

export { FlowNotDeployedError } from '../adapters/camunda7/workflow-engine.js';

export type SubmitResult =
  | { kind: 'invalid'; errors: FieldError[] }
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

/** Messages the portal may send into a running application. */
export type ApplicationMessage = 'PaymentConfirmed' | 'ObjectionLodged' | 'ApplicationCorrected';

/** What a correction answers. */
export type CorrectionResult =
  | { kind: 'not-found' }
  /** Not returned for correction, or its deadline passed: the message says which. */
  | { kind: 'conflict'; message: string }
  /** The body does not parse, or the corrected application does not validate like a submission. */
  | { kind: 'invalid'; errors: FieldError[] }
  /** Valid, but against the rules of a correction (a field the return did not name, a new route, no change). */
  | { kind: 'not-allowed'; errors: FieldError[] }
  | { kind: 'refused'; reasons: Reason[] }
  | { kind: 'corrected'; fields: string[]; returnsTo: { level: string | null; office: string | null; step: string } };

export const correctionSchema = z.object({
  application: z.record(z.string(), z.unknown(), { error: 'must be an object with the corrected fields of the application' }),
  comment: z.string().trim().max(2000, { error: 'must be at most 2000 characters' }).optional(),
});

/** The process that investigates objections to issued certificates. */
export const REVOCATION_PROCESS = 'certificate-revocation';

export type CertificateObjectionResult =
  | { kind: 'not-found' }
  | { kind: 'conflict'; message: string }
  | { kind: 'started'; caseId: string; certificateNumber: string };

export type MessageResult =
  | { kind: 'delivered' }
  | { kind: 'not-found' }
  | { kind: 'wrong-phase' }
  /** A payment of another amount than the fee rules charge. */
  | { kind: 'wrong-amount'; expected: number | null }
  /** A payment whose transaction id was recorded for another application. */
  | { kind: 'transaction-reused' };

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

/** The process key of a category's top-level flow. */
export const processKeyOf = (category: Application['category']): string => `title-${category}`;

export interface ApplicationServiceDeps {
  registry: Registry;
  engine: WorkflowEngine;
  policies: PolicyProvider;
  clock: () => Date;
  log: Logger;
  /** The link reviewers open an application's document with from Tasklist (reviewDocumentLink). */
  documentLink?: (ref: { applicationId: string; name: string; sha256: string; fileName: string }) => string;
}

export class ApplicationService {
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

    const id = newApplicationId(year);
    const created = await this.deps.registry.createApplication(
      { ...applicationRecord(id, a, { caller: options.caller ?? null, year, policyId: this.deps.policies.activeId, engine: this.deps.engine.name, submittedAt: at, application }), fee: decideFee(application, policy) },
      idempotency,
    );
    if (created.kind !== 'created') return this.answer(created, year, a.category, options.caller);
    return this.startFlow(id, application);
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
   * Starts the recorded application's flow. An engine that cannot be reached leaves it accepted:
   * `resumeStarts` starts it later. A flow that is not deployed forgets it (the portal may retry).
   */
  private async startFlow(id: string, application: Application): Promise<SubmitResult> {
    const key = processKeyOf(application.category);
    try {
      const instance = await this.deps.engine.start(key, id, { applicationId: id, application, policyId: this.deps.policies.activeId, submittedAt: application.submittedAt });
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
        const instance = await this.deps.engine.start(processKeyOf(application.data.category), row.id, { applicationId: row.id, application: application.data, policyId: row.policy_id, submittedAt: application.data.submittedAt }, { resume: true });
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

  /**
   * The status of an application from the registry, or null when the id is unknown, or when
   * `client` is given and did not submit it (another portal's application does not exist for it).
   */
  async status(id: string, client?: string): Promise<Record<string, unknown> | null> {
    const [row, events, documents, certificate] = await Promise.all([
      this.deps.registry.application(id),
      this.deps.registry.events(id),
      this.deps.registry.documents(id),
      this.deps.registry.certificateOf(id),
    ]);
    if (!row || !submittedBy(row, client)) return null;
    return {
      id,
      processInstanceId: row.process_instance_id,
      category: row.category,
      status: row.state === 'starting' ? 'accepted' : row.state,
      startedAt: toShanghaiIso(row.submitted_at),
      endedAt: row.ended_at ? toShanghaiIso(row.ended_at) : null,
      missedLevel: row.missed_level,
      withdrawal: withdrawalOf(row, events),
      currentSteps: currentSteps(row, events),
      route: row.route ?? null,
      fee: row.fee ?? null,
      feeState: row.fee_state,
      paymentDeadline: row.payment_deadline ? toShanghaiIso(row.payment_deadline) : null,
      publicityEnd: row.publicity_end ? toShanghaiIso(row.publicity_end) : null,
      correction: row.state === 'returned' ? correctionAsked(id, row, events) : null,
      certificate: certificate ? { number: certificate.number, verificationCode: certificate.verificationCode, status: certificate.status, ...(certificate.revokedAt ? { revokedAt: toShanghaiIso(certificate.revokedAt) } : {}) } : null,
      history: events.map((e) => ({
        event: e.kind,
        step: e.step,
        name: e.step_name,
        at: toShanghaiIso(e.at),
        level: e.level,
        office: e.office,
        by: e.actor,
        decision: e.decision,
        reasons: e.reasons ?? null,
        comment: e.comment,
        ...(Array.isArray((e.data as { fields?: unknown } | null)?.fields) ? { fields: (e.data as { fields: string[] }).fields } : {}),
        ...(e.kind === 'step-opened' && (e.data as { deadline?: string } | null)?.deadline ? { deadline: toShanghaiIso(new Date((e.data as { deadline: string }).deadline)) } : {}),
        ...(e.kind === 'step-opened' && (e.data as { warning?: string } | null)?.warning ? { warning: (e.data as { warning: string }).warning } : {}),
      })),
      documents: documents.map((d) => documentEntry(id, d)),
      contacts: this.contacts(row),
    };
  }

  /**
   * Who to ask about the application (notice 五（五）政策咨询): the office handling its current step,
   * with that office's numbers where the policy has them, and the notice's consultation lines.
   */
  private contacts(row: ApplicationRow) {
    const policy = this.policyOf(row);
    const group = row.live ? row.current_office : null;
    if (!group) return statusContacts(policy, null);
    const name = group === `unit-${row.unit_credit_code}` ? row.unit_name : (this.officeNames(policy).get(group) ?? null);
    return statusContacts(policy, { group, name });
  }

  /** The policy an application was submitted under (the active one when that is no longer shipped). */
  private policyOf(row: ApplicationRow): Policy {
    try {
      return this.deps.policies.get(row.policy_id);
    } catch {
      return this.deps.policies.active();
    }
  }

  private readonly names = new Map<Policy, Map<string, string>>();

  /** Office names by engine group, as the engine's identity has them. */
  private officeNames(policy: Policy): Map<string, string> {
    let names = this.names.get(policy);
    if (!names) this.names.set(policy, (names = new Map(officeGroups(policy).map((g) => [g.id, g.name]))));
    return names;
  }

  /** The documents made for an application so far, or null when the id is unknown (or not `client`'s). */
  async documents(id: string, client?: string): Promise<DocumentEntry[] | null> {
    const row = await this.deps.registry.application(id);
    if (!row || !submittedBy(row, client)) return null;
    return (await this.deps.registry.documents(id)).map((d) => documentEntry(id, d));
  }

  /** Public verification of a certificate by its code: holder (ID masked), title, level, date, status. */
  async verifyCertificate(code: string): Promise<Record<string, unknown> | null> {
    const certificate = await this.deps.registry.certificateByCode(code);
    if (!certificate) return null;
    const row = await this.deps.registry.application(certificate.applicationId);
    const application = applicationSchema.safeParse(row?.application);
    const data = certificate.data as { title?: string; level?: string; issuedOn?: string; holder?: string };
    return {
      number: certificate.number,
      holder: { name: data.holder ?? row?.applicant_name ?? null, idNumber: application.success ? mask(application.data.applicant.idNumber) : null },
      title: data.title ?? null,
      level: data.level ?? null,
      issuedOn: data.issuedOn ?? null,
      status: certificate.status,
      ...(certificate.revokedAt ? { revokedOn: toShanghaiIso(certificate.revokedAt).slice(0, 10) } : {}),
    };
  }

  /**
   * An objection to an issued certificate: starts its investigation by the office of the committee
   * that issued it. One open case per certificate (claimed in the registry, so across API
   * processes too); a revoked certificate takes no more objections.
   */
  async objectToCertificate(code: string, objection: { reason: string; lodgedBy: string; contact?: string | null | undefined }): Promise<CertificateObjectionResult> {
    const certificate = await this.deps.registry.certificateByCode(code);
    if (!certificate) return { kind: 'not-found' };
    if (certificate.status === 'revoked') return { kind: 'conflict', message: 'this certificate is already revoked' };
    if (!(await this.deps.registry.claimObjection(code))) return { kind: 'conflict', message: 'an objection to this certificate is already under investigation' };
    try {
      if (!certificate.committeeGroup) throw new Error(`certificate ${certificate.number} names no committee office`);
      const row = await this.deps.registry.require(certificate.applicationId);
      const data = certificate.data as { issuedOn?: string; title?: string };
      const now = this.deps.clock();
      const lodgedAt = toShanghaiIso(now);
      const documents = await this.deps.registry.documents(certificate.applicationId);
      const document = documents.find((d) => d.name === (certificate.kind === 'post-appointment-notice' ? 'appointment-notice' : 'certificate'));
      const instance = await this.deps.engine.start(REVOCATION_PROCESS, certificate.number, {
        objectedCertificateCode: code,
        certificateNumber: certificate.number,
        issuedOn: data.issuedOn ?? null,
        applicationId: certificate.applicationId,
        applicantName: row.applicant_name,
        titleApplied: data.title ?? `${row.series} ${row.specialty}`,
        committeeGroup: certificate.committeeGroup,
        certificateLink: document && this.deps.documentLink ? this.deps.documentLink({ applicationId: certificate.applicationId, name: document.name, sha256: document.sha256, fileName: document.file_name }) : null,
        objection: { reason: objection.reason, lodgedBy: objection.lodgedBy, contact: objection.contact ?? null, lodgedAt, lodgedAtText: formatInstantZh(now) },
      });
      await this.deps.registry.setObjectionCase(code, instance.id);
      await this.deps.registry.record(certificate.applicationId, { kind: 'certificate-objection', step: 'investigate-certificate-objection', name: '证书异议 Objection to the certificate', office: certificate.committeeGroup, comment: objection.reason }, `certificate-objection:${instance.id}`);
      this.deps.log.info({ applicationId: certificate.applicationId, certificateNumber: certificate.number, processInstanceId: instance.id }, 'objection to a certificate lodged');
      return { kind: 'started', caseId: instance.id, certificateNumber: certificate.number };
    } catch (error) {
      await this.deps.registry.setObjectionCase(code, null).catch(() => undefined);
      throw error;
    }
  }

  /**
   * Delivers a portal message to the application's flow and records it. A payment is recorded
   * first (its transaction id once), and forgotten again when the flow does not wait for one.
   * With `client`, only an application that client submitted (another's is not found).
   */
  async deliver(id: string, message: ApplicationMessage, variables: Record<string, unknown>, client?: string): Promise<MessageResult> {
    const row = await this.deps.registry.application(id);
    if (!row || !submittedBy(row, client)) return { kind: 'not-found' };
    if (message === 'PaymentConfirmed') return this.pay(row, variables);
    try {
      await this.correlate(message, row, variables);
    } catch (error) {
      if (error instanceof NotWaitingError) return { kind: 'wrong-phase' };
      throw error;
    }
    const objection = variables.objection as { reason?: string; lodgedBy?: string } | undefined;
    const inUnitPublicity = row.state === 'in-unit-publicity';
    await this.deps.registry.record(id, { kind: 'objection', step: 'objection', name: '异议 Objection lodged', comment: objection?.reason ?? null, data: { lodgedBy: objection?.lodgedBy ?? null } }, null);
    await this.deps.registry.openStep(
      id,
      { state: 'in-review', step: inUnitPublicity ? 'investigate-unit-objection' : 'investigate-objection', name: '异议调查 Objection investigation', office: inUnitPublicity ? row.current_office : row.committee_group },
      `objection:${id}:${this.deps.clock().getTime()}`,
    );
    return { kind: 'delivered' };
  }

  /**
   * The applicant's correction of a returned application (退回补正): the corrected fields, validated
   * like a submission, may change only what the return named; the flow goes back to the level that
   * returned it. After the correction's deadline the flow counts the application as given up (视为放弃),
   * so a late correction is refused even before the flow's timer has fired.
   */
  async correct(id: string, body: unknown, client?: string): Promise<CorrectionResult> {
    const row = await this.deps.registry.application(id);
    if (!row || !submittedBy(row, client)) return { kind: 'not-found' };
    const notReturned = (r: ApplicationRow) => {
      if (r.state !== 'returned') return `the application is not returned for correction (its status is ${r.state === 'starting' ? 'accepted' : r.state})`;
      if (r.current_deadline && this.deps.clock().getTime() > r.current_deadline.getTime()) {
        return `the deadline to correct was ${formatInstantZh(r.current_deadline)}; an application not corrected by then counts as given up (视为放弃)`;
      }
      return null;
    };
    const early = notReturned(row);
    if (early) return { kind: 'conflict', message: early };
    const parsedBody = correctionSchema.safeParse(body);
    if (!parsedBody.success) return { kind: 'invalid', errors: fieldErrors(parsedBody.error) };

    const returned = returnOf(await this.deps.registry.events(id));
    const before = applicationSchema.parse(row.application);
    const merged = applyCorrection(before, parsedBody.data.application);
    const parsed = applicationSchema.safeParse({ ...(merged as object), submittedAt: before.submittedAt });
    if (!parsed.success) return { kind: 'invalid', errors: fieldErrors(parsed.error).map((e) => ({ ...e, field: `application.${e.field}` })) };
    const after = parsed.data;
    const changed = changedFields(before, after);
    const named = new Set<string>(returned?.fields ?? []);
    const errors = changed
      .filter((f) => !named.has(f))
      .map((field) => ({
        field: `application.${field}`,
        message: isCorrectableField(field)
          ? `was not named by the return; the return asked to correct: ${[...named].join(', ') || '(nothing)'}`
          : 'cannot be changed by a correction (withdraw and apply again instead)',
      }));
    if (errors.length) return { kind: 'not-allowed', errors };
    if (!changed.length) return { kind: 'not-allowed', errors: [{ field: 'application', message: `changes none of the fields the return named: ${[...named].join(', ')}` }] };

    const policy = this.deps.policies.get(row.policy_id);
    const eligibility = checkEligibility(after, policy, row.submitted_at);
    if (!eligibility.eligible) return { kind: 'refused', reasons: eligibility.reasons };
    const level = returned?.level ?? 'unit';
    // A level above the unit reviews the route it was sent on; a correction that would send the
    // application another way goes back through the unit (which only the unit's return does).
    if (level !== 'unit') {
      const routing = computeRoute(after, policy);
      const path = (steps: unknown) => (Array.isArray(steps) ? steps.map((s: { level?: string; divisionCode?: string }) => `${s.level}:${s.divisionCode ?? ''}`).join('>') : '');
      if (routing.ok && path(routing.route) !== path(row.route)) {
        return { kind: 'not-allowed', errors: changed.map((field) => ({ field: `application.${field}`, message: 'changes the route upward, which a correction returned by a level above the unit may not do' })) };
      }
    }

    const step = returned?.level === 'unit' || !returned
      ? { state: 'in-review', step: 'unit-review-task', name: '单位审核 Unit review', level: 'unit', office: row.current_office, deadline: row.current_deadline }
      : { state: 'in-review', step: 'level-review-task', name: returned.stepName ?? '逐级审核 Level review', level: returned.level, office: row.current_office, deadline: row.current_deadline };
    const correctedAt = toShanghaiIso(this.deps.clock());
    let result: Awaited<ReturnType<Registry['correct']>>;
    try {
      result = await this.deps.registry.correct(id, {
      check: notReturned,
      deliver: () => this.correlate('ApplicationCorrected', row, { application: after, correctedFields: changed, correctedAt, ...displayVariables(after) }),
      change: { application: JSON.stringify(after), applicant_name: after.applicant.name, series: after.qualification.series, specialty: after.qualification.specialty, level: after.qualification.level, unit_name: after.unit.name },
      event: { kind: 'corrected', step: 'await-correction', name: '补正 Corrected by the applicant', level: step.level, office: step.office, comment: parsedBody.data.comment ?? null, data: { fields: changed, before: Object.fromEntries(changed.map((f) => [f, valueAt(before, f) ?? null])) } },
      step,
      });
    } catch (error) {
      // The flow left the wait (its deadline fired) before the registry heard of it.
      if (error instanceof NotWaitingError) return { kind: 'conflict', message: 'the application no longer waits for a correction (its deadline passed or it ended)' };
      throw error;
    }
    if (result.kind === 'conflict') return result;
    this.deps.log.info({ applicationId: id, fields: changed, level: step.level }, 'application corrected');
    return { kind: 'corrected', fields: changed, returnsTo: { level: step.level, office: step.office, step: step.step } };
  }

  /**
   * Correlates a message. The registry records a waiting step as the step before it completes, so
   * for a moment the flow may not have reached it yet: while the registry says the application
   * waits for this message, a refusal is retried briefly instead of answered as the wrong phase.
   */
  private async correlate(message: ApplicationMessage, row: ApplicationRow, variables: Record<string, unknown>): Promise<void> {
    const expected = WAITS_FOR[message];
    for (let attempt = 0; ; attempt++) {
      try {
        await this.deps.engine.correlate(message, row.id, variables);
        return;
      } catch (error) {
        if (!(error instanceof NotWaitingError) || !expected.includes(row.state) || attempt >= 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  }

  private async pay(row: ApplicationRow, variables: Record<string, unknown>): Promise<MessageResult> {
    const payment = variables.payment as { amount: number; currency: string; transactionId: string; paidAt: string };
    const fee = row.fee as { exempt?: boolean; amount?: number | null } | null;
    // Only the amount the fee rules charge this application is taken; an exempt one pays nothing.
    if (fee?.exempt || typeof fee?.amount !== 'number') return { kind: 'wrong-phase' };
    if (Math.round(payment.amount * 100) !== Math.round(fee.amount * 100)) return { kind: 'wrong-amount', expected: fee.amount };
    const recorded = await this.deps.registry.recordPayment(row.id, payment);
    // The same confirmation again answers as the first time and records nothing new.
    if (recorded.kind === 'replay') return { kind: 'delivered' };
    if (recorded.kind === 'transaction-reused') return { kind: 'transaction-reused' };
    try {
      await this.correlate('PaymentConfirmed', row, variables);
    } catch (error) {
      await this.deps.registry.forgetPayment(row.id, payment.transactionId);
      if (error instanceof NotWaitingError) return { kind: 'wrong-phase' };
      throw error;
    }
    // A policy that charges 初级认定 still takes it past the vote (notice 三（四）: recognised, not reviewed).
    const application = applicationSchema.safeParse(row.application);
    const needsVote = !application.success || needsCommitteeVote(application.data, this.policyOf(row)).needed;
    await this.deps.registry.openStep(row.id, { state: 'in-review', ...stepAfterFee(needsVote), level: 'committee', office: row.committee_group }, `paid:${payment.transactionId}`);
    return { kind: 'delivered' };
  }
}

/** The states in which the flow waits for a message. */
const WAITS_FOR: Record<ApplicationMessage, readonly string[]> = {
  PaymentConfirmed: ['awaiting-payment'],
  ObjectionLodged: ['in-publicity', 'in-unit-publicity'],
  ApplicationCorrected: ['returned'],
};

/** The last return for correction in an application's history: who returned it and what to correct. */
function returnOf(events: Array<{ kind: string; decision: string | null; level: string | null; step_name: string | null; reasons: unknown; comment: string | null; at: Date; office: string | null; data: unknown }>) {
  const e = [...events].reverse().find((x) => x.kind === 'decision' && x.decision === 'return');
  if (!e) return null;
  const fields = ((e.data as { fields?: unknown[] } | null)?.fields ?? []).filter(isCorrectableField);
  return { level: e.level, office: e.office, stepName: e.step_name, reasons: (e.reasons as string[] | null) ?? [], comment: e.comment, at: e.at, fields };
}

/** What a returned application's status says: who returned it, why, what to correct, by when. */
function correctionAsked(id: string, row: ApplicationRow, events: Parameters<typeof returnOf>[0]) {
  const r = returnOf(events);
  return {
    returnedBy: r ? { level: r.level, office: r.office, name: r.stepName } : null,
    returnedAt: r ? toShanghaiIso(r.at) : null,
    reasons: r?.reasons ?? [],
    fields: (r?.fields ?? []).map(labelled),
    deadline: row.current_deadline ? toShanghaiIso(row.current_deadline) : null,
    href: `/api/applications/${id}/corrections`,
  };
}

/**
 * Why a withdrawn application was withdrawn: the level that missed the notice's deadline, and that
 * deadline (四（二）, 四（五）: 逾期视为放弃).
 */
function withdrawalOf(row: ApplicationRow, events: ReadonlyArray<{ kind: string; data: unknown }>) {
  if (row.state !== 'withdrawn' || !row.missed_level) return null;
  const ended = [...events].reverse().find((e) => e.kind === 'ended');
  if (row.missed_level === 'payment') {
    // The payment's deadline is the payment notice's (三（四） 缴费方式另行通知), not the review timetable's.
    const due = row.payment_deadline ? toShanghaiIso(row.payment_deadline) : null;
    return { level: 'payment', deadline: due, reason: `申报人未在缴费截止时间${due ? `（${formatInstantZh(due)}）` : ''}前缴费，视为放弃` };
  }
  const deadline = (ended?.data as { missedDeadline?: string } | null)?.missedDeadline ?? null;
  const by = ROUTE_LEVEL_OFFICES[row.missed_level as keyof typeof ROUTE_LEVEL_OFFICES] ?? row.missed_level;
  const when = deadline ? `通知规定的截止时间（${formatInstantZh(deadline)}）` : '通知规定的截止时间';
  return { level: row.missed_level, deadline, reason: `${by}未在${when}前完成，视为放弃` };
}

/** The step an application waits in, as the status lists it. */
function currentSteps(row: ApplicationRow, events: ReadonlyArray<{ kind: string; step: string | null; data: unknown }>) {
  if (!row.live || !row.current_step) return [];
  const facts = stepDeadlineFacts(events, row.current_step);
  const warning = facts?.warning;
  const provisional = facts?.provisional ?? null;
  return [{
    step: row.current_step,
    name: row.current_step_name,
    offices: row.current_office ? [row.current_office] : [],
    since: row.current_since ? toShanghaiIso(row.current_since) : null,
    deadline: row.current_deadline ? toShanghaiIso(row.current_deadline) : null,
    ...(warning ? { warning } : {}),
    provisional: provisional !== null,
    ...(provisional ? { provisionalReason: provisional } : {}),
  }];
}

/** A document of an application as the API lists it. */
export interface DocumentEntry {
  name: string;
  title: string;
  fileName: string;
  sha256: string;
  size: number;
  renderedAt: string | null;
  /** Download through the API (bearer token). */
  href: string;
}

function documentEntry(id: string, d: { name: string; file_name: string; sha256: string; size: number; rendered_at: Date | null }): DocumentEntry {
  return { name: d.name, title: documentTitle(d.name), fileName: d.file_name, sha256: d.sha256, size: d.size, renderedAt: d.rendered_at ? toShanghaiIso(d.rendered_at) : null, href: `/api/applications/${id}/documents/${d.name}` };
}

export type { CertificateRow };

/** Whether `client` (an API client's name) submitted the application; no client: the product itself asks. */
function submittedBy(row: ApplicationRow, client: string | undefined): boolean {
  return client === undefined || row.caller === client;
}
