// `make test` covers a year without the official holiday schedule and a turn of the year whatever
// the day it runs: it ends with the date-dependent tests at 2027-12-20 (on Operaton), and CI, which
// runs `make test` on both engines, does not run them a second time.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../workers/config.js';

const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

/** The recipe lines of a Makefile target. */
function recipe(makefile: string, target: string): string[] {
  const lines = makefile.split('\n');
  const at = lines.findIndex((l) => l.startsWith(`${target}:`));
  const out: string[] = [];
  for (const line of lines.slice(at + 1)) {
    if (!line.startsWith('\t')) break;
    out.push(line.trim());
  }
  return out;
}

describe('SPEC 6: make test runs the date-dependent tests with the clock at 2027-12-20', () => {
  const makefile = read('Makefile');
  const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;

  it('SPEC 6: make test runs npm run test:dates after the main suite, on Operaton (the default engine)', () => {
    const test = recipe(makefile, 'test');
    const main = test.indexOf('npm test');
    const dates = test.findIndex((l) => l.includes('npm run --silent test:dates'));
    expect(main).toBeGreaterThanOrEqual(0);
    expect(dates).toBeGreaterThan(main);
    expect(test[dates]).toContain('"$${ENGINE:-operaton}" = operaton');
    expect(recipe(makefile, 'test-dates')).toEqual(['npm run --silent test:dates']);
  });

  it('SPEC 6: test:dates sets the clock to 2027-12-20 and selects the date-dependent integration tests', () => {
    expect(scripts['test:dates']).toMatch(/^TEST_NOW=\$\{TEST_NOW:-2027-12-20\} /);
    for (const file of ['title-regular', 'corrections', 'provisional-deadlines', 'categories', 'committee-phase', 'office-tasklist', 'offices']) expect(scripts['test:dates']).toContain(`test/integration/${file} `.trimEnd());
    for (const file of ['portal-isolation', 'forged-completion', 'document-links', 'rate-limits']) expect(scripts['test:dates']).toContain(`test/security/${file}`);
  });

  it('SPEC 6: CI runs make test on each engine and not make test-dates besides (nothing runs twice)', () => {
    const ci = read('.ci/run');
    expect(ci).toContain('make test;');
    expect(ci).not.toMatch(/make test-dates/);
  });
});
