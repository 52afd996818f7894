// What the portal API does with applications, independent of HTTP: submission (submission.ts), the
// status from the registry (status.ts), portal messages (messages.ts, payments.ts), corrections
// (corrections.ts) and certificates (certificates.ts). ApplicationService is their one face.
import type { ApplicationMessage } from './correlate.js';
import { CertificateDesk, type CertificateCheck, type CertificateObjectionResult } from './certificates.js';
import type { ApplicationServiceDeps } from './context.js';
import { CorrectionDesk, type CorrectionResult } from './corrections.js';
import { Messages } from './messages.js';
import type { MessageResult } from './payments.js';
import { StatusProjection, type ApplicationDocument, type ApplicationStatus } from './status.js';
import { Submissions, type SubmitOptions, type SubmitResult } from './submission.js';

export { FlowNotDeployedError } from '../adapters/camunda7/workflow-engine.js';
export type { CertificateRow } from '../registry/registry.js';
export { processKeyOf, type ApplicationServiceDeps } from './context.js';
export type { ApplicationMessage } from './correlate.js';
export { REVOCATION_PROCESS, type CertificateCheck, type CertificateObjectionResult } from './certificates.js';
export { correctionSchema, type CorrectionResult } from './corrections.js';
export type { MessageResult } from './payments.js';
export type { ApplicationDocument, ApplicationStatus, CorrectionAsked } from './status.js';
export type { SubmitOptions, SubmitResult } from './submission.js';

export class ApplicationService {
  private readonly submissions: Submissions;
  private readonly projection: StatusProjection;
  private readonly messages: Messages;
  private readonly corrections: CorrectionDesk;
  private readonly certificates: CertificateDesk;

  constructor(deps: ApplicationServiceDeps) {
    this.submissions = new Submissions(deps);
    this.projection = new StatusProjection(deps);
    this.messages = new Messages(deps);
    this.corrections = new CorrectionDesk(deps);
    this.certificates = new CertificateDesk(deps);
  }

  /** Validates, decides eligibility, records the application and starts its flow (submission.ts). */
  submit(body: unknown, options: SubmitOptions = {}): Promise<SubmitResult> {
    return this.submissions.submit(body, options);
  }

  /** Starts the flows of applications accepted but not started; the number started. */
  resumeStarts(olderThanMs: number): Promise<number> {
    return this.submissions.resumeStarts(olderThanMs);
  }

  /** The status of an application from the registry (data only; the HTTP layer adds its links), or null. */
  status(id: string, client?: string): Promise<ApplicationStatus | null> {
    return this.projection.status(id, client);
  }

  /** The documents made for an application so far (without links), or null when unknown (or not `client`'s). */
  documents(id: string, client?: string): Promise<ApplicationDocument[] | null> {
    return this.projection.documents(id, client);
  }

  /** Public verification of a certificate by its code. */
  verifyCertificate(code: string): Promise<Record<string, unknown> | null> {
    return this.certificates.verifyCertificate(code);
  }

  /** The public verification page's view of a certificate (holder masked, labels), or null. */
  certificateCheck(code: string): Promise<CertificateCheck | null> {
    return this.certificates.certificateCheck(code);
  }

  /** An objection to an issued certificate: starts its investigation. */
  objectToCertificate(code: string, objection: { reason: string; lodgedBy: string; contact?: string | null | undefined }): Promise<CertificateObjectionResult> {
    return this.certificates.objectToCertificate(code, objection);
  }

  /** Delivers a portal message (payment, objection) to the application's flow and records it. */
  deliver(id: string, message: ApplicationMessage, variables: Record<string, unknown>, client?: string): Promise<MessageResult> {
    return this.messages.deliver(id, message, variables, client);
  }

  /** Settles corrections claimed more than `olderThanMs` ago and left pending; the number recorded. */
  resumeCorrections(olderThanMs?: number): Promise<number> {
    return this.corrections.resumeCorrections(olderThanMs);
  }

  /** The applicant's correction of a returned application (退回补正). */
  correct(id: string, body: unknown, client?: string): Promise<CorrectionResult> {
    return this.corrections.correct(id, body, client);
  }
}
