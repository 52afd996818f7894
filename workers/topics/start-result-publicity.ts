// Result publicity (SPEC 2.8): N working days on the official calendar from today.
import { z } from 'zod';
import { dateOf } from '../domain/time.js';
import type { PolicyProvider } from '../policies.js';
import { defineHandler } from '../runtime/handler.js';
import { complete } from '../runtime/outcome.js';
import { endOfWorkingDays } from '../rules/index.js';

export const topic = 'start-result-publicity';

export const input = z.object({ policyId: z.string().min(1) });

export const createStartResultPublicity = (deps: { policies: PolicyProvider; clock: () => Date }) =>
  defineHandler({
    topic,
    description: 'Computes the end of the result publicity on the working-day calendar',
    input,
    outputs: ['publicityStart', 'publicityEnd'],
    async handle({ policyId }) {
      const days = deps.policies.get(policyId).publicity.resultWorkingDays;
      const start = dateOf(deps.clock());
      return complete({ publicityStart: start, publicityEnd: endOfWorkingDays(start, days) });
    },
  });
