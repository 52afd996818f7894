// Stops the engine only when this test run started it (KEEP_ENGINE=1 keeps it for the next run).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export default async function globalTeardown() {
  if (process.env.TEST_STARTED_ENGINE === '1' && process.env.KEEP_ENGINE !== '1') {
    execFileSync(path.join(root, 'engine/bin/stop.sh'), { stdio: 'inherit' });
  }
}
