// The data of each official document, built from the variables of an application's process. Field
// names follow the application (the applicant's name at applicant.name), as the samples in
// templates/ do, so an analyst can check a template edit against a sample and trust the flow.
import type { Application } from '../domain/application.js';
import { levelOpinion, type ReviewDecision } from '../domain/review-record.js';
import { firstDayOf, isDateOrInstant, lastDayOf } from '../domain/dates-zh.js';
import { committeeOf, gradeLabelOf, noticeContacts, publisherOf, titleNameOf, unitPublisherOf, type Policy } from '../rules/index.js';

/** What the flow knows when a document is made; later steps fill more of it. */
export interface DocumentFacts {
  applicationId: string;
  application: Application;
  policy: Policy;
  /** The committee the application was assigned to (its id, or the name the flow recorded). */
  committeeId?: string | null;
  committeeName?: string | null;
  /** The committee's vote; `held: false` for what passes without one (初级认定). */
  vote?: { passed?: boolean; decidedOn?: string; held?: boolean } | null;
  /** The result publicity's first day, and its end: the instant 24:00 of its last day (SPEC 6). */
  publicityStart?: string | null;
  publicityEnd?: string | null;
  /**
   * Said after the publicity period when it is provisional: counted in a year whose official holiday
   * schedule is not published yet (e.g. 暂定：2027年的放假安排尚未公布，按法定节假日暂定).
   */
  publicityProvisionalNote?: string | null;
  /** The unit's publicity (单位公示): its first day and its end instant (24:00 of its last day); unset before it starts. */
  unitPublicityStart?: string | null;
  unitPublicityEnd?: string | null;
  /** Said after the unit's publicity period when it is provisional, as publicityProvisionalNote. */
  unitPublicityProvisionalNote?: string | null;
  certificate?: Record<string, unknown> | null;
  /** The unit's and the levels' decisions so far (the 一览表 prints the unit's and the department's approval). */
  reviewRecord?: readonly ReviewDecision[] | null;
  /** The applicant's electronic materials, as the registry keeps them (the 一览表 lists them). */
  materials?: ReadonlyArray<{ kind: string; label: string; fileName: string; bytes: number; pages: number | null; sha256: string }>;
}

/** A size as the 一览表 prints it: 2.4 MB, 512 KB. */
function printedSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** Documents a flow can make, and what each needs before it can be made. */
export const FLOW_DOCUMENTS = {
  'review-summary': [],
  // Made at submission, before the unit's publicity has dates, and again when it starts.
  'unit-publicity-form': [],
  'publicity-form': ['committeeName', 'vote', 'publicityStart', 'publicityEnd'],
  certificate: ['committeeName', 'certificate'],
  'appointment-notice': ['committeeName', 'certificate'],
} as const satisfies Record<string, readonly (keyof DocumentFacts)[]>;

export type FlowDocument = keyof typeof FLOW_DOCUMENTS;
export const FLOW_DOCUMENT_NAMES = Object.keys(FLOW_DOCUMENTS) as FlowDocument[];

/**
 * Why `name` cannot be made from `facts`, naming the field: facts the flow has not produced yet (a
 * modelling error: the step is too early), or application data the document must print.
 */
export function documentProblems(name: FlowDocument, facts: DocumentFacts): string[] {
  const missing = FLOW_DOCUMENTS[name].filter((key) => facts[key] === undefined || facts[key] === null);
  if (missing.length > 0) return [`documentNames: ${name} needs ${missing.join(', ')}, which the flow has not set yet`];
  // The 公示表 prints its committee's own objection contact (notice 三（六）): only a committee of the policy has one.
  if (name === 'publicity-form' && !committeeOf(facts.policy, facts)) {
    return [`committeeName: "${facts.committeeId ?? facts.committeeName}" is no committee of policy ${facts.policy.id}: the 公示表 prints the objection contact of its committee's office (committees[].office)`];
  }
  // An official notice never leaves out the post it appoints to.
  if (name === 'appointment-notice' && facts.application.qualification.postGrade === null) {
    return ['application.qualification.postGrade: the result notice names the post (2 or 3); set it on the application, then retry the incident'];
  }
  return [];
}

/** The day (YYYY-MM-DD) of a date or an instant by `pick`; what is neither is left as it is. */
function day<T>(value: T, pick: (v: string) => string): T | string {
  return typeof value === 'string' && isDateOrInstant(value) ? pick(value) : value;
}

/** The template data of `name`. */
export function documentData(name: FlowDocument, facts: DocumentFacts): Record<string, unknown> {
  const { application, policy } = facts;
  const base = {
    ...application,
    applicationNo: facts.applicationId,
    reviewYear: application.submittedAt?.slice(0, 4) ?? '',
    // The notice's consultation lines (五（五）), from the policy: one place for every document.
    helpDesk: noticeContacts(policy),
  };
  const committee = { name: facts.committeeName ?? '' };
  switch (name) {
    case 'review-summary':
      // Every material the applicant attached (三（一）), with the first characters of its SHA-256,
      // so that a printed 一览表 names the very files the reviewers opened.
      return {
        ...base,
        materials: (facts.materials ?? []).map((m) => ({ kind: m.kind, label: m.label, fileName: m.fileName, pages: m.pages ?? '', size: printedSize(m.bytes), digest: m.sha256.slice(0, 12) })),
        // 单位推荐意见 once the unit approved (三（二）), 主管部门审核意见 once the competent department did.
        unitOpinion: levelOpinion(facts.reviewRecord ?? [], (d) => d.step === 'unit-review-task'),
        departmentOpinion: levelOpinion(facts.reviewRecord ?? [], (d) => d.level === 'competent-department'),
      };
    case 'unit-publicity-form': {
      // The applicant's 公示表 (三（一）), published by the unit (三（二）) and taking its objections.
      const publisher = unitPublisherOf(application, policy);
      const dated = Boolean(facts.unitPublicityStart && facts.unitPublicityEnd);
      const contact = publisher.contact;
      return {
        ...base,
        publicity: {
          number: `${facts.applicationId}-DWGS`,
          // Before the unit publicises, the form says when its dates come instead of leaving them blank.
          ...(dated
            ? { startsOn: day(facts.unitPublicityStart, firstDayOf), endsOn: day(facts.unitPublicityEnd, lastDayOf), issuedOn: day(facts.unitPublicityStart, firstDayOf) }
            : { startsOn: null, endsOn: null, issuedOn: null, periodNote: '公示时间由发布单位公示时确定' }),
          workingDays: policy.publicity.unitWorkingDays,
          issuer: publisher.issuer,
          // No numbers or address on record for a unit (unitPublisherOf): the form names the office, posted where it sits.
          contact: { department: contact.department, phone: contact.phones.join('、'), address: contact.address, atPublisher: contact.phones.length === 0 && !contact.address },
        },
        publicityProvisionalNote: dated ? (facts.unitPublicityProvisionalNote ?? null) : null,
      };
    }
    case 'publicity-form': {
      // Each committee publicises its own results (notice 三（六）): its office issues the form, with its
      // contacts and the notice's consultation lines (五（五）, `helpDesk`), which the form prints.
      const issuing = committeeOf(policy, facts);
      if (!issuing) throw new Error(documentProblems(name, facts).join('; '));
      const publisher = publisherOf(issuing);
      return {
        ...base,
        committee,
        // 初级认定 is recognised without a vote (notice 三（四）): the form says so instead of naming a meeting.
        review: facts.vote?.held === false
          ? { result: 'recognised', held: false, meetingDate: facts.vote.decidedOn ?? '' }
          : { result: facts.vote?.passed ? 'passed' : 'failed', held: true, meetingDate: facts.vote?.decidedOn ?? '' },
        publicity: {
          number: `${facts.applicationId}-GS`,
          // Days, as the form prints them: the flow's end is 24:00 of the last day, printed as that day.
          startsOn: day(facts.publicityStart, firstDayOf),
          endsOn: day(facts.publicityEnd, lastDayOf),
          workingDays: policy.publicity.resultWorkingDays,
          issuer: publisher.issuer,
          issuedOn: day(facts.publicityStart, firstDayOf),
          contact: { department: publisher.contact.department, phone: publisher.contact.phones.join('、'), address: publisher.contact.address },
        },
        publicityProvisionalNote: facts.publicityProvisionalNote ?? null,
      };
    }
    case 'certificate':
      // 资格名称 and its level from the policy's title names (工程 中级: 工程师, 中级), as the certificate was issued.
      return {
        ...base,
        committee,
        certificate: { ...facts.certificate, titleName: titleNameOf(policy.titleNames, application.qualification).name, levelLabel: gradeLabelOf(application.qualification) },
      };
    case 'appointment-notice':
      return { ...base, committee, certificate: facts.certificate };
  }
}
