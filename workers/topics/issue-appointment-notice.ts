// The outcome of post-grade-2-3 (事业单位专业技术二三级岗位评聘（考核）): a post-appointment result
// notice instead of a title certificate, verifiable by its code like a certificate.
import { z } from 'zod';
import { applicationSchema } from '../domain/application.js';
import { dateOf } from '../domain/time.js';
import { defineHandler } from '../runtime/handler.js';
import { complete } from '../runtime/outcome.js';
import { verificationCode } from './issue-certificate.js';

export const topic = 'issue-appointment-notice';

export const input = z.object({
  applicationId: z.string().min(1),
  application: applicationSchema,
  committeeId: z.string().min(1),
  certificate: z.object({ number: z.string(), verificationCode: z.string() }).passthrough().nullish(),
});

export const createIssueAppointmentNotice = (deps: { clock: () => Date }) =>
  defineHandler({
    topic,
    description: 'Issues the post-appointment result notice (二三级岗位评聘结果通知)',
    input,
    outputs: ['certificate', 'certificateCode'],
    async handle({ applicationId, application, committeeId, certificate }) {
      if (certificate) return complete({ certificate, certificateCode: certificate.verificationCode });
      const issuedOn = dateOf(deps.clock());
      const code = verificationCode();
      return complete({
        certificateCode: code,
        certificate: {
          kind: 'post-appointment-notice',
          number: `${issuedOn.slice(0, 4)}-${committeeId}-P-${applicationId.split('-')[1]}`,
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
