// Certificate (SPEC 2.9): a number of year, issuing office and sequence (2024-C02-000123), and an
// unguessable verification code. Sequences are allocated per year and office without collisions,
// and the application id owns its number: a retried task gets the same number back.
import { z } from 'zod';
import { applicationSchema } from '../domain/application.js';
import { dateOf, shanghaiYear } from '../domain/time.js';
import { generateVerificationCode } from '../documents/certificates.js';
import type { PolicyProvider } from '../policies.js';
import { defineHandler } from '../runtime/handler.js';
import { complete } from '../runtime/outcome.js';

export const topic = 'issue-certificate';

export const input = z.object({
  applicationId: z.string().min(1),
  application: applicationSchema,
  policyId: z.string().min(1),
  committeeId: z.string().min(1),
  /** The vote decides the date the title was approved (评审通过时间). */
  vote: z.object({ decidedOn: z.iso.date().optional() }).passthrough().nullish(),
  /** Set when an earlier attempt already issued it: a retried task issues nothing new. */
  certificate: z.object({ number: z.string(), verificationCode: z.string() }).passthrough().nullish(),
});

const LEVEL_NAMES = { junior: '初级', intermediate: '中级', 'associate-senior': '副高级', senior: '正高级' } as const;

/** What an issuer needs: the policy (committee office codes, issuing department), a clock, sequences. */
export interface IssuerDeps {
  policies: PolicyProvider;
  clock: () => Date;
  /** The next number of a year and office; the same owner gets the same number back. */
  certificateNumber: (year: number, office: string, owner: string) => Promise<string>;
}

/** A handler issuing a verifiable outcome document: a certificate, or the notice of post-grade-2-3. */
export function createIssuer(
  options: { topic: string; description: string; kind: 'certificate' | 'post-appointment-notice'; officeSuffix: string },
  deps: IssuerDeps,
) {
  return defineHandler({
    topic: options.topic,
    description: options.description,
    input,
    outputs: ['certificate', 'certificateCode'],
    async handle({ applicationId, application, policyId, committeeId, vote, certificate }) {
      if (certificate) return complete({ certificate, certificateCode: certificate.verificationCode });
      const policy = deps.policies.get(policyId);
      const committee = policy.committees.find((c) => c.id === committeeId);
      if (!committee) throw new Error(`committee ${committeeId} is not in policy ${policyId}`);
      const now = deps.clock();
      const issuedOn = dateOf(now);
      const code = generateVerificationCode();
      const q = application.qualification;
      return complete({
        // A plain string beside the JSON, so that verification can find it by value.
        certificateCode: code,
        certificate: {
          kind: options.kind,
          number: await deps.certificateNumber(shanghaiYear(now), committee.officeCode + options.officeSuffix, applicationId),
          verificationCode: code,
          holder: application.applicant.name,
          title: `${q.series} ${q.specialty}`,
          titleName: `${q.series}系列${q.specialty}专业${LEVEL_NAMES[q.level]}`,
          level: q.level,
          approvedOn: vote?.decidedOn ?? issuedOn,
          issuer: committee.authority,
          issuedOn,
          status: 'valid',
        },
      });
    },
  });
}

export const createIssueCertificate = (deps: IssuerDeps) =>
  createIssuer({ topic, description: 'Issues the certificate number and verification code', kind: 'certificate', officeSuffix: '' }, deps);
