// The committee vote (人社部令第40号 defaults, thresholds from the policy): a quorum of the
// members must be present, recused members are not counted present, and a pass needs the
// threshold of the experts present.
import { formatDateZh } from '../domain/dates-zh.js';
import { isIsoDate } from '../domain/time.js';
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

/** A committee's meeting as recorded once (评审会议): its day, its members and those present. */
export interface MeetingCount {
  /** The meeting day, YYYY-MM-DD (Asia/Shanghai). */
  date: string;
  members: number;
  /** Members present at the meeting (出席委员). */
  present: number;
}

/**
 * Checks a meeting before it is recorded: a day that has come, whole counts, and the quorum of the
 * members present (a meeting without it cannot vote). Each applicant's recusals are counted in
 * their vote (meetingVote).
 */
export function checkMeeting(m: MeetingCount, today: string, policy: Policy): Reason[] {
  // The committee's office reads these on its page: in Chinese, naming the field.
  const reasons: Reason[] = [];
  if (!isIsoDate(m.date)) reasons.push(reason('meeting.date', 'date', '会议日期须为日期（YYYY-MM-DD）'));
  else if (m.date > today) reasons.push(reason('meeting.date', 'date', `会议日期${formatDateZh(m.date)}尚未到来（今天是${formatDateZh(today)}）：请在会议当天或之后登记`));
  if (!Number.isInteger(m.members) || m.members < 1) reasons.push(reason('meeting.count', 'members', '委员总数须为不小于 1 的整数'));
  if (!Number.isInteger(m.present) || m.present < 0) reasons.push(reason('meeting.count', 'present', '出席委员人数须为不小于 0 的整数'));
  if (reasons.some((r) => r.field !== 'date')) return reasons;
  const { quorum } = policy.votes;
  if (m.present > m.members) reasons.push(reason('meeting.count', 'present', `出席委员${m.present}人，多于委员总数${m.members}人`));
  else if (m.present * quorum.denominator < m.members * quorum.numerator) {
    const need = Math.ceil((m.members * quorum.numerator) / quorum.denominator);
    reasons.push(reason('vote.quorum', 'present', `出席委员${m.present}人，不足法定人数：须达到委员总数${m.members}人的${quorum.numerator}/${quorum.denominator}（${need}人）`));
  }
  return reasons;
}

/** One applicant's count in a recorded meeting: the members present less those who recused themselves for this applicant. */
export function meetingVote(meeting: Pick<MeetingCount, 'members' | 'present'>, vote: { recused: number; yes: number; against?: number | null }): VoteCount | Reason {
  if (!Number.isInteger(vote.recused) || vote.recused < 0) return reason('vote.count', 'recused', 'recused must be a whole number of at least 0');
  if (vote.recused > meeting.present) return reason('vote.count', 'recused', `${vote.recused} recused but ${meeting.present} members were present at the meeting`);
  return { members: meeting.members, recused: vote.recused, present: meeting.present - vote.recused, yes: vote.yes, against: vote.against ?? null };
}
