// The README is the map of the code (its coverage table cites, for each clause of the notice, where
// the rule lives and which test checks it): a path it cites under workers/ or test/ that does not
// exist is a stale map. Paths git ignores (made by a run, such as test/artifacts/) are left out.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../workers/config.js';

const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const ignored = readFileSync(path.join(ROOT, '.gitignore'), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));

/** Every `workers/…` or `test/…` path the README cites in backticks (no placeholders or globs). */
function citedPaths(text: string): string[] {
  const found = [...text.matchAll(/`((?:workers|test)\/[^`\s]+)`/g)].map((m) => m[1]!.replace(/[),.;:]+$/, ''));
  return [...new Set(found)].filter((p) => !/[<>{}*…]/.test(p) && !ignored.some((i) => p === i || p.startsWith(i.endsWith('/') ? i : `${i}/`)));
}

describe('README: the files it cites exist', () => {
  it('every workers/ or test/ path the README cites exists (the coverage table of the notice included)', () => {
    const cited = citedPaths(readme);
    expect(cited.length).toBeGreaterThan(50);
    expect(cited.filter((p) => !existsSync(path.join(ROOT, p)))).toEqual([]);
  });

  it('every file the coverage table of the notice names by its bare name exists in the repository', () => {
    const start = readme.indexOf('### Coverage of the notice');
    const table = readme.slice(start, readme.indexOf('\n\n', readme.indexOf('| --- |', start)));
    expect(start).toBeGreaterThan(0);
    // A bare name (`eligibility.ts`) continues the folder of the path before it in the same cell,
    // or names a test under test/: it must be a file of one of the cited folders.
    const folders = [...new Set(citedPaths(table).map((p) => path.dirname(p)))];
    const bare = [...new Set([...table.matchAll(/`([\w.-]+\.(?:ts|bpmn|form|hbs))`/g)].map((m) => m[1]!))];
    const roots = [...folders, 'bpmn', 'forms', 'templates'];
    expect(bare.filter((name) => !roots.some((dir) => existsSync(path.join(ROOT, dir, name))))).toEqual([]);
  });

  it('三（八）, SPEC 6: the coverage table has a row for the committees\' result reports and one for how dates read', () => {
    const start = readme.indexOf('### Coverage of the notice');
    const rows = readme.slice(start, readme.indexOf('\n\n', readme.indexOf('| --- |', start))).split('\n');
    expect(rows.find((r) => r.includes('三（八）'))).toMatch(/GET \/api\/committees\/\{committeeId\}\/reports\/\{date\}.*`test\/unit\/report-result\.test\.ts`/);
    expect(rows.find((r) => r.startsWith('| how dates read'))).toContain('`workers/domain/dates-zh.ts`');
  });

  it('the check finds a path that does not exist', () => {
    expect(citedPaths('see `workers/api/rules.ts` and `test/artifacts/` and `workers/topics/<topic>.ts`')).toEqual(['workers/api/rules.ts']);
    expect(existsSync(path.join(ROOT, 'workers/api/rules.ts'))).toBe(false);
  });
});
