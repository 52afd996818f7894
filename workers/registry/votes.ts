// The votes of the registry: a committee's meetings (recorded once each), its vote on each
// application in one of them, and a meeting day's votes for its report.
import { sql } from 'kysely';
import type { VoteCounts } from './schema.js';
import { RegistryPart, uniqueViolation } from './shared.js';

/** A committee's vote on an application, in its meeting. */
export interface VoteRecord extends VoteCounts {
  committeeId: string;
  meetingDate: string;
  /** The recorded meeting; none for a vote imported from before meetings were recorded. */
  meetingId?: string | null;
  /** Members present who recused themselves for this applicant. */
  recused?: number | null;
}

/** A committee's meeting (评审会议) as the registry keeps it. */
export interface Meeting {
  id: string;
  committeeId: string;
  /** YYYY-MM-DD */
  date: string;
  members: number;
  present: number;
  recordedBy: string;
  recordedAt: Date;
  /** Votes recorded in it so far. */
  votes: number;
}

/** The committee already recorded a meeting on that day. */
export class MeetingExistsError extends Error {
  override readonly name = 'MeetingExistsError';
  constructor(readonly meeting: Meeting) {
    super(`committee ${meeting.committeeId} recorded its meeting of ${meeting.date} before (meeting ${meeting.id})`);
  }
}

export class Votes extends RegistryPart {
  /** Records a committee's meeting once; a second record of the same day is MeetingExistsError. */
  async recordMeeting(m: { committeeId: string; date: string; members: number; present: number; recordedBy: string }): Promise<Meeting> {
    try {
      const row = await this.run('meeting', () =>
        this.db
          .insertInto('committee_meetings')
          .values({ committee_id: m.committeeId, meeting_date: m.date, members: m.members, present: m.present, recorded_by: m.recordedBy, recorded_at: this.clock() })
          .returning('id')
          .executeTakeFirstOrThrow(),
      );
      return (await this.meeting(row.id))!;
    } catch (error) {
      if (!uniqueViolation(error)) throw error;
      const existing = (await this.meetingsOf(m.committeeId)).find((x) => x.date === m.date);
      if (!existing) throw error;
      throw new MeetingExistsError(existing);
    }
  }

  private meetingRows() {
    return this.db
      .selectFrom('committee_meetings as m')
      .select(sql<string>`m.meeting_date::text`.as('meeting_date'))
      .select(['m.id', 'm.committee_id', 'm.members', 'm.present', 'm.recorded_by', 'm.recorded_at'])
      .select((eb) => eb.selectFrom('votes as v').whereRef('v.meeting_id', '=', 'm.id').select(eb.fn.countAll<string>().as('n')).as('votes'));
  }

  /** A committee's meetings, the latest first. */
  async meetingsOf(committeeId: string): Promise<Meeting[]> {
    const rows = await this.run('meetings', () => this.meetingRows().where('m.committee_id', '=', committeeId).orderBy('m.meeting_date', 'desc').execute());
    return rows.map(meetingOf);
  }

  /** One meeting, or null. */
  async meeting(id: string): Promise<Meeting | null> {
    if (!/^\d{1,18}$/.test(id)) return null;
    const row = await this.run('meeting', () => this.meetingRows().where('m.id', '=', id).executeTakeFirst());
    return row ? meetingOf(row) : null;
  }

  /** A committee's vote on the application (one per vote task), in its meeting. */
  async recordVote(id: string, v: VoteRecord, dedupeKey: string): Promise<void> {
    await this.run('vote', () =>
      this.db
        .insertInto('votes')
        .values({ application_id: id, committee_id: v.committeeId, meeting_date: v.meetingDate, ...(v.meetingId ? { meeting_id: v.meetingId, recused: v.recused ?? null } : {}), members: v.members, present: v.present, yes: v.yes, against: v.against, abstain: v.abstain, passed: v.passed, recorded_at: this.clock(), dedupe_key: dedupeKey })
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .execute(),
    );
  }

  /** Votes of a committee on a meeting day, with what the report prints of each application. */
  async votesOn(committeeId: string, meetingDate: string) {
    return this.run('votes', () =>
      this.db
        .selectFrom('votes as v')
        .innerJoin('applications as a', 'a.id', 'v.application_id')
        .select(['v.application_id', 'a.caller', 'v.members', 'v.present', 'v.yes', 'v.against', 'v.abstain', 'v.passed', 'v.id', 'a.applicant_name', 'a.unit_name', 'a.series', 'a.specialty', 'a.level'])
        .where('v.committee_id', '=', committeeId)
        .where('v.meeting_date', '=', meetingDate)
        .orderBy('v.id')
        .execute(),
    );
  }
}

const meetingOf = (r: { id: string; committee_id: string; meeting_date: string; members: number; present: number; recorded_by: string; recorded_at: Date; votes: string | number | null }): Meeting => ({
  id: String(r.id),
  committeeId: r.committee_id,
  date: r.meeting_date,
  members: r.members,
  present: r.present,
  recordedBy: r.recorded_by,
  recordedAt: r.recorded_at,
  votes: Number(r.votes ?? 0),
});
