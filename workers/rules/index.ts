// The rules of the notice as pure functions over a policy. Time is always passed in.
export {
  CalendarDataError,
  CalendarSupplementError,
  calendarOf,
  FIRST_CALENDAR_YEAR,
  LAST_CALENDAR_YEAR,
  packageCalendar,
  parseCalendarSupplement,
  provisionalNote,
  provisionalPolicyYears,
  statutoryHolidays,
  WorkingDayCalendar,
  type OfficialYear,
  type SupplementFile,
  type SupplementReport,
  type WorkingDayPeriod,
} from './calendar.js';
export { assignCommittee, committeeGroup, findCommittee, needsCommitteeVote, provinceGroup, type Committee, type CommitteeResult, type VoteNeed } from './committees.js';
export { businessLine, committeeOf, noticeContacts, officeContact, publisherOf, statusContacts, unitPublisherOf, type ContactLine, type OfficeContact, type Publisher } from './contacts.js';
export {
  applicantDeadline,
  applicantWindow,
  isOpen,
  levelDeadline,
  nextMonthlyDeadline,
  nextWindowOpening,
  reviewWindow,
  type ReviewWindow,
  verificationDeadline,
  windowsOf,
  type Window,
} from './deadlines.js';
export { findDepartment, resolveCompetentDepartment, type CompetentDepartment, type DepartmentResult } from './departments.js';
export { allDivisions, divisionByCode, divisionRank, resolveDivision, type Division, type DivisionResult } from './divisions.js';
export { checkEligibility, cutOffReasons, datedFacts, divertedCategory, missingProofs, type DatedFact, type Eligibility } from './eligibility.js';
export { decideFee, paymentDeadline, type FeeDecision } from './fees.js';
export { policySchema, ROUTE_LEVELS, type CategoryPolicy, type Policy, type RouteLevel } from './policy.js';
export { policyDates } from './policy-dates.js';
export { preview, type Preview } from './preview.js';
export type { Reason } from './reasons.js';
export { computeRoute, federationOf, officeName, routeDivision, type RouteResult, type RouteStep } from './route.js';
export { dateOf, endOfDayIso } from '../domain/time.js';
export { checkMeeting, decideVote, meetingVote, type MeetingCount, type VoteCount, type VoteDecision } from './votes.js';
export { GRADE_LABELS, gradeLabelOf, gradeOf, titleNameOf, TITLE_GRADES, type TitleGrade, type TitleNames, type TitleQualification } from './title-names.js';
