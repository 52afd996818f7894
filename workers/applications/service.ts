// What the portal API does with applications, independent of HTTP: validate, decide, start the
// category's flow with the application id as business key, report status, take corrections.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { documentTitle } from '../documents/templates.js';
import type { Logger } from '../log.js';
import { applicationSchema, fieldErrors, type Application, type FieldError } from '../domain/application.js';
import { mask } from '../domain/identifiers.js';
import { shanghaiYear, toShanghaiIso } from '../domain/time.js';
import { EngineRequestError, type CamundaRest } from '../engine/camunda-rest.js';
import type { PolicyProvider } from '../policies.js';
import { checkEligibility, decideFee, type Reason } from '../rules/index.js';
import { newApplicationId } from './ids.js';
import { KeyedLock } from './keyed-lock.js';


export type SubmitResult =
  | { kind: 'invalid'; errors: FieldError[] }
  | { kind: 'refused'; reasons: Reason[] }
  /** Another live application of the applicant in the same year and category, or a reused key. */
  | { kind: 'conflict'; errors: FieldError[] }
  | { kind: 'started'; id: string; processInstanceId: string; status: string; replayed: boolean };

/** What the caller says about the submission besides its body. */
export interface SubmitOptions {
  /** The Idempotency-Key header, scoped to the caller. */
  idempotencyKey?: string;
  /** Who calls (a hash of the bearer token), so that two portals' keys never collide. */
  caller?: string;
}

/** Messages the portal may send into a running application. */
export type ApplicationMessage = 'PaymentConfirmed' | 'ObjectionLodged';

/** The process that investigates objections to issued certificates. */
export const REVOCATION_PROCESS = 'certificate-revocation';

export type CertificateObjectionResult =
  | { kind: 'not-found' }
  | { kind: 'conflict'; message: string }
  | { kind: 'started'; caseId: string; certificateNumber: string };

const issuedSchema = z.object({ kind: z.string().optional(), number: z.string(), title: z.string(), level: z.string(), issuedOn: z.string(), verificationCode: z.string() }).passthrough();

interface IssuedCertificate {
  applicationId: string;
  committeeGroup: string | null;
  titleApplied: string;
  certificateLink: string | null;
  certificate: z.infer<typeof issuedSchema>;
  application: Application;
}

export type MessageResult = { kind: 'delivered' } | { kind: 'not-found' } | { kind: 'wrong-phase' };

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

/** No flow is deployed for the application's category. */
export class FlowNotDeployedError extends Error {
  override readonly name = 'FlowNotDeployedError';
}

/** The process key of a category's top-level flow. */
export const processKeyOf = (category: Application['category']): string => `title-${category}`;

/** Statuses of ended applications; a top-level end event's id starts with its status. */
const END_STATUSES = new Set(['refused', 'rejected', 'withdrawn', 'failed', 'revoked', 'certified', 'appointed']);

/** The status an end event of a top-level flow stands for (`withdrawn-committee` -> withdrawn). */
export function endStatus(endEventId: string): string | undefined {
  const status = endEventId.split('-')[0]!;
  return END_STATUSES.has(status) ? status : undefined;
}

/** Receive tasks where the application waits for the applicant's correction. */
const CORRECTION_STEPS = new Set(['await-correction', 'await-level-correction', 'await-intake-correction']);

/** Waiting steps that are not user tasks, by the status they mean. */
const WAITING_STATUS: Record<string, string> = { 'await-payment': 'awaiting-payment', 'publicity-gateway': 'in-publicity', 'unit-publicity-gateway': 'in-unit-publicity' };

export interface ApplicationServiceDeps {
  rest: CamundaRest;
  policies: PolicyProvider;
  clock: () => Date;
  log: Logger;
}

export class ApplicationService {
  private readonly lock = new KeyedLock();

  constructor(private readonly deps: ApplicationServiceDeps) {}

  /**
   * Validates, decides eligibility under the active policy at the server's time, and starts the
   * flow. With an idempotency key, a retry returns the first answer and starts nothing: the key is
   * kept as a process variable, so this holds across restarts of the API too.
   */
  async submit(body: unknown, options: SubmitOptions = {}): Promise<SubmitResult> {
    if (options.idempotencyKey !== undefined && !/^[\x21-\x7e]{1,200}$/.test(options.idempotencyKey)) {
      return { kind: 'invalid', errors: [{ field: 'Idempotency-Key', message: 'must be 1 to 200 visible ASCII characters' }] };
    }
    const parsed = applicationSchema.safeParse(body);
    if (!parsed.success) return { kind: 'invalid', errors: fieldErrors(parsed.error) };
    const at = this.deps.clock();
    const year = shanghaiYear(at);
    const idempotencyKey = options.idempotencyKey === undefined ? null : sha256(`${options.caller ?? ''}\n${options.idempotencyKey}`);
    const fingerprint = sha256(canonical({ ...parsed.data, submittedAt: null }));
    // One live application per applicant, year and category; the ID number itself is not stored in the key.
    const applicantKey = sha256(`${year}|${parsed.data.category}|${parsed.data.applicant.idNumber}`);

    return this.lock.run([applicantKey, ...(idempotencyKey ? [idempotencyKey] : [])], async () => {
      if (idempotencyKey) {
        const [earlier] = await this.deps.rest.historicProcessInstances({
          rootProcessInstances: true,
          variables: [{ name: 'idempotencyKey', operator: 'eq', value: idempotencyKey }],
        });
        if (earlier) {
          const vars = await this.deps.rest.historicVariables(earlier.id, ['idempotencyFingerprint']);
          if (vars.idempotencyFingerprint !== fingerprint) {
            return { kind: 'conflict', errors: [{ field: 'Idempotency-Key', message: 'this key was used for a different application' }] };
          }
          return { kind: 'started', id: String(earlier.businessKey), processInstanceId: earlier.id, status: 'submitted', replayed: true };
        }
      }
      const [live] = await this.deps.rest.historicProcessInstances({
        rootProcessInstances: true,
        unfinished: true,
        variables: [{ name: 'applicantKey', operator: 'eq', value: applicantKey }],
      });
      if (live) {
        return {
          kind: 'conflict',
          errors: [{ field: 'applicant.idNumber', message: `the applicant already has a live application in ${year} for category ${parsed.data.category}: ${String(live.businessKey)}` }],
        };
      }

      const application: Application = { ...parsed.data, submittedAt: toShanghaiIso(at) };
      const policy = this.deps.policies.active();
      const eligibility = checkEligibility(application, policy, at);
      if (!eligibility.eligible) return { kind: 'refused', reasons: eligibility.reasons };
      return this.start(application, year, { applicantKey, idempotencyKey, idempotencyFingerprint: idempotencyKey ? fingerprint : null });
    });
  }

  private async start(application: Application, year: number, keys: Record<string, string | null>): Promise<SubmitResult> {
    const id = newApplicationId(year);
    const key = processKeyOf(application.category);
    try {
      const instance = await this.deps.rest.startProcess(key, id, {
        applicationId: id,
        application,
        policyId: this.deps.policies.activeId,
        submittedAt: application.submittedAt,
        ...keys,
      });
      this.deps.log.info({ applicationId: id, processInstanceId: instance.id, category: application.category }, 'application submitted');
      return { kind: 'started', id, processInstanceId: instance.id, status: 'submitted', replayed: false };
    } catch (error) {
      if (error instanceof EngineRequestError && (error.status === 404 || /no processes deployed/i.test(error.message))) {
        throw new FlowNotDeployedError(`no flow "${key}" is deployed for category "${application.category}"`);
      }
      throw error;
    }
  }

  /** The status of an application, or null when the id is unknown. */
  async status(id: string): Promise<Record<string, unknown> | null> {
    const [root] = await this.deps.rest.historicProcessInstances({ processInstanceBusinessKey: id, rootProcessInstances: true });
    if (!root) return null;
    // Called subprocesses share the business key; the history API filters activities by instance only.
    const instances = await this.deps.rest.historicProcessInstances({ processInstanceBusinessKey: id });
    const ids = [root.id, ...instances.map((i) => i.id).filter((i) => i !== root.id)];
    const activities = (await Promise.all(ids.map((processInstanceId) => this.deps.rest.historicActivities({ processInstanceId }))))
      .flat()
      .sort((a, b) => String(a.startTime).localeCompare(String(b.startTime)));
    const tasks = await this.deps.rest.tasks({ processInstanceBusinessKey: id });
    let status = 'in-review';
    if (root.state !== 'ACTIVE') {
      const ends = await this.deps.rest.historicActivities({ processInstanceId: root.id, activityType: 'noneEndEvent' });
      const end = ends.map((e) => endStatus(String(e.activityId))).find(Boolean);
      status = end ?? (root.state === 'COMPLETED' ? 'completed' : String(root.state).toLowerCase());
    } else if (tasks.length === 0) {
      status = 'processing';
    }

    const vars = await this.deps.rest.historicVariables(ids, ['application', 'policyId', 'route', 'missedLevel', 'fee', 'paymentDeadline', 'publicityEnd', 'certificate', 'documents']);
    const parsed = applicationSchema.safeParse(vars.application);

    let fee: unknown = null;
    if (parsed.success) {
      try {
        fee = decideFee(parsed.data, this.deps.policies.get(String(vars.policyId)));
      } catch {
        fee = null;
      }
    }
    // A certificate stays valid until an upheld objection to it revokes it (certificate-revocation).
    let certificate: Record<string, unknown> | null = null;
    const issued = vars.certificate as { number?: unknown; verificationCode?: unknown } | null | undefined;
    if (issued && typeof issued.number === 'string' && typeof issued.verificationCode === 'string') {
      const revoked = await this.revocation(issued.verificationCode);
      certificate = { number: issued.number, verificationCode: issued.verificationCode, status: revoked ? 'revoked' : 'valid', ...(revoked ? { revokedAt: revoked.revokedAt } : {}) };
      if (revoked) status = 'revoked';
    }
    if (status === 'processing') {
      const open = activities.filter((a) => !a.endTime).map((a) => String(a.activityId));
      if (open.some((a) => CORRECTION_STEPS.has(a))) status = 'returned';
      else status = open.map((a) => WAITING_STATUS[a]).find(Boolean) ?? status;
    }
    return {
      id,
      processInstanceId: root.id,
      category: parsed.success ? parsed.data.category : null,
      status,
      startedAt: instant(root.startTime),
      endedAt: instant(root.endTime),
      missedLevel: vars.missedLevel ?? null,
      currentSteps: await Promise.all(
        tasks.map(async (t) => ({ step: t.taskDefinitionKey, name: t.name, offices: await this.deps.rest.candidateGroups(t.id), since: instant(t.created), deadline: instant(t.due) })),
      ),
      route: vars.route ?? null,
      fee: vars.fee ?? fee,
      paymentDeadline: vars.paymentDeadline ?? null,
      publicityEnd: vars.publicityEnd ?? null,
      certificate,
      history: activities
        .filter((a) => HISTORY_TYPES.has(String(a.activityType)))
        .map((a) => ({ step: a.activityId, name: a.activityName ?? a.activityId, type: a.activityType, startedAt: instant(a.startTime), endedAt: instant(a.endTime), by: a.assignee ?? null })),
      documents: documentList(id, vars.documents),
    };
  }

  /** The documents made for an application so far, or null when the id is unknown. */
  async documents(id: string): Promise<DocumentEntry[] | null> {
    const [root] = await this.deps.rest.historicProcessInstances({ processInstanceBusinessKey: id, rootProcessInstances: true });
    if (!root) return null;
    const instances = await this.deps.rest.historicProcessInstances({ processInstanceBusinessKey: id });
    const ids = [root.id, ...instances.map((i) => i.id).filter((i) => i !== root.id)];
    const vars = await this.deps.rest.historicVariables(ids, ['documents']);
    return documentList(id, vars.documents);
  }

  /** The certificate with this verification code and the instance that issued it, or null. */
  private async issued(code: string): Promise<IssuedCertificate | null> {
    // Only the issuing instance holds `certificateCode`; revocation cases name it `objectedCertificateCode`.
    for (const processInstanceId of await this.deps.rest.historicInstancesWithVariable('certificateCode', code)) {
      const vars = await this.deps.rest.historicVariables(processInstanceId, ['certificate', 'application', 'applicationId', 'committeeGroup', 'titleApplied', 'documents']);
      const certificate = issuedSchema.safeParse(vars.certificate);
      const application = applicationSchema.safeParse(vars.application);
      if (!certificate.success || !application.success) continue;
      const documents = (vars.documents ?? {}) as Record<string, { link?: unknown } | undefined>;
      const document = documents[certificate.data.kind === 'post-appointment-notice' ? 'appointment-notice' : 'certificate'];
      return {
        applicationId: String(vars.applicationId),
        committeeGroup: typeof vars.committeeGroup === 'string' ? vars.committeeGroup : null,
        titleApplied: typeof vars.titleApplied === 'string' ? vars.titleApplied : certificate.data.title,
        certificateLink: typeof document?.link === 'string' ? document.link : null,
        certificate: certificate.data,
        application: application.data,
      };
    }
    return null;
  }

  /** The revocation of the certificate with this code, or null while it is valid. */
  private async revocation(code: string): Promise<{ revokedAt: string } | null> {
    const [caseId] = await this.deps.rest.historicInstancesWithVariable('revokedCertificateCode', code);
    if (!caseId) return null;
    const vars = await this.deps.rest.historicVariables(caseId, ['revocation']);
    const revocation = vars.revocation as { revokedAt?: unknown } | null;
    return { revokedAt: typeof revocation?.revokedAt === 'string' ? revocation.revokedAt : '' };
  }

  /** Public verification of a certificate by its code: holder (ID masked), title, level, date, status. */
  async verifyCertificate(code: string): Promise<Record<string, unknown> | null> {
    const issued = await this.issued(code);
    if (!issued) return null;
    const revoked = await this.revocation(code);
    return {
      number: issued.certificate.number,
      holder: { name: issued.application.applicant.name, idNumber: mask(issued.application.applicant.idNumber) },
      title: issued.certificate.title,
      level: issued.certificate.level,
      issuedOn: issued.certificate.issuedOn,
      status: revoked ? 'revoked' : 'valid',
      ...(revoked ? { revokedOn: revoked.revokedAt.slice(0, 10) } : {}),
    };
  }

  /**
   * An objection to an issued certificate: starts its investigation by the office of the committee
   * that issued it. One open case per certificate; a revoked certificate takes no more objections.
   */
  async objectToCertificate(code: string, objection: { reason: string; lodgedBy: string; contact?: string | null | undefined }): Promise<CertificateObjectionResult> {
    return this.lock.run([`certificate:${code}`], async () => {
      const issued = await this.issued(code);
      if (!issued) return { kind: 'not-found' };
      if (await this.revocation(code)) return { kind: 'conflict', message: 'this certificate is already revoked' };
      const number = issued.certificate.number;
      const openCases = () => this.deps.rest.historicProcessInstances({ processDefinitionKey: REVOCATION_PROCESS, processInstanceBusinessKey: number, unfinished: true });
      const busy: CertificateObjectionResult = { kind: 'conflict', message: 'an objection to this certificate is already under investigation' };
      if ((await openCases()).length > 0) return busy;
      if (!issued.committeeGroup) throw new Error(`the instance that issued certificate ${number} names no committee office`);
      const lodgedAt = toShanghaiIso(this.deps.clock());
      const instance = await this.deps.rest.startProcess(REVOCATION_PROCESS, number, {
        objectedCertificateCode: code,
        certificateNumber: number,
        issuedOn: issued.certificate.issuedOn,
        applicationId: issued.applicationId,
        applicantName: issued.application.applicant.name,
        titleApplied: issued.titleApplied,
        committeeGroup: issued.committeeGroup,
        certificateLink: issued.certificateLink,
        objection: { reason: objection.reason, lodgedBy: objection.lodgedBy, contact: objection.contact ?? null, lodgedAt },
      });
      // The lock holds within this process only: another API process may have started a case at the
      // same moment. The earliest case stays; a later one withdraws itself and answers the conflict.
      const cases = (await openCases()).sort((a, b) => String(a.startTime).localeCompare(String(b.startTime)) || a.id.localeCompare(b.id));
      if (cases.length > 1 && cases[0]!.id !== instance.id) {
        await this.deps.rest.deleteProcessInstance(instance.id);
        return busy;
      }
      this.deps.log.info({ applicationId: issued.applicationId, certificateNumber: number, processInstanceId: instance.id }, 'objection to a certificate lodged');
      return { kind: 'started', caseId: instance.id, certificateNumber: number };
    });
  }

  /** Correlates a portal message to the application; says whether it was waiting for it. */
  async deliver(id: string, message: ApplicationMessage, variables: Record<string, unknown>): Promise<MessageResult> {
    const [root] = await this.deps.rest.historicProcessInstances({ processInstanceBusinessKey: id, rootProcessInstances: true });
    if (!root) return { kind: 'not-found' };
    try {
      await this.deps.rest.correlate(message, id, variables);
      return { kind: 'delivered' };
    } catch (error) {
      // The engine refuses a message nobody waits for: the application is not in that phase.
      if (error instanceof EngineRequestError && error.status === 400) return { kind: 'wrong-phase' };
      throw error;
    }
  }
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

const documentRefSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().nonnegative(),
  fileName: z.string(),
  renderedAt: z.string().optional(),
});

/** The `documents` variable as a list, in template order; malformed entries are left out. */
function documentList(id: string, value: unknown): DocumentEntry[] {
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([name, ref]) => {
    const parsed = documentRefSchema.safeParse(ref);
    if (!parsed.success) return [];
    return [{
      name,
      title: documentTitle(name),
      fileName: parsed.data.fileName,
      sha256: parsed.data.sha256,
      size: parsed.data.size,
      renderedAt: parsed.data.renderedAt ?? null,
      href: `/api/applications/${id}/documents/${name}`,
    }];
  });
}

/** An engine timestamp (`2024-02-09T00:00:00.000+0800`) as the API's `+08:00` instant, null kept. */
function instant(value: unknown): string | null {
  return typeof value === 'string' && value ? toShanghaiIso(new Date(value.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'))) : null;
}

/** Activity types that make up an application's history for portals. */
const HISTORY_TYPES = new Set(['startEvent', 'userTask', 'serviceTask', 'callActivity', 'receiveTask', 'noneEndEvent', 'boundaryTimer', 'intermediateMessageCatch']);
