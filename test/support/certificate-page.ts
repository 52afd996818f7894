// A registry on PGlite with issued certificates, and the API over it, for the tests of the public
// verification page: real ApplicationService, real issue-certificate handler, no engine.
import path from 'node:path';
import type { WorkflowEngine } from '../../workers/adapters/camunda7/workflow-engine.js';
import { ApplicationService } from '../../workers/applications/service.js';
import { ROOT } from '../../workers/config.js';
import { createApp, type ApiDeps } from '../../workers/http/app.js';
import { createLogger } from '../../workers/log.js';
import { createPolicyProvider } from '../../workers/policy/provider.js';
import { openRegistryDatabase } from '../../workers/registry/db.js';
import { Registry } from '../../workers/registry/registry.js';
import { createIssueCertificate } from '../../workers/topics/issue-certificate.js';
import { app as applicationOf } from '../rules/support.js';
import { apiDeps, serve, type Serving } from './api-app.js';
import { createHandlerContext } from './handler-context.js';
import { recordOf } from './registry-records.js';

export interface CertificatePages {
  serving: Serving;
  /** Verification codes: a valid certificate of 王䶮堃, one of 欧阳娜娜 revoked on 2027-03-02 (+08:00), one with markup in its specialty. */
  valid: string;
  revoked: string;
  marked: string;
  close(): Promise<void>;
}

/** Issues the certificates and serves the API; `over` reaches createApp (rate limits). */
export async function certificatePages(over: Partial<ApiDeps> = {}): Promise<CertificatePages> {
  let now = new Date('2024-07-05T02:00:00Z');
  const clock = () => now;
  const database = await openRegistryDatabase({ dir: 'memory://' });
  const registry = new Registry(database.db, clock);
  const policies = createPolicyProvider({ dir: path.join(ROOT, 'policy'), activeId: '2024', demoBaseId: '2024', today: now });
  const issuer = createIssueCertificate({ policies, clock, issueCertificate: (r) => registry.issueCertificate(r) });
  const issue = async (name: string, qualification: Record<string, unknown> = {}) => {
    const application = applicationOf({ applicant: { name }, qualification });
    const record = recordOf(now, { applicantName: name, application, series: application.qualification.series, specialty: application.qualification.specialty });
    await registry.createApplication(record);
    const out = await issuer.handle(
      issuer.input.parse({ applicationId: record.id, application, policyId: '2024', committeeId: 'jl-engineering-intermediate', committeeGroup: 'committee-jl-engineering-intermediate', vote: { decidedOn: '2024-06-18' } }),
      createHandlerContext(),
    );
    if (out.kind !== 'complete') throw new Error(`issue-certificate: ${out.kind}`);
    return out.variables.certificateCode as string;
  };
  const valid = await issue('王䶮堃');
  const revoked = await issue('欧阳娜娜');
  const marked = await issue('李<b>四', { specialty: '<script>alert(1)</script>' });
  now = new Date('2027-03-02T10:00:00+08:00');
  await registry.revokeCertificate(revoked, { finding: '学历证书经核查系伪造' });
  const applications = new ApplicationService({ registry, engine: {} as WorkflowEngine, policies, clock, log: createLogger('silent') });
  const serving = await serve(createApp(apiDeps({ applications, registry, policies, clock, ...over })));
  return {
    serving,
    valid,
    revoked,
    marked,
    close: async () => {
      await serving.close();
      await database.close();
    },
  };
}
