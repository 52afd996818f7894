// Issuing a certificate records its 资格名称 from the policy's title names (工程 中级: 工程师) and
// its level by label, as the verification page and the printed certificate show them.
import path from 'node:path';
import { ROOT } from '../../workers/config.js';
import { createPolicyProvider } from '../../workers/policy/provider.js';
import type { CertificateRequest, CertificateRow } from '../../workers/registry/registry.js';
import { createIssueCertificate } from '../../workers/topics/issue-certificate.js';
import { app } from '../rules/support.js';
import { createHandlerContext } from '../support/handler-context.js';

const policies = createPolicyProvider({ dir: path.join(ROOT, 'policy'), activeId: '2024', demoBaseId: '2024', today: new Date('2024-07-05T02:00:00Z') });
const issueCertificate = async (r: CertificateRequest): Promise<CertificateRow> => {
  const made = r.make({ office: r.office, year: r.year, seq: 1 });
  return { ...made, applicationId: r.applicationId, kind: r.kind, committeeId: r.committeeId, committeeGroup: r.committeeGroup, status: 'valid', issuedAt: new Date(), revokedAt: null, revocation: null };
};
const handler = createIssueCertificate({ policies, clock: () => new Date('2024-07-05T02:00:00Z'), issueCertificate });
const issue = async (qualification: Record<string, unknown>, committeeId = 'jl-engineering-intermediate') => {
  const out = await handler.handle(handler.input.parse({ applicationId: 'JL2024-ABCDEFGHJK', application: app({ qualification }), policyId: '2024', committeeId, vote: { decidedOn: '2024-06-18' } }), createHandlerContext());
  if (out.kind !== 'complete') throw new Error(out.kind);
  return out.variables.certificate as Record<string, unknown>;
};

describe('issue-certificate', () => {
  it('records 工程师 for 工程 中级, not the series, specialty and level strung together', async () => {
    expect(await issue({ series: '工程', specialty: '计算机应用', level: 'intermediate' })).toMatchObject({ titleName: '工程师', level: 'intermediate', levelLabel: '中级', title: '工程 计算机应用' });
  });

  it('records 高级工程师 for 副高级 and 助理工程师 for 初级 (助理级)', async () => {
    expect(await issue({ series: '工程', specialty: '计算机应用', level: 'associate-senior' }, 'jl-engineering-senior')).toMatchObject({ titleName: '高级工程师', levelLabel: '副高级' });
    expect(await issue({ series: '工程', specialty: '计算机应用', level: 'junior' })).toMatchObject({ titleName: '助理工程师', levelLabel: '助理级' });
  });
});
