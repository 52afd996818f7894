// Revoking an issued certificate records when and why, under the code verification looks up.
import { createRevokeCertificate } from '../../workers/topics/revoke-certificate.js';
import { createHandlerContext } from '../support/handler-context.js';

const revoked: Array<[string, Record<string, unknown>]> = [];
const known = new Set(['ABCDEFGHJKMNPQRSTUVW']);
const handler = createRevokeCertificate({
  clock: () => new Date('2025-03-04T02:00:00Z'),
  revokeCertificate: async (code, revocation) => (known.has(code) ? revoked.push([code, revocation]) : null),
});
const vars = {
  objectedCertificateCode: 'ABCDEFGHJKMNPQRSTUVW',
  certificateNumber: '2025-C02-000007',
  applicationId: 'JL2025-ABCDEFGHJK',
  objectionFinding: '学历证书经核查系伪造',
};
const revoke = (over: Record<string, unknown> = {}) => handler.handle(handler.input.parse({ ...vars, ...over }), createHandlerContext());

describe('revoke-certificate', () => {
  it('records the revocation with the finding and the code verification looks up', async () => {
    expect(await revoke()).toEqual({
      kind: 'complete',
      variables: {
        revokedCertificateCode: 'ABCDEFGHJKMNPQRSTUVW',
        revocation: { applicationId: 'JL2025-ABCDEFGHJK', certificateNumber: '2025-C02-000007', revokedAt: '2025-03-04T10:00:00+08:00', reason: '学历证书经核查系伪造' },
      },
    });
    expect(revoked).toEqual([['ABCDEFGHJKMNPQRSTUVW', expect.objectContaining({ finding: '学历证书经核查系伪造' })]]);
  });

  it('fails as an incident when the registry has no such certificate', async () => {
    await expect(revoke({ objectedCertificateCode: 'ZZZZZZZZZZZZZZZZZZZZ' })).rejects.toThrow(/not in the registry/);
  });

  it('refuses a revocation without findings or with a malformed code', () => {
    expect(handler.input.safeParse({ ...vars, objectionFinding: '  ' }).success).toBe(false);
    expect(handler.input.safeParse({ ...vars, objectedCertificateCode: 'abc' }).success).toBe(false);
  });
});
