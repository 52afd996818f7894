// The layers of workers/ (.dependency-cruiser.cjs): no import runs from a lower layer up to a
// higher one, no files import each other in a circle, domain/ and rules/ touch no file system or
// network, and no source file grows past 400 lines.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../../workers/config.js';

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
  cycle?: Array<{ name: string }>;
}

function cruise(cwd: string): Violation[] {
  const bin = path.join(ROOT, 'node_modules', '.bin', 'depcruise');
  const out = execFileSync(bin, ['workers', '--config', path.join(cwd, '.dependency-cruiser.cjs'), '--output-type', 'json'], { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
  return (JSON.parse(out) as { summary: { violations: Violation[] } }).summary.violations;
}

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

const describeViolation = (v: Violation) => `${v.rule.name}: ${v.from} → ${v.cycle ? v.cycle.map((c) => c.name).join(' → ') : v.to}`;

describe('the layers of workers/', () => {
  it('no import runs up a layer, none in a circle, every file in a layer', () => {
    expect(cruise(ROOT).map(describeViolation)).toEqual([]);
  }, 120_000);

  it('the check finds an upward import, a circle and a file outside the layers', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'layers-'));
    cpSync(path.join(ROOT, '.dependency-cruiser.cjs'), path.join(dir, '.dependency-cruiser.cjs'));
    writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true } }));
    const put = (file: string, text: string) => {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    };
    put('workers/domain/steps.ts', "import { route } from '../http/app.js';\nexport const steps = [route];\n");
    put('workers/http/app.ts', "export const route = '/';\n");
    put('workers/rules/a.ts', "import { b } from './b.js';\nexport const a = () => b();\n");
    put('workers/rules/b.ts', "import { a } from './a.js';\nexport const b = () => a;\n");
    put('workers/rules/reads.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n");
    put('workers/elsewhere.ts', "import { route } from './http/app.js';\nexport const x = route;\n");
    const found = cruise(dir).map(describeViolation);
    expect(found).toEqual(
      expect.arrayContaining([
        'no-upward-from-domain: workers/domain/steps.ts → workers/http/app.ts',
        expect.stringMatching(/^no-circular: workers\/rules\/(a|b)\.ts → /),
        expect.stringMatching(/^pure-rules: workers\/rules\/reads\.ts → (node:)?fs$/),
        expect.stringMatching(/^every-file-in-a-layer: workers\/elsewhere\.ts/),
      ]),
    );
  }, 120_000);

  it('no source file is over 400 lines', () => {
    const long = sources('workers')
      .map((f) => [f, readFileSync(path.join(ROOT, f), 'utf8').split('\n').length - 1] as const)
      .filter(([, lines]) => lines > 400)
      .map(([f, lines]) => `${f}: ${lines} lines`);
    expect(long).toEqual([]);
  });
});
