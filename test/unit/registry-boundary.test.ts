// The registry is the system of record: the API and the application service never read facts from
// an engine's history. Only the one-off import (workers/applications/import-history.ts) does.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../workers/config.js';

const HISTORY = /historic\w*\(|\/history\/|historicVariables|historicInstancesWithVariable/;

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

describe('the registry boundary', () => {
  it.each(['workers/http', 'workers/applications', 'workers/topics', 'workers/registry'])('%s reads no engine history', (dir) => {
    const offenders = sources(dir).filter((f) => f !== path.join('workers/applications', 'import-history.ts') && HISTORY.test(readFileSync(path.join(ROOT, f), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('the API and the application service reach the engine only through the WorkflowEngine interface', () => {
    for (const f of [...sources('workers/applications').filter((f) => !f.endsWith('import-history.ts')), ...sources('workers/http')]) {
      const text = readFileSync(path.join(ROOT, f), 'utf8');
      // CamundaRest may be named for health and errors, never called for process work.
      expect([f, /\brest\.(startProcess|correlate|completeTask|tasks|processInstances|variables|deleteProcessInstance)\(/.test(text)]).toEqual([f, false]);
    }
  });

  it('the check itself finds history reads where they are', () => {
    expect(HISTORY.test(readFileSync(path.join(ROOT, 'workers/applications/import-history.ts'), 'utf8'))).toBe(true);
  });
});
