// Every topic handler of the product, built from its dependencies. One list, one place.
import type { PolicyProvider } from '../policy/provider.js';
import { withRegistryFacts } from '../registry/facts.js';
import { createRecorders, withRecorder } from '../registry/recorders.js';
import type { Registry } from '../registry/registry.js';
import type { AnyHandler } from '../runtime/handler.js';
import { HandlerRegistry } from '../runtime/registry.js';
import { createAssignCommittee } from './assign-committee.js';
import { createCheckEligibility } from './check-eligibility.js';
import { createDecideFee } from './decide-fee.js';
import { createIssueAppointmentNotice } from './issue-appointment-notice.js';
import { createIssueCertificate, type IssuerDeps } from './issue-certificate.js';
import { createRenderDocuments, type RenderDeps } from './render-documents.js';
import { createMoveDeadline } from './move-deadline.js';
import { createRecordVote } from './record-vote.js';
import { createReportResult } from './report-result.js';
import { createStartResultPublicity, createStartUnitPublicity } from './start-result-publicity.js';
import { createRecordLevelReview } from './record-level-review.js';
import { createRecordUnitReview } from './record-unit-review.js';
import { createRouteNextLevel } from './route-next-level.js';
import { createRevokeCertificate } from './revoke-certificate.js';
import { createRecordOutcome } from './record-outcome.js';
import { createRecordReview } from './record-review.js';
import { createRecordCommitteeAssignment } from './record-committee-assignment.js';
import { createRecordPaymentWait } from './record-payment-wait.js';
import { createWaiveVote } from './waive-vote.js';

export interface HandlerDeps {
  policies: PolicyProvider;
  clock: () => Date;
  /** Renders and stores a document (DocumentService.render). */
  renderDocument: RenderDeps['renderDocument'];
  /** Reviewers' stable document links (reviewDocumentLink). */
  reviewLink?: RenderDeps['reviewLink'];
  /** The application registry: every fact of a step is recorded there. */
  registry: Registry;
}

/** All handlers; a duplicate topic fails here, at start-up. */
export function createHandlers(deps: HandlerDeps): HandlerRegistry {
  const registry = deps.registry;
  const issuer = { ...deps, issueCertificate: (request: Parameters<IssuerDeps['issueCertificate']>[0]) => registry.issueCertificate(request) };
  const recorders = createRecorders(registry);
  const handlers: AnyHandler[] = [
    createCheckEligibility(deps),
    createRecordUnitReview(),
    createRouteNextLevel(deps),
    createRecordLevelReview(),
    createAssignCommittee(deps),
    createRecordCommitteeAssignment(deps),
    createDecideFee(deps),
    createRecordPaymentWait({ registry }),
    createRecordVote(deps),
    createWaiveVote(deps),
    createStartUnitPublicity(deps),
    createStartResultPublicity(deps),
    createIssueCertificate(issuer),
    createIssueAppointmentNotice(issuer),
    createReportResult(deps),
    createRenderDocuments(deps),
    createMoveDeadline(deps),
    createRevokeCertificate({ clock: deps.clock, revokeCertificate: (code, revocation) => registry.revokeCertificate(code, revocation) }),
    createRecordOutcome({ registry }),
    createRecordReview({ registry }),
  ];
  // Facts from the registry, outermost: the recorder and the handler see the registry's values.
  return new HandlerRegistry(handlers.map((h) => withRegistryFacts(withRecorder(h, recorders[h.topic]), registry)));
}
