// `npm run registry:import`: records in the registry the applications that a running system started
// before it had one (see import-history.ts). Reads ENGINE_URL, ENGINE_ADMIN_USER/ENGINE_ADMIN_PASSWORD
// (it reads the engine's history, which the service account may not) and DATABASE_URL or
// REGISTRY_DIR like the service; run it with the service stopped when on PGlite. `--client <name>`
// records that API client as the submitter of the imported applications (default `portal`).
import { adminAccount, loadConfig } from '../config.js';
import { CamundaRest } from '../adapters/camunda7/rest-client.js';
import { createLogger } from '../log.js';
import { openRegistryDatabase } from '../registry/db.js';
import { importFromHistory } from '../applications/import-history.js';
import { Registry } from '../registry/registry.js';

const config = loadConfig();
const log = createLogger(config.LOG_LEVEL);
const database = await openRegistryDatabase({ url: config.DATABASE_URL, dir: config.REGISTRY_DIR });
try {
  const rest = new CamundaRest(config.ENGINE_URL, adminAccount(config));
  const at = process.argv.indexOf('--client');
  const client = at >= 0 ? process.argv[at + 1] : undefined;
  const result = await importFromHistory({ rest, registry: new Registry(database.db, () => new Date(), database.store), db: database.db, log, client });
  for (const s of result.skipped) log.warn(s, 'not imported');
  process.stdout.write(`registry import: ${result.seen} applications in the engine's history, ${result.imported} imported, ${result.skipped.length} skipped\n`);
} finally {
  await database.close();
}
