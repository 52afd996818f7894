// Every topic handler of the product, built from its dependencies. One list, one place.
import type { PolicyProvider } from './policies.js';
import type { AnyHandler } from './runtime/handler.js';
import { HandlerRegistry } from './runtime/registry.js';
import { createAssignCommittee } from './topics/assign-committee.js';
import { createCheckEligibility } from './topics/check-eligibility.js';
import { createDecideFee } from './topics/decide-fee.js';
import { createIssueAppointmentNotice } from './topics/issue-appointment-notice.js';
import { createIssueCertificate, type IssuerDeps } from './topics/issue-certificate.js';
import { createRenderDocuments, type RenderDeps } from './topics/render-documents.js';
import { createMoveDeadline } from './topics/move-deadline.js';
import { createRecordVote } from './topics/record-vote.js';
import { createReportResult } from './topics/report-result.js';
import { createStartResultPublicity, createStartUnitPublicity } from './topics/start-result-publicity.js';
import { createRecordLevelReview } from './topics/record-level-review.js';
import { createRecordUnitReview } from './topics/record-unit-review.js';
import { createRouteNextLevel } from './topics/route-next-level.js';
import { createRevokeCertificate } from './topics/revoke-certificate.js';

export interface HandlerDeps {
  policies: PolicyProvider;
  clock: () => Date;
  /** Renders and stores a document (DocumentService.render). */
  renderDocument: RenderDeps['renderDocument'];
  /** Certificate numbers (DocumentService.certificateNumber). */
  certificateNumber: IssuerDeps['certificateNumber'];
}

/** All handlers; a duplicate topic fails here, at start-up. */
export function createRegistry(deps: HandlerDeps): HandlerRegistry {
  const handlers: AnyHandler[] = [
    createCheckEligibility(deps),
    createRecordUnitReview(),
    createRouteNextLevel(),
    createRecordLevelReview(),
    createAssignCommittee(deps),
    createDecideFee(deps),
    createRecordVote(deps),
    createStartUnitPublicity(deps),
    createStartResultPublicity(deps),
    createIssueCertificate(deps),
    createIssueAppointmentNotice(deps),
    createReportResult(deps),
    createRenderDocuments(deps),
    createMoveDeadline(deps),
    createRevokeCertificate(deps),
  ];
  return new HandlerRegistry(handlers);
}
