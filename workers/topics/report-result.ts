// Result report (SPEC 2.10): the committee's result of the application, reported to the
// provincial HR department, kept on the instance (and so in the engine's history).
import { z } from 'zod';
import { toShanghaiIso } from '../domain/time.js';
import { defineHandler } from '../runtime/handler.js';
import { complete } from '../runtime/outcome.js';

export const topic = 'report-result';

export const input = z.object({
  applicationId: z.string().min(1),
  committeeId: z.string().min(1),
  votePassed: z.boolean(),
  certificate: z.object({ number: z.string() }).passthrough().nullish(),
});

export const createReportResult = (deps: { clock: () => Date }) =>
  defineHandler({
    topic,
    description: "Reports the committee's result to the provincial HR department",
    input,
    outputs: ['resultReport'],
    async handle({ applicationId, committeeId, votePassed, certificate }) {
      return complete({
        resultReport: { applicationId, committeeId, passed: votePassed, certificateNumber: certificate?.number ?? null, reportedAt: toShanghaiIso(deps.clock()) },
      });
    },
  });
