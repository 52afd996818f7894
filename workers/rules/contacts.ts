// Contacts (notice 五（五）政策咨询): the consultation lines of the notice, kept once in the policy,
// and the office that publishes a committee's result (notice 三（六）: each committee publicises its
// results) with that office's contacts; and the unit that publicises an application before it goes
// up (三（二）单位公示).
import type { Application } from '../domain/application.js';
import { committeeGroup, provinceGroup, type Committee } from './committees.js';
import type { Policy } from './policy.js';
import { federationOf } from './route.js';

/** One consultation line of the notice: what it is for and its numbers. */
export interface ContactLine {
  id: string;
  label: string;
  purpose: string;
  phones: Array<{ number: string; note?: string }>;
}

/** The notice's consultation lines, for status answers and documents. */
export function noticeContacts(policy: Policy): { clause: string; lines: ContactLine[] } {
  return { clause: policy.contacts.clause, lines: policy.contacts.lines.map((l) => ({ ...l, phones: l.phones.map((p) => ({ ...p })) })) };
}

/** The line for questions on the rules (业务咨询): the provincial HR department's own number. */
export function businessLine(policy: Policy): ContactLine {
  return policy.contacts.lines.find((l) => l.id === policy.contacts.business)!;
}

/** Who publishes a document and how to reach them. */
export interface Publisher {
  /** The issuing office, printed as the document's issuer. */
  issuer: string;
  /** The office that takes objections and questions, with its phones and address. */
  contact: { department: string; phones: string[]; address: string };
  /**
   * `office`: the committee office's own contacts from the policy (a committee without them does not
   * load); `none`: nothing holds the publisher's numbers or address (a unit), its name alone.
   */
  contactsFrom: 'office' | 'none';
}

/** The committee of an id, or of a name (the flow's `committeeName`), or null. */
export function committeeOf(policy: Policy, by: { committeeId?: string | null; committeeName?: string | null }): Committee | null {
  if (by.committeeId) return policy.committees.find((c) => c.id === by.committeeId) ?? null;
  if (by.committeeName) return policy.committees.find((c) => c.name === by.committeeName) ?? null;
  return null;
}

/**
 * The publisher of a committee's 公示表 (notice 三（六）: each committee publicises its results): the
 * committee's office, with its own contacts as where objections go. Every committee of a policy has
 * them (a policy validation error otherwise); the help-desk lines of 五（五） never stand in.
 */
export function publisherOf(committee: Committee): Publisher {
  const office = committee.office;
  return { issuer: office.name, contact: { department: office.name, phones: [...office.phones], address: office.address ?? '' }, contactsFrom: 'office' };
}

/**
 * The publisher of an application's 公示表 in the unit's publicity (三（二）): the unit whose HR
 * department reviewed it (各单位人事部门成立三人以上审核小组), or for a freelance artist the federation
 * that verified it instead (省文联 or 省作协), which publicises it in the unit's place. It takes the
 * objections too. The application carries no numbers or address of the unit and the policy has none
 * of units or federations, so the contact is the reviewing office by name: the form is posted at
 * the publisher itself, whose office its readers find there. The notice's help-desk lines (五（五）)
 * answer policy questions and never stand in as where objections to a unit's publicity go.
 */
export function unitPublisherOf(application: Application, policy: Policy): Publisher {
  if (application.applicant.freelanceArtist) {
    const federation = federationOf(application, policy);
    return { issuer: federation, contact: { department: federation, phones: [], address: '' }, contactsFrom: 'none' };
  }
  return { issuer: application.unit.name, contact: { department: `${application.unit.name}人事部门`, phones: [], address: '' }, contactsFrom: 'none' };
}

/** How to reach the office that handles an application's current step. */
export interface OfficeContact {
  /** The office's engine group (hr-220106, committee-jl-arts, unit-<credit code>, ...). */
  office: string;
  name: string | null;
  phones: string[];
  address: string | null;
  /**
   * `office`: the office's own numbers from the policy (a committee's office, the provincial HR
   * department's 业务咨询 line); `none`: the policy holds no numbers for this office (units, county
   * and city HR): the notice's lines are the way in.
   */
  contactsFrom: 'office' | 'none';
}

/**
 * The contacts of the office `group` from the policy: a committee's office (as its 公示表 prints
 * them, publisherOf), the provincial HR department's 业务咨询 line, or the name alone.
 */
export function officeContact(group: string, policy: Policy, name: string | null): OfficeContact {
  const committee = policy.committees.find((c) => committeeGroup(c) === group);
  if (committee) {
    const publisher = publisherOf(committee);
    return { office: group, name: committee.office.name, phones: publisher.contact.phones, address: publisher.contact.address || null, contactsFrom: publisher.contactsFrom };
  }
  if (group === provinceGroup(policy)) {
    return { office: group, name: policy.province.hrOffice, phones: businessLine(policy).phones.map((p) => p.number), address: null, contactsFrom: 'office' };
  }
  return { office: group, name, phones: [], address: null, contactsFrom: 'none' };
}

/** The contacts of a status answer: the office of the current step (null once none handles it) and the notice's lines. */
export function statusContacts(policy: Policy, current: { group: string; name: string | null } | null): { office: OfficeContact | null; helpDesk: ReturnType<typeof noticeContacts> } {
  return { office: current ? officeContact(current.group, policy, current.name) : null, helpDesk: noticeContacts(policy) };
}
