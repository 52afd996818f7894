// Every topic handler of the product, built from its dependencies. One list, one place.
import type { PolicyProvider } from '../policy/provider.js';
import { withRegistryFacts } from '../registry/facts.js';
import type { Registry } from '../registry/registry.js';
import type { AnyHandler } from '../runtime/handler.js';
import { HandlerRegistry } from '../runtime/registry.js';
import type { z } from 'zod';
import { withReachedWaits, withRecordStep, type RecordStep } from './recording.js';
import { createAssignCommittee, recordAssignCommittee } from './assign-committee.js';
import { createCheckEligibility, recordCheckEligibility } from './check-eligibility.js';
import { createDecideFee, recordDecideFee } from './decide-fee.js';
import { createIssueAppointmentNotice } from './issue-appointment-notice.js';
import { createIssueCertificate, type IssuerDeps } from './issue-certificate.js';
import { createRenderDocuments, recordRenderDocuments, type RenderDeps } from './render-documents.js';
import { createMoveDeadline, recordMoveDeadline } from './move-deadline.js';
import { createOfferMeetings, type OfferMeetingsDeps } from './offer-meetings.js';
import { createRecordVote, recordVote } from './record-vote.js';
import { createReportResult } from './report-result.js';
import { createStartResultPublicity, createStartUnitPublicity, recordResultPublicity, recordUnitPublicity } from './start-result-publicity.js';
import { createRecordLevelReview, recordLevelReview } from './record-level-review.js';
import { createRecordUnitReview, recordUnitReview } from './record-unit-review.js';
import { createRouteNextLevel, recordRouteNextLevel } from './route-next-level.js';
import { createRevokeCertificate } from './revoke-certificate.js';
import { createRecordOutcome } from './record-outcome.js';
import { createRecordReview } from './record-review.js';
import { createRecordCommitteeAssignment, recordCommitteeAssignment } from './record-committee-assignment.js';
import { createRecordPaymentWait } from './record-payment-wait.js';
import { createWaiveVote, recordWaiveVote } from './waive-vote.js';

export interface HandlerDeps {
  policies: PolicyProvider;
  clock: () => Date;
  /** Renders and stores a document (DocumentService.render). */
  renderDocument: RenderDeps['renderDocument'];
  /** Reviewers' stable document links (reviewDocumentLink). */
  reviewLink?: RenderDeps['reviewLink'];
  /** Reviewers' stable material links (reviewMaterialLink). */
  reviewMaterialLink?: RenderDeps['reviewMaterialLink'];
  /** The application registry: every fact of a step is recorded there. */
  registry: Registry;
  /** The offices' pages (the committee's, where its meetings are recorded). */
  officePageLink?: OfferMeetingsDeps['officePageLink'];
  /** Offers a committee's meetings to its waiting vote tasks. */
  offerMeetings?: OfferMeetingsDeps['offerMeetings'];
}

/** All handlers; a duplicate topic fails here, at start-up. */
export function createHandlers(deps: HandlerDeps): HandlerRegistry {
  const registry = deps.registry;
  const issuer = { ...deps, issueCertificate: (request: Parameters<IssuerDeps['issueCertificate']>[0]) => registry.issueCertificate(request) };
  // Each topic with its record step (in the topic's file): what the step tells the registry.
  const recorded = <H extends AnyHandler, R extends z.ZodRawShape>(handler: H, step: RecordStep<H, R>) => withRecordStep(handler, step, registry);
  const handlers: AnyHandler[] = [
    recorded(createCheckEligibility(deps), recordCheckEligibility),
    recorded(createRecordUnitReview(deps), recordUnitReview),
    recorded(createRouteNextLevel(deps), recordRouteNextLevel),
    recorded(createRecordLevelReview(deps), recordLevelReview),
    recorded(createAssignCommittee(deps), recordAssignCommittee),
    recorded(createRecordCommitteeAssignment(deps), recordCommitteeAssignment),
    recorded(createDecideFee(deps), recordDecideFee),
    createRecordPaymentWait({ registry }),
    createOfferMeetings(deps),
    recorded(createRecordVote(deps), recordVote),
    recorded(createWaiveVote(deps), recordWaiveVote),
    recorded(createStartUnitPublicity(deps), recordUnitPublicity),
    recorded(createStartResultPublicity(deps), recordResultPublicity),
    createIssueCertificate(issuer),
    createIssueAppointmentNotice(issuer),
    createReportResult(deps),
    recorded(createRenderDocuments(deps), recordRenderDocuments),
    recorded(createMoveDeadline(deps), recordMoveDeadline),
    createRevokeCertificate({ clock: deps.clock, revokeCertificate: (code, revocation) => registry.revokeCertificate(code, revocation) }),
    createRecordOutcome({ registry }),
    createRecordReview({ registry }),
  ];
  // Facts from the registry, outermost: the record step and the handler see the registry's values.
  // Every completion opens the waits it reached.
  return new HandlerRegistry(handlers.map((h) => withRegistryFacts(withReachedWaits(h, registry), registry)));
}
