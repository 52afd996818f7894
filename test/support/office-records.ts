// An office's work in the registry, for the tests of the offices' lists and statistics without an
// engine: 长春市人社局 (hr-220100) has applications waiting from two counties, one past its
// deadline, and has decided two city-level reviews (1 and 3 working days); one application waits
// at 南关区 (hr-220102) only.
import { stepName } from '../../workers/domain/steps.js';
import type { Registry } from '../../workers/registry/registry.js';
import { recordOf } from './registry-records.js';

/** The registry's clock in these tests: set it, then record. */
export const officeClock = { now: new Date('2024-03-20T02:00:00Z') };

export interface OfficeRecords {
  /** Waiting at hr-220100: 张晓明 (220106, overdue), 李华 (220102, senior, 吉林某某医院). */
  overdue: string;
  senior: string;
  /** Waiting at hr-220102. */
  county: string;
  /** Decided by hr-220100 and moved on to the province. */
  decided: string[];
}

const CITY = 'hr-220100';
const at = (iso: string) => (officeClock.now = new Date(iso));

async function waiting(registry: Registry, over: Parameters<typeof recordOf>[1], office: string, division: string, deadline: string, level: string): Promise<string> {
  const record = recordOf(officeClock.now, over);
  await registry.createApplication(record);
  await registry.openStep(record.id, { step: 'level-review-task', state: 'in-review', name: stepName('level-review-task'), office, level, deadline }, `${record.id}:open:${office}`, { division_code: division });
  return record.id;
}

/** Records the office's work; the clock ends at 2024-03-20 10:00 (Asia/Shanghai). */
export async function recordOfficeWork(registry: Registry): Promise<OfficeRecords> {
  at('2024-03-01T02:00:00Z');
  const decided: string[] = [];
  // Opened Friday 3/1, decided Monday 3/4: 1 working day; opened 3/4, decided Thursday 3/7: 3.
  for (const [opened, decision] of [
    ['2024-03-01T02:00:00Z', '2024-03-04T02:00:00Z'],
    ['2024-03-04T03:00:00Z', '2024-03-07T03:00:00Z'],
  ] as const) {
    at(opened);
    const id = await waiting(registry, { applicantName: `王已办${decided.length + 1}` }, CITY, '220106', '2024-04-01T00:00:00+08:00', 'city-hr');
    at(decision);
    await registry.record(id, { kind: 'decision', step: 'level-review-task', level: 'city-hr', office: CITY, decision: 'approve' }, `${id}:decided`);
    await registry.openStep(id, { step: 'level-review-task', state: 'in-review', name: stepName('level-review-task'), office: 'hr-220000', level: 'province-hr' }, `${id}:open:province`);
    decided.push(id);
  }
  at('2024-03-10T02:00:00Z');
  const overdue = await waiting(registry, { applicantName: '张晓明' }, CITY, '220106', '2024-03-16T00:00:00+08:00', 'city-hr');
  const senior = await waiting(registry, { applicantName: '李华', level: 'senior', unitName: '吉林某某医院', series: '卫生', specialty: '内科' }, CITY, '220102', '2024-04-01T00:00:00+08:00', 'city-hr');
  const county = await waiting(registry, { applicantName: '赵县级' }, 'hr-220102', '220102', '2024-03-03T00:00:00+08:00', 'county-hr');
  at('2024-03-20T02:00:00Z');
  return { overdue, senior, county, decided };
}
