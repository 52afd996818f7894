// The result reports of the registry: what a committee's report of an application stands on (its
// vote or waiver), each result reported to the provincial HR department, and a meeting day's results.
import { sql, type Kysely } from 'kysely';
import type { Applications } from './applications.js';
import type { Database } from './schema.js';
import { RegistryPart, type EventInput } from './shared.js';

/** A result a committee reports to the provincial HR department: the vote's, or revoked after an upheld objection. */
export type ReportedResult = 'passed' | 'failed' | 'revoked';

/** What the result report of an application stands on, from the registry. */
export interface ReportFacts {
  /** The committee the application was assigned to. */
  committeeId: string | null;
  /** Its last vote (a recount replaces an earlier one). */
  vote: { id: string; committeeId: string; meetingDate: string; passed: boolean } | null;
  /** Whether it passed without a vote (初级认定, the waive-vote step). */
  waived: boolean;
}

/** An application's result reported by its committee (one per report task). */
export interface ReportRecord {
  committeeId: string;
  /** The meeting day of the vote reported; null (with voteId) for a result without a vote. */
  meetingDate: string | null;
  voteId: string | null;
  result: ReportedResult;
  reportedAt: Date;
}

export class Reports extends RegistryPart {
  constructor(
    db: Kysely<Database>,
    clock: () => Date,
    private readonly applications: Applications,
  ) {
    super(db, clock);
  }

  /** The committee, last vote and waiver of an application, on which its result report stands. */
  async reportFacts(id: string): Promise<ReportFacts> {
    return this.run('report', async () => {
      const row = await this.applications.require(id);
      const vote = await this.db
        .selectFrom('votes')
        .select(['id', 'committee_id', 'passed', sql<string>`to_char(meeting_date, 'YYYY-MM-DD')`.as('meeting_date')])
        .where('application_id', '=', id)
        .orderBy('id', 'desc')
        .executeTakeFirst();
      const waived = await this.db.selectFrom('application_events').select('id').where('application_id', '=', id).where('step', '=', 'waive-vote').where('kind', '=', 'decision').executeTakeFirst();
      return {
        committeeId: row.committee_id,
        vote: vote ? { id: String(vote.id), committeeId: vote.committee_id, meetingDate: vote.meeting_date, passed: vote.passed } : null,
        waived: waived !== undefined,
      };
    });
  }

  /**
   * Records that the committee reported the application's result to the provincial HR department,
   * with its progress event, once per dedupe key (the report task): a retry records nothing and
   * gets the first record's time back.
   */
  async recordReport(id: string, r: ReportRecord, dedupeKey: string, event: EventInput): Promise<{ reportedAt: Date }> {
    return this.run('report', async () => {
      await this.db.transaction().execute(async (tx) => {
        await this.lockApplication(tx, id);
        const inserted = await tx
          .insertInto('committee_reports')
          .values({ application_id: id, committee_id: r.committeeId, meeting_date: r.meetingDate, vote_id: r.voteId, result: r.result, reported_at: r.reportedAt, dedupe_key: dedupeKey })
          .onConflict((oc) => oc.column('dedupe_key').doNothing())
          .returning('id')
          .executeTakeFirst();
        if (!inserted) return;
        await this.insertEvent(tx, id, event, dedupeKey, r.reportedAt);
        await tx.updateTable('applications').set({ updated_at: this.clock() }).where('id', '=', id).execute();
      });
      const recorded = await this.db.selectFrom('committee_reports').select('reported_at').where('dedupe_key', '=', dedupeKey).executeTakeFirstOrThrow();
      return { reportedAt: recorded.reported_at };
    });
  }

  /**
   * The results a committee reported of a meeting day, in the order reported, with each one's vote
   * and what the report prints of the application. A vote not yet reported is not among them.
   */
  async reportedResults(committeeId: string, meetingDate: string) {
    return this.run('reports', () =>
      this.db
        .selectFrom('committee_reports as r')
        .innerJoin('votes as v', 'v.id', 'r.vote_id')
        .innerJoin('applications as a', 'a.id', 'r.application_id')
        .select(['r.id', 'r.application_id', 'r.result', 'r.reported_at', 'a.caller', 'v.members', 'v.present', 'v.yes', 'v.against', 'v.abstain', 'a.applicant_name', 'a.unit_name', 'a.series', 'a.specialty', 'a.level'])
        .where('r.committee_id', '=', committeeId)
        .where('r.meeting_date', '=', meetingDate)
        .orderBy('r.id')
        .execute(),
    );
  }
}
