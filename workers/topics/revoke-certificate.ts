// Revocation of an issued certificate after an objection to it was upheld (SPEC 2.8: "upheld: result
// revoked"). The certificate's own instance has ended and its variables are history, so the
// revocation is recorded on the revocation case: `revokedCertificateCode`, a plain string that
// verification finds by value, and `revocation`, the record. A retried task records nothing new.
import { z } from 'zod';
import { toShanghaiIso } from '../domain/time.js';
import { defineHandler } from '../runtime/handler.js';
import { complete } from '../runtime/outcome.js';

export const topic = 'revoke-certificate';

export const input = z.object({
  certificateCode: z.string().regex(/^[2-9A-HJ-NP-Z]{20}$/),
  certificateNumber: z.string().min(1),
  applicationId: z.string().min(1),
  objectionFinding: z.string().trim().min(1),
  /** Set when an earlier attempt already recorded it. */
  revocation: z.object({ revokedAt: z.string() }).passthrough().nullish(),
});

export const createRevokeCertificate = (deps: { clock: () => Date }) =>
  defineHandler({
    topic,
    description: 'Records the revocation of an issued certificate after an upheld objection',
    input,
    outputs: ['revocation', 'revokedCertificateCode'],
    async handle({ certificateCode, certificateNumber, applicationId, objectionFinding, revocation }, ctx) {
      const record = revocation ?? {
        applicationId,
        certificateNumber,
        revokedAt: toShanghaiIso(deps.clock()),
        reason: objectionFinding,
      };
      ctx.log.info({ applicationId, certificateNumber }, 'certificate revoked');
      return complete({ revocation: record, revokedCertificateCode: certificateCode });
    },
  });
