// Contacts (notice 五（五）政策咨询): the consultation lines of the notice, kept once in the policy,
// and the office that publishes a committee's result (notice 三（六）: each committee publicises its
// results) with that office's contacts.
import type { Committee } from './committees.js';
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

/** The line for questions on the rules (业务咨询), which answers where an office lists no contacts of its own. */
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
   * `office`: the committee office's own contacts from the policy; `province`: the committee lists
   * none, so the notice's 业务咨询 line of the provincial HR department stands in.
   */
  contactsFrom: 'office' | 'province';
}

/** The committee of an id, or of a name (the flow's `committeeName`), or null. */
export function committeeOf(policy: Policy, by: { committeeId?: string | null; committeeName?: string | null }): Committee | null {
  if (by.committeeId) return policy.committees.find((c) => c.id === by.committeeId) ?? null;
  if (by.committeeName) return policy.committees.find((c) => c.name === by.committeeName) ?? null;
  return null;
}

/**
 * The publisher of a committee's 公示表: the committee's office with its contacts. Without a
 * committee of the policy (one assigned by hand), the provincial HR department publishes.
 */
export function publisherOf(committee: Committee | null, policy: Policy): Publisher {
  const business = businessLine(policy);
  const province = { department: policy.province.hrOffice, phones: business.phones.map((p) => p.number), address: '' };
  if (!committee) return { issuer: policy.province.hrOffice, contact: province, contactsFrom: 'province' };
  if (committee.office) {
    return { issuer: committee.office.name, contact: { department: committee.office.name, phones: committee.office.phones, address: committee.office.address ?? '' }, contactsFrom: 'office' };
  }
  return { issuer: committee.name, contact: province, contactsFrom: 'province' };
}
