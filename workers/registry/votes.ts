// The votes of the registry: a committee's vote on each application, and a meeting day's votes for
// its report.
import type { VoteCounts } from './schema.js';
import { RegistryPart } from './shared.js';

/** A committee's vote on an application, under its meeting day. */
export interface VoteRecord extends VoteCounts {
  committeeId: string;
  meetingDate: string;
}

export class Votes extends RegistryPart {
  /** A committee's vote on the application (one per vote task). */
  async recordVote(id: string, v: VoteRecord, dedupeKey: string): Promise<void> {
    await this.run('vote', () =>
      this.db
        .insertInto('votes')
        .values({ application_id: id, committee_id: v.committeeId, meeting_date: v.meetingDate, members: v.members, present: v.present, yes: v.yes, against: v.against, abstain: v.abstain, passed: v.passed, recorded_at: this.clock(), dedupe_key: dedupeKey })
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
