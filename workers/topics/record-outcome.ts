// The end of a title-review flow (SPEC 2, 6): every end event of a top-level flow is a message end
// event of this topic, so that how the application ended reaches the registry through our code.
// The end event's id names the outcome: `withdrawn-committee` ends the application as withdrawn.
import { z } from 'zod';
import { END_STATES, endStateOf } from '../domain/steps.js';
import type { Registry } from '../registry/registry.js';
import { defineHandler } from '../runtime/handler.js';
import { complete, PermanentError } from '../runtime/outcome.js';

export const topic = 'record-outcome';

export const input = z.object({
  /** Set by a deadline timer: the route level that missed it. */
  missedLevel: z.string().nullish(),
  /** Set with missedLevel: the notice's deadline that passed (四（二）, 四（五）). */
  missedDeadline: z.string().nullish(),
  eligibilityReasons: z.array(z.unknown()).nullish(),
});

export const createRecordOutcome = (deps: { registry: Pick<Registry, 'finish'> }) =>
  defineHandler({
    topic,
    description: `Records how the application ended (${END_STATES.join(', ')}), named by the end event's id`,
    input,
    outputs: [],
    async handle({ missedLevel, missedDeadline, eligibilityReasons }, ctx) {
      const state = endStateOf(ctx.activityId);
      if (!state) throw new PermanentError(`end event "${ctx.activityId}" does not name an outcome: its id must start with one of ${END_STATES.join(', ')}`);
      if (!ctx.businessKey) throw new PermanentError('the instance has no business key (the application id)');
      await deps.registry.finish(ctx.businessKey, state, `${ctx.taskId}:ended`, {
        missedLevel: state === 'withdrawn' ? (missedLevel ?? null) : null,
        missedDeadline: state === 'withdrawn' ? (missedDeadline ?? null) : null,
        step: ctx.activityId,
        ...(state === 'refused' && eligibilityReasons?.length ? { name: 'refused: not eligible' } : {}),
      });
      return complete();
    },
  });
