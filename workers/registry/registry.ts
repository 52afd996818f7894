// The application registry: the product's system of record. The API and the handlers write every
// fact here (submission, routing, each step opened, each decision, payment, vote, documents,
// certificate, the end); status, verification, reports and office lists read from here alone.
// The engine drives the work and is never asked what happened.
//
// `Registry` is the one face of it the rest of the service uses. Each aggregate is a part of its
// own, on the same database handle and clock (shared.ts): applications.ts, steps.ts (events, the
// step waited in, the end), corrections.ts, payments.ts, votes.ts, reports.ts, documents.ts,
// certificates.ts, objections.ts. The methods below hand each call to its part, where each is
// documented.
import { sql, type Kysely } from 'kysely';
import { Applications, type CreateResult, type EndState, type NewApplication } from './applications.js';
import { Corrections, type CorrectionClaim, type CorrectionClaimResult } from './corrections.js';
import { Certificates, type CertificateRequest, type CertificateRow } from './certificates.js';
import { Documents, type DocumentRecord } from './documents.js';
import { Objections } from './objections.js';
import { Payments, type PaymentRecord, type PaymentResult } from './payments.js';
import { Reports, type ReportFacts, type ReportRecord } from './reports.js';
import type { Database } from './schema.js';
import type { ApplicationChange, ApplicationRow, EventInput, EventRow } from './shared.js';
import { Materials, type NewMaterial, type RetentionDeletion } from './materials.js';
import { PendingSteps } from './pending-steps.js';
import { Steps, type DeadlineMove, type EndDetails, type RecordedChange, type StepOpened } from './steps.js';
import { Votes, type Meeting, type VoteRecord } from './votes.js';

export { END_STATES, applicationRecord, isEndState, type CreateResult, type EndState, type NewApplication } from './applications.js';
export type { CertificateRequest, CertificateRow } from './certificates.js';
export { claimOf, type CorrectionClaim, type CorrectionClaimResult } from './corrections.js';
export type { DocumentRecord } from './documents.js';
export type { PaymentRecord, PaymentResult } from './payments.js';
export type { ReportFacts, ReportRecord, ReportedResult } from './reports.js';
export { RegistryUnavailableError, UnknownApplicationError, type ApplicationChange, type ApplicationRow, type EventInput, type EventRow } from './shared.js';
export { provisionalMark, stepDeadlineFacts, type ProvisionalMark, type StepDeadlineFacts, type StepOpened } from './steps.js';
export { MeetingExistsError, type Meeting, type VoteRecord } from './votes.js';
export { MaterialsTakenError, type NewMaterial, type RetentionDeletion } from './materials.js';

export class Registry {
  private readonly parts: {
    applications: Applications;
    steps: Steps;
    corrections: Corrections;
    payments: Payments;
    votes: Votes;
    reports: Reports;
    documents: Documents;
    certificates: Certificates;
    objections: Objections;
    pendingSteps: PendingSteps;
    materials: Materials;
  };

  constructor(
    private readonly db: Kysely<Database>,
    clock: () => Date = () => new Date(),
    /** Which store holds it (postgres, pglite), for health answers. */
    readonly store: string = 'postgres',
  ) {
    const materials = new Materials(db, clock);
    const applications = new Applications(db, clock, materials);
    const certificates = new Certificates(db, clock);
    const steps = new Steps(db, clock);
    this.parts = {
      applications,
      steps,
      pendingSteps: new PendingSteps(db, clock, steps),
      materials,
      corrections: new Corrections(db, clock),
      payments: new Payments(db, clock),
      votes: new Votes(db, clock),
      reports: new Reports(db, clock, applications),
      documents: new Documents(db, clock),
      certificates,
      objections: new Objections(db, clock, certificates),
    };
  }

  /** Whether the database answers. */
  async ping(): Promise<boolean> {
    try {
      await sql`SELECT 1`.execute(this.db);
      return true;
    } catch {
      return false;
    }
  }

  // Applications: submission, start, the application row.

  idempotent(key: string, fingerprint: string): Promise<CreateResult | null> {
    return this.parts.applications.idempotent(key, fingerprint);
  }

  createApplication(a: NewApplication, idempotency?: { key: string; fingerprint: string }): Promise<CreateResult> {
    return this.parts.applications.createApplication(a, idempotency);
  }

  markStarted(id: string, processInstanceId: string): Promise<void> {
    return this.parts.applications.markStarted(id, processInstanceId);
  }

  discard(id: string): Promise<void> {
    return this.parts.applications.discard(id);
  }

  pendingStarts(olderThan: Date): Promise<ApplicationRow[]> {
    return this.parts.applications.pendingStarts(olderThan);
  }

  claimStart(id: string, olderThan: Date): Promise<boolean> {
    return this.parts.applications.claimStart(id, olderThan);
  }

  application(id: string): Promise<ApplicationRow | null> {
    return this.parts.applications.application(id);
  }

  factsOf(id: string): Promise<ApplicationRow> {
    return this.parts.applications.factsOf(id);
  }

  require(id: string | null | undefined): Promise<ApplicationRow> {
    return this.parts.applications.require(id);
  }

  reviewOffices(id: string): Promise<string[]> {
    return this.parts.applications.reviewOffices(id);
  }

  nameCallers(digests: ReadonlyMap<string, string>): Promise<number> {
    return this.parts.applications.nameCallers(digests);
  }

  // Steps: the progress history, the step waited in and its deadline, corrections, the end.

  events(id: string): Promise<EventRow[]> {
    return this.parts.steps.events(id);
  }

  record(id: string, event: EventInput, dedupeKey: string | null, change?: RecordedChange): Promise<boolean> {
    return this.parts.steps.record(id, event, dedupeKey, change);
  }

  liveInSteps(steps: readonly string[]): Promise<ApplicationRow[]> {
    return this.parts.steps.liveInSteps(steps);
  }

  moveDeadline(id: string, m: DeadlineMove, dedupeKey: string, extra?: ApplicationChange): Promise<boolean> {
    return this.parts.steps.moveDeadline(id, m, dedupeKey, extra);
  }

  // Materials (registry/materials.ts).
  addMaterial(m: NewMaterial): Promise<void> {
    return this.parts.materials.addMaterial(m);
  }

  materialsById(ids: readonly string[]) {
    return this.parts.materials.materialsById(ids);
  }

  unnamedBlobs(names: readonly string[]): Promise<string[]> {
    return this.parts.materials.unnamedBlobs(names);
  }

  materialsOf(applicationId: string) {
    return this.parts.materials.materialsOf(applicationId);
  }

  materialHistoryOf(applicationId: string) {
    return this.parts.materials.materialHistoryOf(applicationId);
  }

  recordMaterialOpening(applicationId: string, materialId: string, actor: string): Promise<void> {
    return this.parts.materials.recordOpening(applicationId, materialId, actor);
  }

  materialOpenings(applicationId: string) {
    return this.parts.materials.openingsOf(applicationId);
  }

  expireMaterials(now: Date): Promise<string[]> {
    return this.parts.materials.expireMaterials(now);
  }

  materialsPastRetention(retentionDays: (policyId: string) => number) {
    return this.parts.materials.pastRetention(retentionDays);
  }

  deleteRetainedMaterials(id: string, retentionDays: number): Promise<RetentionDeletion> {
    return this.parts.materials.deleteRetained(id, retentionDays);
  }

  /** Leaves a step to be opened once the flow reached it (registry/pending-steps.ts). */
  pendStep(id: string, s: StepOpened, dedupeKey: string, extra?: ApplicationChange, afterNext?: boolean): Promise<void> {
    return this.parts.pendingSteps.pendStep(id, s, dedupeKey, extra, afterNext);
  }

  /** The engine took task `taskId`'s completion: the waits it left, and those left for after the next task, open. */
  stepsReachedBy(taskId: string, applicationId: string | null): Promise<void> {
    return this.parts.pendingSteps.stepsReachedBy(taskId, applicationId);
  }

  /** The flow reached the step left under `dedupeKey`: it is opened, once. */
  stepReached(dedupeKey: string): Promise<void> {
    return this.parts.pendingSteps.stepReached(dedupeKey);
  }

  /** Keys of steps left pending since before `before`. */
  stepsPendingSince(before: Date): Promise<string[]> {
    return this.parts.pendingSteps.stepsPendingSince(before);
  }

  openStep(id: string, s: StepOpened, dedupeKey: string, extra?: ApplicationChange): Promise<boolean> {
    return this.parts.steps.openStep(id, s, dedupeKey, extra);
  }

  finish(id: string, state: EndState, dedupeKey: string, details?: EndDetails): Promise<boolean> {
    return this.parts.steps.finish(id, state, dedupeKey, details);
  }

  // Corrections: claimed, delivered to the flow outside any transaction, then recorded.

  claimCorrection(id: string, check: (row: ApplicationRow) => string | null, claim: CorrectionClaim): Promise<CorrectionClaimResult> {
    return this.parts.corrections.claimCorrection(id, check, claim);
  }

  recordCorrection(id: string, claimId: string): Promise<boolean> {
    return this.parts.corrections.recordCorrection(id, claimId);
  }

  releaseCorrection(id: string, claimId: string): Promise<void> {
    return this.parts.corrections.releaseCorrection(id, claimId);
  }

  pendingCorrections(olderThan: Date): Promise<Array<{ row: ApplicationRow; claim: CorrectionClaim }>> {
    return this.parts.corrections.pendingCorrections(olderThan);
  }

  // Payments.

  recordPayment(id: string, p: PaymentRecord): Promise<PaymentResult> {
    return this.parts.payments.recordPayment(id, p);
  }

  forgetPayment(id: string, transactionId: string): Promise<void> {
    return this.parts.payments.forgetPayment(id, transactionId);
  }

  // Meetings and votes.

  recordMeeting(m: Parameters<Votes['recordMeeting']>[0]): Promise<Meeting> {
    return this.parts.votes.recordMeeting(m);
  }

  meetingsOf(committeeId: string): Promise<Meeting[]> {
    return this.parts.votes.meetingsOf(committeeId);
  }

  meeting(id: string): Promise<Meeting | null> {
    return this.parts.votes.meeting(id);
  }

  recordVote(id: string, v: VoteRecord, dedupeKey: string): Promise<void> {
    return this.parts.votes.recordVote(id, v, dedupeKey);
  }

  votesOn(committeeId: string, meetingDate: string) {
    return this.parts.votes.votesOn(committeeId, meetingDate);
  }

  // Result reports.

  reportFacts(id: string): Promise<ReportFacts> {
    return this.parts.reports.reportFacts(id);
  }

  recordReport(id: string, r: ReportRecord, dedupeKey: string, event: EventInput): Promise<{ reportedAt: Date }> {
    return this.parts.reports.recordReport(id, r, dedupeKey, event);
  }

  reportedResults(committeeId: string, meetingDate: string) {
    return this.parts.reports.reportedResults(committeeId, meetingDate);
  }

  // Documents.

  putDocument(id: string, d: DocumentRecord): Promise<void> {
    return this.parts.documents.putDocument(id, d);
  }

  documents(id: string) {
    return this.parts.documents.documents(id);
  }

  // Certificates.

  issueCertificate(r: CertificateRequest): Promise<CertificateRow> {
    return this.parts.certificates.issueCertificate(r);
  }

  certificateOf(applicationId: string, kind?: string): Promise<CertificateRow | null> {
    return this.parts.certificates.certificateOf(applicationId, kind);
  }

  certificateByCode(code: string): Promise<CertificateRow | null> {
    return this.parts.certificates.certificateByCode(code);
  }

  // Objections.

  claimObjection(code: string): Promise<boolean> {
    return this.parts.objections.claimObjection(code);
  }

  setObjectionCase(code: string, caseId: string | null): Promise<void> {
    return this.parts.objections.setObjectionCase(code, caseId);
  }

  revokeCertificate(code: string, revocation: Record<string, unknown>): Promise<CertificateRow | null> {
    return this.parts.objections.revokeCertificate(code, revocation);
  }
}
