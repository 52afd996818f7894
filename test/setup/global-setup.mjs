// Integration tests need the real engine: reuse one that answers, otherwise start it with
// engine/bin/start.sh (global-teardown.mjs stops it again). Then deploy bpmn/, forms/ and the
// test fixtures, each as its own deployment.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const engineUrl = process.env.ENGINE_URL ?? 'http://localhost:8080/engine-rest';

async function engineUp() {
  try {
    return (await fetch(`${engineUrl}/version`, { signal: AbortSignal.timeout(5000) })).ok;
  } catch {
    return false;
  }
}

export default async function globalSetup() {
  if (!(await engineUp())) {
    execFileSync(path.join(root, 'engine/bin/start.sh'), { stdio: 'inherit' });
    process.env.TEST_STARTED_ENGINE = '1';
  }
  const tsx = path.join(root, 'node_modules/tsx/dist/cli.mjs');
  const deploy = (...args) =>
    execFileSync(process.execPath, [tsx, path.join(root, 'workers/deploy-cli.ts'), ...args], {
      stdio: 'inherit',
      env: { ...process.env, LOG_LEVEL: 'warn' },
    });
  deploy();
  deploy(path.join(root, 'test/fixtures/bpmn'), '--name', 'title-review-test-fixtures');
}
