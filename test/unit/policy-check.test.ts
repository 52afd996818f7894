// Next year's rules (README: a new year's policy): an analyst copies the policy, edits it, and
// `npm run policy:check` says whether the service would start on it, what production would refuse,
// and which years still count on provisional holidays.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../../workers/config.js';
import { checkPolicies } from '../../workers/policy/check.js';
import { mapDates } from '../../workers/rules/policy-dates.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'policy-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The 2024 policy as next years' would start: every date moved by whole years, under a new id. */
function nextYear(id: string, years: number, edit: (p: Record<string, unknown>) => void = () => undefined): void {
  const base = JSON.parse(readFileSync(path.join(ROOT, 'policy/2024.json'), 'utf8')) as Record<string, unknown>;
  const moved = mapDates(
    base,
    (d) => `${Number(d.slice(0, 4)) + years}${d.slice(4)}`.replace(/-02-29$/, '-02-28'),
    (m) => `${Number(m.slice(0, 4)) + years}${m.slice(4)}`,
  ) as Record<string, unknown>;
  moved.id = id;
  edit(moved);
  writeFileSync(path.join(dir, `${id}.json`), JSON.stringify(moved, null, 2));
}

describe('npm run policy:check', () => {
  it('the shipped policy is valid; production would refuse its example data; its years have the official schedule', () => {
    const [check] = checkPolicies(path.join(ROOT, 'policy'), ['2024']);
    expect(check).toMatchObject({ id: '2024', problems: [], window: { start: '2024-01-01', end: '2024-01-31' }, provisionalYears: [] });
    expect(check!.examples).toEqual(expect.arrayContaining(['fees', 'committees']));
  });

  it('a copy moved to 2027 is valid and says that 2027 counts on provisional holidays until its schedule is added', () => {
    nextYear('2027', 3);
    const [check] = checkPolicies(dir, ['2027']);
    expect(check).toMatchObject({ problems: [], window: { start: '2027-01-01', end: '2027-01-31' } });
    expect(check!.provisionalYears).toContain(2027);
  });

  it('an edit that breaks a rule is refused, naming the file, the JSON path and the rule', () => {
    nextYear('2026', 2, (p) => {
      (p.publicity as Record<string, unknown>).resultWorkingDays = 0;
    });
    const [check] = checkPolicies(dir, ['2026']);
    expect(check!.window).toBeNull();
    expect(check!.problems.join('\n')).toMatch(/2026\.json: publicity\.resultWorkingDays: /);
  });
});
