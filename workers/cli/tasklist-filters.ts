// `npm run tasklist:filters`: creates (or updates) the offices' Tasklist filters on the engine at
// ENGINE_URL, for a production engine whose service runs without PROVISION_IDENTITY.
import { loadConfig } from '../config.js';
import { createLogger } from '../log.js';
import { CamundaRest } from '../adapters/camunda7/rest-client.js';
import { ensureOfficeFilters } from '../adapters/camunda7/filters.js';

const config = loadConfig();
const log = createLogger(config.LOG_LEVEL);
const rest = new CamundaRest(config.ENGINE_URL, config.ENGINE_USER ? { username: config.ENGINE_USER, password: config.ENGINE_PASSWORD ?? '' } : undefined);
ensureOfficeFilters(rest, log).then(
  ({ ids }) => {
    for (const [name, id] of Object.entries(ids)) process.stdout.write(`${id}  ${name}\n`);
  },
  (error: unknown) => {
    log.error({ err: error }, 'could not create the Tasklist filters');
    process.exit(1);
  },
);
