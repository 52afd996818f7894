// Certificate (SPEC 2.9): a certificate number and an unguessable verification code. The
// number joins the year, the committee and the application's own unique id, so two
// certificates can never share one, whatever runs concurrently.
import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { applicationSchema } from '../domain/application.js';
import { dateOf } from '../domain/time.js';
import { defineHandler } from '../runtime/handler.js';
import { complete } from '../runtime/outcome.js';

export const topic = 'issue-certificate';

export const input = z.object({
  applicationId: z.string().min(1),
  application: applicationSchema,
  committeeId: z.string().min(1),
  /** Set when an earlier attempt already issued it: a retried task issues nothing new. */
  certificate: z.object({ number: z.string(), verificationCode: z.string() }).passthrough().nullish(),
});

const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** 20 characters of a 31-letter alphabet: about 99 bits, not guessable. */
export function verificationCode(): string {
  let code = '';
  for (let i = 0; i < 20; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** A handler issuing a verifiable outcome document: a certificate, or the notice of post-grade-2-3. */
export function createIssuer(options: { topic: string; description: string; kind: 'certificate' | 'post-appointment-notice'; infix: string }, deps: { clock: () => Date }) {
  return defineHandler({
    topic: options.topic,
    description: options.description,
    input,
    outputs: ['certificate', 'certificateCode'],
    async handle({ applicationId, application, committeeId, certificate }) {
      if (certificate) return complete({ certificate, certificateCode: certificate.verificationCode });
      const issuedOn = dateOf(deps.clock());
      const code = verificationCode();
      return complete({
        // A plain string beside the JSON, so that verification can find it by value.
        certificateCode: code,
        certificate: {
          kind: options.kind,
          number: `${issuedOn.slice(0, 4)}-${committeeId}-${options.infix}${applicationId.split('-')[1]}`,
          verificationCode: code,
          holder: application.applicant.name,
          title: `${application.qualification.series} ${application.qualification.specialty}`,
          level: application.qualification.level,
          issuedOn,
          status: 'valid',
        },
      });
    },
  });
}

export const createIssueCertificate = (deps: { clock: () => Date }) =>
  createIssuer({ topic, description: 'Issues the certificate number and verification code', kind: 'certificate', infix: '' }, deps);
