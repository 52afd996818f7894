// The committee vote (人社部令第40号 defaults, thresholds from the policy): a quorum of the
// members must be present, recused members are not counted present, and a pass needs the
// threshold of the experts present.
import type { Policy } from './policy.js';
import { reason, type Reason } from './reasons.js';

export interface VoteCount {
  members: number;
  recused: number;
  present: number;
  yes: number;
  /** No-votes (反对); the rest of those present abstained (弃权). Null when not counted separately. */
  against?: number | null;
}

export interface VoteDecision {
  valid: boolean;
  quorate: boolean;
  passed: boolean;
  reasons: Reason[];
}

/** Decides a vote; inconsistent counts are refused with the field at fault. */
export function decideVote(count: VoteCount, policy: Policy): VoteDecision {
  const reasons: Reason[] = [];
  for (const key of ['members', 'recused', 'present', 'yes'] as const) {
    if (!Number.isInteger(count[key]) || count[key] < 0) reasons.push(reason('vote.count', key, `${key} must be a whole number of at least 0`));
  }
  if (reasons.length === 0) {
    if (count.members < 1) reasons.push(reason('vote.count', 'members', 'a committee has at least one member'));
    if (count.recused > count.members) reasons.push(reason('vote.count', 'recused', 'more members recused than the committee has'));
    else if (count.present > count.members - count.recused) reasons.push(reason('vote.count', 'present', 'more present than members who are not recused'));
    if (count.yes > count.present) reasons.push(reason('vote.count', 'yes', 'more yes-votes than experts present'));
  }
  if (count.against !== undefined && count.against !== null) {
    if (!Number.isInteger(count.against) || count.against < 0) reasons.push(reason('vote.count', 'against', 'against must be a whole number of at least 0'));
    else if (reasons.length === 0 && count.yes + count.against > count.present) reasons.push(reason('vote.count', 'against', 'yes- and no-votes together exceed the experts present'));
  }
  if (reasons.length) return { valid: false, quorate: false, passed: false, reasons };
  const { quorum, pass } = policy.votes;
  const quorate = count.present * quorum.denominator >= count.members * quorum.numerator;
  const passed = quorate && count.present > 0 && count.yes * pass.denominator >= count.present * pass.numerator;
  if (!quorate) reasons.push(reason('vote.quorum', 'present', `${count.present} of ${count.members} present; the quorum is ${quorum.numerator}/${quorum.denominator} of the members`));
  else if (!passed) reasons.push(reason('vote.threshold', 'yes', `${count.yes} of ${count.present} present voted yes; a pass needs ${pass.numerator}/${pass.denominator}`));
  return { valid: true, quorate, passed, reasons };
}
