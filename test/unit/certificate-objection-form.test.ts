// The certificate objection's task (证书异议核查) shows the certificate's date as people read it, through
// the product's one formatter; the process keeps the machine date beside it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CertificateDesk } from '../../workers/applications/certificates.js';
import type { ApplicationServiceDeps } from '../../workers/applications/context.js';
import { createLogger } from '../../workers/log.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function desk(started: Array<Record<string, unknown>>): CertificateDesk {
  const certificate = { number: '2025-C02-000007', applicationId: 'JL2025-ABCDEFGHJK', status: 'valid', kind: 'certificate', committeeGroup: 'committee-jl-engineering-intermediate', data: { issuedOn: '2027-03-02', title: '工程 计算机应用' } };
  const registry = {
    certificateByCode: async () => certificate,
    claimObjection: async () => true,
    setObjectionCase: async () => undefined,
    require: async () => ({ applicant_name: '张三', series: '工程', specialty: '计算机应用' }),
    documents: async () => [],
    record: async () => true,
  };
  const engine = {
    start: async (_key: string, _businessKey: string, variables: Record<string, unknown>) => {
      started.push(variables);
      return { id: 'case-1' };
    },
  };
  return new CertificateDesk({ registry, engine, clock: () => new Date('2027-03-05T10:00:00+08:00'), log: createLogger('silent') } as unknown as ApplicationServiceDeps);
}

describe('SPEC 6: the certificate objection form reads the issue date as 2027年3月2日', () => {
  it('SPEC 6, 三（七）: issuedOnText is issuedOn through the one formatter; the form shows it, never the raw YYYY-MM-DD', async () => {
    const started: Array<Record<string, unknown>> = [];
    const out = await desk(started).objectToCertificate('ABCDEFGHJKMNPQRSTUVW', { reason: '论文系他人代写', lodgedBy: '李四' });
    expect(out).toMatchObject({ kind: 'started' });
    expect(started[0]).toMatchObject({ issuedOn: '2027-03-02', issuedOnText: '2027年3月2日', objection: { lodgedAtText: '2027年3月5日 10:00' } });
    const form = JSON.parse(readFileSync(path.join(ROOT, 'forms/investigate-certificate-objection.form'), 'utf8')) as { components: Array<{ key?: string; text?: string }> };
    const keys = form.components.map((c) => c.key);
    expect(keys).toContain('issuedOnText');
    expect(keys).not.toContain('issuedOn');
  });
});
