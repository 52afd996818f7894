// Before the committee votes on an application (组织评审), its vote task is given the meetings the
// committee recorded (评审会议, recorded once on the committee's office page) to choose from, and
// the page's address for one not yet recorded. Once the engine took the completion (the task then
// exists), the meetings are read again: one recorded in between is offered by `offerMeetings`.
import { z } from 'zod';
import { formatDateZh } from '../domain/dates-zh.js';
import type { Meeting, Registry } from '../registry/registry.js';
import { defineHandler } from '../runtime/handler.js';
import { complete } from '../runtime/outcome.js';
import { committeeGroup } from '../rules/index.js';

export const topic = 'offer-meetings';

/** The variable the vote form's select reads its options from. */
export const MEETING_CHOICES = 'committeeMeetings';

/** One option of the vote form's select. */
export interface MeetingChoice {
  label: string;
  value: string;
}

/** A meeting as its office and the vote form read it. */
export const meetingLabel = (m: Pick<Meeting, 'date' | 'members' | 'present'>) => `${formatDateZh(m.date)}评审会议（委员${m.members}人，出席${m.present}人）`;

/** The options of the vote form, the latest meeting first. */
export const meetingChoices = (meetings: readonly Meeting[]): MeetingChoice[] => meetings.map((m) => ({ label: meetingLabel(m), value: m.id }));

export const sameMeetings = (a: readonly Meeting[], b: readonly Meeting[]) => a.length === b.length && a.every((m, i) => m.id === b[i]!.id);

export const input = z.object({ committeeId: z.string().min(1) });

export interface OfferMeetingsDeps {
  registry: Pick<Registry, 'meetingsOf'>;
  /** The committee's office page, where meetings are recorded (…/offices/committee-<id>/#meetings). */
  officePageLink?: (office: string) => string;
  /** Offers the committee's meetings to its waiting vote tasks (MeetingService.offer). */
  offerMeetings?: (committeeId: string) => Promise<unknown>;
}

export const createOfferMeetings = (deps: OfferMeetingsDeps) =>
  defineHandler({
    topic,
    description: "Gives the committee's vote task the meetings it recorded to choose from",
    input,
    outputs: [MEETING_CHOICES, 'meetingsPageLink'],
    async handle({ committeeId }) {
      const meetings = await deps.registry.meetingsOf(committeeId);
      const outcome = complete({
        [MEETING_CHOICES]: meetingChoices(meetings),
        meetingsPageLink: deps.officePageLink ? `${deps.officePageLink(committeeGroup({ id: committeeId }))}#meetings` : null,
      } as { committeeMeetings: MeetingChoice[]; meetingsPageLink: string | null });
      return {
        ...outcome,
        whenCompleted: async () => {
          if (!deps.offerMeetings) return;
          if (!sameMeetings(await deps.registry.meetingsOf(committeeId), meetings)) await deps.offerMeetings(committeeId);
        },
      };
    },
  });
