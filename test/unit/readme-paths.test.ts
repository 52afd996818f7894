// The README is the map of the code (its coverage table cites, for each clause of the notice, where
// the rule lives and which test checks it): a path it cites under workers/ or test/ that does not
// exist is a stale map. Paths git ignores (made by a run, such as test/artifacts/) are left out.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../workers/config.js';

// The README and the reference it leads to (docs/*.md): one map.
const readme = [path.join(ROOT, 'README.md'), ...readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => path.join(ROOT, 'docs', f))]
  .map((file) => readFileSync(file, 'utf8'))
  .join('\n\n');
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

/** A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces to dashes. */
const anchorOf = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\- _]/gu, '')
    .replace(/ /g, '-');

describe('README and docs/: every link leads somewhere', () => {
  const files = ['README.md', ...readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
  const anchors = new Map(files.map((f) => [f, new Set([...readFileSync(path.join(ROOT, f), 'utf8').matchAll(/^#{1,4} (.+)$/gm)].map((m) => anchorOf(m[1]!)))]));

  it.each(files)('%s: its links to headings and files resolve', (file) => {
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    const broken = [...text.matchAll(/\]\(([^)\s]+)\)/g)]
      .map((m) => m[1]!)
      .filter((link) => !/^[a-z]+:/.test(link))
      .filter((link) => {
        const [target, anchor] = link.split('#') as [string, string | undefined];
        const resolved = target ? path.normalize(path.join(path.dirname(file), target)) : file;
        if (!existsSync(path.join(ROOT, resolved))) return true;
        return anchor !== undefined && anchors.has(resolved) && !anchors.get(resolved)!.has(anchor);
      });
    expect(broken).toEqual([]);
  });

  it('the README opens with the two commands and a table of contents', () => {
    const text = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect(text.indexOf('make start')).toBeLessThan(text.indexOf('## Contents'));
    expect(text.indexOf('make test')).toBeLessThan(text.indexOf('## Contents'));
    for (const section of ['The first 30 minutes', "Next year's rules", 'Choices']) expect(text).toContain(`](#${anchorOf(section)})`);
  });
});
