// Certificate (SPEC 2.9): a number of year, issuing office and sequence (2024-C02-000123), and an
// unguessable verification code. The registry issues it: the number comes from its counter of the
// office and year, once per application (a retried task gets the same certificate back), and only
// what the registry issued exists: a `certificate` process variable set by anyone else issues nothing.
import { z } from 'zod';
import { applicationSchema } from '../domain/application.js';
import { gradeLabelOf, titleNameOf } from '../rules/index.js';
import { dateOf, shanghaiYear } from '../domain/time.js';
import { generateVerificationCode } from '../domain/codes.js';
import { formatCertificateNumber } from '../documents/certificates.js';
import type { CertificateRequest, CertificateRow } from '../registry/registry.js';
import type { PolicyProvider } from '../policy/provider.js';
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
  committeeGroup: z.string().nullish(),
});


/** What an issuer needs: the policy (committee office codes, issuing department), a clock, the registry. */
export interface IssuerDeps {
  policies: PolicyProvider;
  clock: () => Date;
  /** Registry.issueCertificate: numbers and records the certificate once per application and kind. */
  issueCertificate: (request: CertificateRequest) => Promise<CertificateRow>;
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
    async handle({ applicationId, application, policyId, committeeId, committeeGroup, vote }) {
      const policy = deps.policies.get(policyId);
      const committee = policy.committees.find((c) => c.id === committeeId);
      if (!committee) throw new Error(`committee ${committeeId} is not in policy ${policyId}`);
      const now = deps.clock();
      const issuedOn = dateOf(now);
      const q = application.qualification;
      const issued = await deps.issueCertificate({
        applicationId,
        kind: options.kind,
        office: committee.officeCode + options.officeSuffix,
        year: shanghaiYear(now),
        committeeId,
        committeeGroup: committeeGroup ?? null,
        make: ({ office, year, seq }) => {
          const number = formatCertificateNumber({ year, office, sequence: seq });
          const verificationCode = generateVerificationCode();
          return {
            number,
            verificationCode,
            data: {
              kind: options.kind,
              number,
              verificationCode,
              holder: application.applicant.name,
              title: `${q.series} ${q.specialty}`,
              // 资格名称 by series, specialty and level from the policy (工程 中级: 工程师).
              titleName: titleNameOf(policy.titleNames, q).name,
              level: q.level,
              levelLabel: gradeLabelOf(q),
              approvedOn: vote?.decidedOn ?? issuedOn,
              issuer: committee.authority,
              issuedOn,
              status: 'valid',
            },
          };
        },
      });
      // The document step prints what the registry issued; the code is a plain string for the forms.
      return complete({ certificate: issued.data, certificateCode: issued.verificationCode });
    },
  });
}

export const createIssueCertificate = (deps: IssuerDeps) =>
  createIssuer({ topic, description: 'Issues the certificate number and verification code', kind: 'certificate', officeSuffix: '' }, deps);
