// Publicity periods on the official working-day calendar, from today: the unit's (单位公示, SPEC
// 2.3) and the result's (结果公示, SPEC 2.8), each as long as the policy says.
import { z } from 'zod';
import { dateOf } from '../domain/time.js';
import type { PolicyProvider } from '../policy/provider.js';
import { defineHandler } from '../runtime/handler.js';
import { waitingStep } from '../domain/steps.js';
import { defineRecordStep, periodOf } from './recording.js';
import { complete } from '../runtime/outcome.js';

export const topic = 'start-result-publicity';

export const input = z.object({ policyId: z.string().min(1) });

type PublicityDeps = { policies: PolicyProvider; clock: () => Date };

export const createStartResultPublicity = (deps: PublicityDeps) =>
  defineHandler({
    topic,
    description: 'Computes the end of the result publicity on the working-day calendar',
    input,
    outputs: ['publicityStart', 'publicityEnd', 'publicityDays', 'publicityProvisional'],
    async handle({ policyId }, ctx) {
      const days = deps.policies.get(policyId).publicity.resultWorkingDays;
      const period = deps.policies.calendar.period(dateOf(deps.clock()), days);
      if (period.provisional) ctx.log.warn({ provisional: true, years: period.provisionalYears, end: period.end }, `result publicity ends provisionally: ${period.provisional}`);
      return complete({ publicityStart: period.start, publicityEnd: period.end, publicityDays: days, publicityProvisional: period.provisional });
    },
  });

export const createStartUnitPublicity = (deps: PublicityDeps) =>
  defineHandler({
    topic: 'start-unit-publicity',
    description: "Computes the end of the unit's publicity of the application (单位公示) on the working-day calendar",
    input,
    outputs: ['unitPublicityStart', 'unitPublicityEnd', 'unitPublicityDays', 'unitPublicityProvisional'],
    async handle({ policyId }, ctx) {
      const days = deps.policies.get(policyId).publicity.unitWorkingDays;
      const period = deps.policies.calendar.period(dateOf(deps.clock()), days);
      if (period.provisional) ctx.log.warn({ provisional: true, years: period.provisionalYears, end: period.end }, `unit publicity ends provisionally: ${period.provisional}`);
      return complete({ unitPublicityStart: period.start, unitPublicityEnd: period.end, unitPublicityDays: days, unitPublicityProvisional: period.provisional });
    },
  });

/** The unit's publicity opens at the unit, with its working-day period. */
export const recordUnitPublicity = defineRecordStep<ReturnType<typeof createStartUnitPublicity>>()({
  reads: { unitGroup: z.string().nullish() },
  async record(input, out, { openWhenReached }) {
    // The applicant's 公示表 is made again next (render-unit-publicity-form, which prints these dates):
    // the wait for objections opens when that step completes.
    await openWhenReached(
      { ...waitingStep('unit-publicity'), office: input.unitGroup ?? null, deadline: out.unitPublicityEnd, provisional: out.unitPublicityProvisional, period: periodOf(out.unitPublicityStart, out.unitPublicityDays) },
      'opened',
      undefined,
      { afterNextStep: true },
    );
  },
});

/** The result publicity opens at the committee's office, with its working-day period. */
export const recordResultPublicity = defineRecordStep<ReturnType<typeof createStartResultPublicity>>()({
  reads: { committeeGroup: z.string().nullish() },
  async record(input, out, { openWhenReached }) {
    // The publicity form is made next (render-publicity-form, which prints these dates): the wait
    // for objections opens when that step completes.
    await openWhenReached(
      { ...waitingStep('result-publicity'), office: input.committeeGroup ?? null, deadline: out.publicityEnd, provisional: out.publicityProvisional, period: periodOf(out.publicityStart, out.publicityDays) },
      'opened',
      { publicity_end: out.publicityEnd },
      { afterNextStep: true },
    );
  },
});
