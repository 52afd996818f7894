// The policy as data: what a bad file says, the demo policy, and that the code knows no year.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { ROOT } from '../../workers/config.js';
import { addDays, daysBetween } from '../../workers/domain/time.js';
import { checkEligibility } from '../../workers/rules/index.js';
import { app, POLICY_DIR, policy2024, withFolder, yearLaterJson } from './support.js';
import { PolicyError, demoPolicy, listPolicies, loadPolicy, parsePolicy, shiftPolicy } from '../../workers/policy/load.js';

const raw = () => JSON.parse(readFileSync(path.join(POLICY_DIR, '2024.json'), 'utf8'));

describe('a bad value stops loading with its path', () => {
  it.each([
    ['a date that is no date', (p: any) => (p.levelDeadlines['county-hr'] = '2024-02-30'), /policy\/bad\.json: levelDeadlines\.county-hr: must be a date/],
    ['a deadline before the level below', (p: any) => (p.levelDeadlines['county-hr'] = '2024-02-01'), /levelDeadlines\.county-hr: must not be before competent-department/],
    ['an applicant window ending after the unit deadline', (p: any) => (p.applicantWindow.end = '2024-02-10'), /levelDeadlines\.unit: must not be before applicantWindow\.end/],
    ['a window that ends before it starts', (p: any) => (p.categories['k12-senior'].window.end = '2024-03-01'), /categories\.k12-senior\.window\.end: must not be before start/],
    ['a monthly window past the 28th', (p: any) => (p.categories['grassroots-3010'].window.lastDay = 31), /categories\.grassroots-3010\.window\.lastDay/],
    ['a missing category', (p: any) => delete p.categories['dual-track'], /categories\.dual-track/],
    ['a vote threshold above one', (p: any) => (p.votes.pass = { numerator: 4, denominator: 3 }), /votes\.pass: must be at most 1/],
    ['an example fee schedule that does not say so', (p: any) => (p.feeSchedule.note = 'amounts'), /feeSchedule\.note: an example schedule must say EXAMPLE/],
    ['a fee schedule missing a level', (p: any) => delete p.feeSchedule.amounts.senior, /feeSchedule\.amounts\.senior/],
    ['an unknown staff type', (p: any) => (p.excludedStaffTypes.intern = { text: 'x' }), /excludedStaffTypes: Unrecognized key: "intern"/],
    ['an office pattern without the name', (p: any) => (p.offices.pattern = '人社局'), /offices\.pattern: must contain \{name\}/],
    ['a bad literature pattern', (p: any) => (p.federations.literaturePattern = '(文学'), /federations\.literaturePattern: must be a valid regular expression/],
  ])('%s', (_what, change, message) => {
    const p = raw();
    change(p);
    expect(() => parsePolicy(p, 'policy/bad.json')).toThrow(PolicyError);
    expect(() => parsePolicy(p, 'policy/bad.json')).toThrow(message);
  });

  it('a file whose id differs from its name, or that is no JSON, does not load', () => {
    withFolder((dir) => {
      writeFileSync(path.join(dir, '2025.json'), JSON.stringify(yearLaterJson()));
      writeFileSync(path.join(dir, 'other.json'), JSON.stringify({ ...raw(), id: 'else' }));
      writeFileSync(path.join(dir, 'broken.json'), '{');
      expect(loadPolicy('2025', dir).applicantWindow.start).toBe('2025-01-01');
      expect(() => loadPolicy('other', dir)).toThrow(/other\.json: id: must be "other"/);
      expect(() => loadPolicy('broken', dir)).toThrow(/broken\.json: \(file\): /);
      expect(listPolicies(dir)).toEqual(['2025', 'broken', 'other']);
    });
  });
});

describe('shipped policies', () => {
  it('every file of policy/ loads, by default from the repository', () => {
    expect(listPolicies()).toEqual(listPolicies(POLICY_DIR));
    expect(listPolicies()).toContain('2024');
    for (const id of listPolicies()) expect(loadPolicy(id).id).toBe(id);
    expect(loadPolicy('2024')).toBe(loadPolicy('2024', POLICY_DIR));
  });

  it('the fee schedule and the committee registry say they are examples', () => {
    expect(policy2024.feeSchedule).toMatchObject({ id: 'example', note: expect.stringContaining('EXAMPLE'), currency: 'CNY' });
    expect(policy2024.notes.join(' ')).toMatch(/feeSchedule and committees are EXAMPLE data/);
  });
});

describe('the demo policy: the same rules with windows open from today', () => {
  it('opens the applicant window on the Asia/Shanghai date of `today`', () => {
    // 2026-03-01 16:30 UTC is already 3/2 in Shanghai.
    const demo = demoPolicy(policy2024, new Date('2026-03-01T16:30:00Z'));
    expect(demo.applicantWindow.start).toBe('2026-03-02');
    expect(demo).toMatchObject({ id: 'demo', demoOf: { policy: '2024', days: daysBetween('2024-01-01', '2026-03-02') }, title: expect.stringMatching(/^DEMO: /) });
    expect(checkEligibility(app(), demo, new Date('2026-03-02T02:00:00Z')).eligible).toBe(true);
    expect(checkEligibility(app(), demo, new Date('2026-03-01T15:59:59Z')).eligible).toBe(false);
  });

  it('property: every date moves by the same number of days; nothing else changes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), (offset) => {
        const demo = demoPolicy(policy2024, addDays('2024-01-01', offset));
        const { id: _a, title: _b, demoOf: _c, ...base } = policy2024;
        const { id: _d, title: _e, demoOf, ...moved } = demo;
        expect(demoOf).toEqual({ policy: '2024', days: offset });
        const expected = leaves(base).map(([at, v]) => [at, /^\d{4}-\d{2}-\d{2}$/.test(v) ? addDays(v, offset) : /^\d{4}-\d{2}$/.test(v) ? addDays(`${v}-01`, offset).slice(0, 7) : v]);
        expect(leaves(moved)).toEqual(expected);
      }),
      { numRuns: 40 },
    );
  });

  it('moves months of monthly windows with their first day', () => {
    const moved = shiftPolicy(policy2024, 45, 'x');
    expect(moved.categories['grassroots-3010'].window).toMatchObject({ from: '2024-02', to: '2025-01' });
    expect(moved.levelDeadlines['city-hr']).toBe('2024-05-15');
  });
});

/** Every leaf of a JSON value with its path. */
function leaves(value: unknown, at = ''): Array<[string, string]> {
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leaves(v, `${at}.${k}`));
  return [[at, String(value)]];
}

describe('SPEC 1: no code knows the notice year', () => {
  it('workers/rules holds no 2023 or 2024', () => {
    const dir = path.join(ROOT, 'workers/rules');
    const hits = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) => readFileSync(path.join(dir, f), 'utf8').split('\n').map((line, i) => [`${f}:${i + 1}`, line] as const))
      .filter(([, line]) => /\b202[34]\b/.test(line));
    expect(hits).toEqual([]);
  });
});
