// The rules of the notice as pure functions over a policy. Time is always passed in.
export { CALENDAR_YEARS, CalendarDataError, endOfWorkingDays, isWorkingDay } from './calendar.js';
export { assignCommittee, type Committee, type CommitteeResult } from './committees.js';
export { applicantWindow, isOpen, levelDeadline, nextMonthlyDeadline, nextWindowOpening, type Window } from './deadlines.js';
export { divisionByCode, resolveDivision, type Division, type DivisionResult } from './divisions.js';
export { checkEligibility, type Eligibility } from './eligibility.js';
export { decideFee, type FeeDecision } from './fees.js';
export { demoPolicy, listPolicies, loadPolicy, parsePolicy, policySchema, shiftPolicy, type Policy } from './policy.js';
export { preview, type Preview } from './preview.js';
export type { Reason } from './reasons.js';
export { computeRoute, officeName, type RouteResult, type RouteStep } from './route.js';
export { dateOf, endOfDayIso } from '../domain/time.js';
export { decideVote, type VoteCount, type VoteDecision } from './votes.js';
