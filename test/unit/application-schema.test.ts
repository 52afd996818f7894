// The application's optional details (education, work history, achievements...) that the 一览表 and
// 公示表 print: accepted as the templates' samples carry them, refused with the field and the rule.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { applicationSchema, fieldErrors } from '../../workers/domain/application.js';
import { ROOT } from '../../workers/config.js';

const full = JSON.parse(readFileSync(path.join(ROOT, 'examples/application-full.json'), 'utf8'));
const minimal = JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures/application-regular.json'), 'utf8'));

describe('application details', () => {
  it('keeps the details the documents print, and needs none of them', () => {
    const parsed = applicationSchema.parse(full);
    expect(parsed.applicant.education?.school).toBe('吉林大学');
    expect(parsed.applicant.workHistory?.[1]).toEqual({ from: '2015-07-01', to: null, unit: '长春某某科技有限公司', position: '技术部主任' });
    expect(parsed.applicant.achievements).toContain('吉林省政务服务一体化平台');
    expect(applicationSchema.parse(minimal).applicant.workHistory).toBeUndefined();
  });

  it('names the field and the rule of a bad detail', () => {
    const bad = structuredClone(full);
    bad.applicant.workHistory[0].from = '2003-13-01';
    bad.applicant.professionalYears = -1;
    bad.applicant.education.school = '';
    bad.applicant.achievements = 'x'.repeat(5001);
    const result = applicationSchema.safeParse(bad);
    expect(result.success).toBe(false);
    expect(fieldErrors(result.error!).map((e) => e.field).sort()).toEqual([
      'applicant.achievements',
      'applicant.education.school',
      'applicant.professionalYears',
      'applicant.workHistory.0.from',
    ]);
    expect(fieldErrors(result.error!).find((e) => e.field === 'applicant.achievements')?.message).toBe('must be at most 5000 characters');
  });
});
