// Stops the engine only when this test run started it (KEEP_ENGINE=1 keeps it for the next run), and
// the S3Proxy of global-setup.mjs always.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stopS3 } from './global-setup.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export default async function globalTeardown() {
  stopS3();
  if (process.env.TEST_STARTED_ENGINE === '1' && process.env.KEEP_ENGINE !== '1') {
    execFileSync(path.join(root, 'engine/bin/stop.sh'), { stdio: 'inherit' });
  }
}
