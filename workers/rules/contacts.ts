// Contacts (notice 五（五）政策咨询): the consultation lines of the notice, kept once in the policy,
// and the office that publishes a committee's result (notice 三（六）: each committee publicises its
// results) with that office's contacts.
import { committeeGroup, provinceGroup, type Committee } from './committees.js';
import type { Policy } from './policy.js';

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
  /** Always the committee office's own contacts from the policy (a committee without them does not load). */
  contactsFrom: 'office';
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
