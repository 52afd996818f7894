// `npm run deadlines:recompute [-- --dry-run]`: counts again, on the holiday schedules now in
// chinese-days and POLICY_DIR/calendar/, the deadlines of open steps that were counted provisionally
// (recompute.ts), and lists what moved. Reads ENGINE_URL with ENGINE_ADMIN_USER/ENGINE_ADMIN_PASSWORD
// (moving jobs and tasks is an administrator's act) and DATABASE_URL or REGISTRY_DIR like the
// service; on PGlite run it with the service stopped.
import { adminAccount, loadConfig } from '../config.js';
import { CamundaRest } from '../adapters/camunda7/rest-client.js';
import { createLogger } from '../log.js';
import { createPolicyProvider } from '../policy/provider.js';
import { openRegistryDatabase } from '../registry/db.js';
import { Registry } from '../registry/registry.js';
import { recomputeDeadlines } from '../deadlines/recompute.js';

const config = loadConfig();
const log = createLogger(config.LOG_LEVEL);
const dryRun = process.argv.includes('--dry-run');
const policies = createPolicyProvider({ dir: config.POLICY_DIR, activeId: config.POLICY_ID, demoBaseId: config.DEMO_BASE_POLICY, today: new Date() });
const database = await openRegistryDatabase({ url: config.DATABASE_URL, dir: config.REGISTRY_DIR });
try {
  const rest = new CamundaRest(config.ENGINE_URL, adminAccount(config));
  const moves = await recomputeDeadlines({ registry: new Registry(database.db, () => new Date(), database.store), rest, policies, log, dryRun });
  for (const m of moves) {
    process.stdout.write(`${m.applicationId}\t${m.step}\t${m.from ?? '-'} -> ${m.to}\t${m.provisional ? `still provisional: ${m.provisional}` : 'official'}\n`);
  }
  process.stdout.write(`deadlines:recompute: ${moves.length} ${dryRun ? 'would move' : 'moved'} (official years: ${policies.calendar.officialYears().at(-1)} and before)\n`);
} finally {
  await database.close();
}
