// Committee meetings in the flow tests: a vote task is answered in a meeting of the committee
// recorded once (as its office records it on the office page), the latest on or before today with
// the counts asked for, recorded when there is none.
import type { EngineTask } from '../../workers/adapters/camunda7/rest-client.js';
import { addDays, dateOf } from '../../workers/domain/time.js';
import { MeetingExistsError, type Meeting, type Registry } from '../../workers/registry/registry.js';
import { rest } from '../setup/engine.js';
import { testNow } from './clock.js';

export interface VoteCounts {
  /** The meeting: the committee's members and those present. */
  members: number;
  present: number;
  /** This applicant's vote: members present who recused themselves, yes- and no-votes. */
  recused?: number;
  yes: number;
  against?: number;
}

/** The latest day on or before `latest` on which none of `meetings` was held. */
const freeDay = (meetings: readonly Meeting[], latest: string) => {
  let date = latest;
  while (meetings.some((m) => m.date === date)) date = addDays(date, -1);
  return date;
};

/** The latest day on or before today without a meeting of the committee (the registry outlives a test run). */
export const freeMeetingDay = async (registry: Pick<Registry, 'meetingsOf'>, committeeId: string) => freeDay(await registry.meetingsOf(committeeId), dateOf(testNow()));

/** A meeting of the committee with these counts, on or before `latest` (today by the service's clock). */
export async function meetingOf(registry: Pick<Registry, 'meetingsOf' | 'recordMeeting'>, committeeId: string, counts: { members: number; present: number }, latest = dateOf(testNow())): Promise<Meeting> {
  const today = latest;
  for (let attempt = 0; attempt < 5; attempt++) {
    const meetings = await registry.meetingsOf(committeeId);
    const same = meetings.find((m) => m.members === counts.members && m.present === counts.present && m.date <= today);
    if (same) return same;
    const date = freeDay(meetings, today);
    try {
      return await registry.recordMeeting({ committeeId, date, members: counts.members, present: counts.present, recordedBy: 'test' });
    } catch (error) {
      // Another test file recorded that day at the same moment: look again.
      if (!(error instanceof MeetingExistsError)) throw error;
    }
  }
  throw new Error(`no meeting of ${committeeId} could be recorded`);
}

/** The variables a committee's office completes a vote task with, in a meeting with these counts. */
export async function voteVariables(registry: Pick<Registry, 'meetingsOf' | 'recordMeeting'>, committeeId: string, counts: VoteCounts): Promise<Record<string, unknown>> {
  const meeting = await meetingOf(registry, committeeId, counts);
  return { voteMeeting: meeting.id, voteRecused: counts.recused ?? 0, voteYes: counts.yes, ...(counts.against === undefined ? {} : { voteAgainst: counts.against }) };
}

/** An answer of playToTheEnd for the vote task: the task's committee, a meeting with these counts. */
export const voteIn =
  (registry: Pick<Registry, 'meetingsOf' | 'recordMeeting'>, counts: VoteCounts) =>
  async (task: EngineTask): Promise<Record<string, unknown>> =>
    voteVariables(registry, String((await rest.variables(task.processInstanceId)).committeeId), counts);
