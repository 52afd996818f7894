// A committee's meetings (评审会议): its office records each meeting once (the day, the members,
// those present; the quorum checked), and the vote tasks waiting at the committee offer the
// recorded meetings to choose from (`committeeMeetings`, the vote form's select). The registry keeps
// the meetings; the variable only lists them, and record-vote reads the chosen one from the registry.
import { z } from 'zod';
import type { WorkflowEngine } from '../adapters/camunda7/workflow-engine.js';
import { dateOf } from '../domain/time.js';
import type { Logger } from '../log.js';
import type { PolicyProvider } from '../policy/provider.js';
import { MeetingExistsError, type Meeting, type Registry } from '../registry/registry.js';
import type { Reason } from '../rules/reasons.js';
import { checkMeeting, committeeGroup, type Committee } from '../rules/index.js';
import { MEETING_CHOICES, meetingChoices, sameMeetings } from '../topics/offer-meetings.js';
import { findCommittee } from './committee-report.js';

const whole = (label: string) => z.coerce.number({ error: `${label}须为整数` }).int({ error: `${label}须为整数` });
export const meetingInput = z.object({
  date: z.string({ error: '会议日期须为日期（YYYY-MM-DD）' }),
  members: whole('委员总数'),
  present: whole('出席委员人数'),
});

/** A meeting the rules refuse: each reason names its field. */
export class MeetingRefusedError extends Error {
  override readonly name = 'MeetingRefusedError';
  constructor(readonly reasons: Reason[]) {
    super(reasons.map((r) => `${r.field}: ${r.message}`).join('; '));
  }
}

export { MeetingExistsError };

export interface MeetingDeps {
  registry: Pick<Registry, 'recordMeeting' | 'meetingsOf'>;
  engine: Pick<WorkflowEngine, 'showWaitingTasks'>;
  policies: PolicyProvider;
  clock: () => Date;
  log: Logger;
}

/** The committee an office group stands for (committee-<id>), or undefined. */
export function committeeOfOffice(policies: PolicyProvider, office: string): Committee | undefined {
  if (!office.startsWith('committee-')) return undefined;
  const committee = findCommittee(policies, office.slice('committee-'.length));
  return committee && committeeGroup(committee) === office ? committee : undefined;
}

export class MeetingService {
  constructor(private readonly deps: MeetingDeps) {}

  /** The committee's meetings, the latest first. */
  list(committeeId: string): Promise<Meeting[]> {
    return this.deps.registry.meetingsOf(committeeId);
  }

  /**
   * Records a meeting once (MeetingRefusedError naming the field, MeetingExistsError for a day
   * recorded before), then offers it to the committee's waiting votes.
   */
  async record(committee: Committee, body: unknown, recordedBy: string): Promise<Meeting> {
    const parsed = meetingInput.safeParse(body ?? {});
    if (!parsed.success) throw new MeetingRefusedError(parsed.error.issues.map((i) => ({ rule: 'meeting.input', field: i.path.join('.') || '(body)', message: i.message })));
    const reasons = checkMeeting(parsed.data, dateOf(this.deps.clock()), this.deps.policies.active());
    if (reasons.length > 0) throw new MeetingRefusedError(reasons);
    const meeting = await this.deps.registry.recordMeeting({ committeeId: committee.id, ...parsed.data, recordedBy });
    await this.offer(committee.id).catch((error: unknown) =>
      this.deps.log.warn({ err: error, committee: committee.id, meeting: meeting.id }, 'meeting recorded; its vote tasks could not be told (their next opening of the vote lists it)'),
    );
    return meeting;
  }

  /**
   * Lists the committee's meetings on each of its vote tasks (the committee-phase instance's
   * `committeeMeetings`). Read again after writing: a meeting recorded meanwhile is written too, so
   * the last writer never leaves an older list behind.
   */
  async offer(committeeId: string): Promise<number> {
    const group = committeeGroup({ id: committeeId });
    let meetings = await this.deps.registry.meetingsOf(committeeId);
    for (let round = 0; round < 5; round++) {
      const told = await this.deps.engine.showWaitingTasks('committee-vote', group, { [MEETING_CHOICES]: meetingChoices(meetings) });
      const again = await this.deps.registry.meetingsOf(committeeId);
      if (sameMeetings(again, meetings)) return told;
      meetings = again;
    }
    throw new Error(`the meetings of ${committeeId} kept changing while their vote tasks were told`);
  }
}

