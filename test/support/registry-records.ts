// A registry record of an accepted application for the registry's own tests: the example unit's
// engineering application, numbered so that each call is a new applicant.
import type { NewApplication } from '../../workers/registry/registry.js';

let n = 0;

/** A new application record (id and applicant key unique per call), with `over` applied. */
export function recordOf(submittedAt: Date, over: Partial<NewApplication> = {}): NewApplication {
  n += 1;
  return {
    id: `JL2024-${String(n).padStart(10, '0')}`,
    caller: 'portal-a',
    applicantKey: `applicant-${n}`,
    applicantName: `申报人${n}`,
    year: 2024,
    category: 'regular',
    series: '工程',
    specialty: '计算机应用',
    level: 'intermediate',
    unitName: '长春某某科技有限公司',
    unitCreditCode: '91220106MA0Y5K8Q7H',
    policyId: '2024',
    engine: 'camunda7',
    application: { category: 'regular' },
    submittedAt,
    ...over,
  };
}
