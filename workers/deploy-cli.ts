// `npm run deploy [-- <dir>... [--name <deployment>]]`: deploys bpmn/ and forms/ (or the given
// folders) to the engine of ENGINE_URL. Unchanged resources are not redeployed.
import { loadConfig } from './config.js';
import { CamundaRest } from './engine/camunda-rest.js';
import { DEPLOYMENT_NAME, deployResources } from './engine/deploy.js';
import { createLogger } from './log.js';

const args = process.argv.slice(2);
const nameAt = args.indexOf('--name');
const name = nameAt >= 0 ? args.splice(nameAt, 2)[1]! : DEPLOYMENT_NAME;
const config = loadConfig();
const log = createLogger(config.LOG_LEVEL);
const auth = config.ENGINE_USER ? { username: config.ENGINE_USER, password: config.ENGINE_PASSWORD ?? '' } : undefined;
const dirs = args.length ? args : [config.BPMN_DIR, config.FORMS_DIR];
deployResources(new CamundaRest(config.ENGINE_URL, auth), dirs, log, name).catch((error: unknown) => {
  log.fatal({ err: error }, 'deployment failed');
  process.exit(1);
});
