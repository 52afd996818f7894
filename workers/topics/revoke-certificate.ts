// Revocation of an issued certificate after an objection to it was upheld (SPEC 2.8: "upheld: result
// revoked"). The certificate's own instance has ended and its variables are history, so the
// revocation is recorded on the revocation case: `revokedCertificateCode`, a plain string that
// verification finds by value, and `revocation`, the record.
import { z } from 'zod';
import { VERIFICATION_CODE_PATTERN } from '../domain/codes.js';
import { toShanghaiIso } from '../domain/time.js';
import { defineHandler } from '../runtime/handler.js';
import { complete, PermanentError } from '../runtime/outcome.js';

export const topic = 'revoke-certificate';

export const input = z.object({
  /** Not `certificateCode`: that name marks the instance that issued the certificate. */
  objectedCertificateCode: z.string().regex(VERIFICATION_CODE_PATTERN),
  certificateNumber: z.string().min(1),
  applicationId: z.string().min(1),
  objectionFinding: z.string().trim().min(1),
});

export const createRevokeCertificate = (deps: { clock: () => Date; revokeCertificate: (code: string, revocation: Record<string, unknown>) => Promise<unknown> }) =>
  defineHandler({
    topic,
    description: 'Records the revocation of an issued certificate after an upheld objection',
    input,
    outputs: ['revocation', 'revokedCertificateCode'],
    async handle({ objectedCertificateCode, certificateNumber, applicationId, objectionFinding }, ctx) {
      const revocation = { applicationId, certificateNumber, revokedAt: toShanghaiIso(deps.clock()), reason: objectionFinding };
      // The registry's record is what verification answers; the variables stay for the case's audit trail.
      if (!(await deps.revokeCertificate(objectedCertificateCode, { ...revocation, finding: objectionFinding }))) {
        throw new PermanentError(`certificate ${certificateNumber} (${objectedCertificateCode}) is not in the registry`);
      }
      ctx.log.info({ applicationId, certificateNumber }, 'certificate revoked');
      return complete({ revocation, revokedCertificateCode: objectedCertificateCode });
    },
  });
