// `npm run deploy [-- <dir>... [--name <deployment>]]`: deploys bpmn/ and forms/ (or the given
// folders) to the engine of ENGINE_URL as the deploy account ENGINE_DEPLOY_USER (else ENGINE_ADMIN_USER).
// Unchanged resources are not redeployed.
import { deployAccount, loadConfig } from '../config.js';
import { CamundaRest } from '../adapters/camunda7/rest-client.js';
import { DEPLOYMENT_NAME, deployResources } from '../adapters/camunda7/deployment.js';
import { createLogger } from '../log.js';

const args = process.argv.slice(2);
const nameAt = args.indexOf('--name');
const name = nameAt >= 0 ? args.splice(nameAt, 2)[1]! : DEPLOYMENT_NAME;
const config = loadConfig();
const log = createLogger(config.LOG_LEVEL);
const auth = deployAccount(config);
const dirs = args.length ? args : [config.BPMN_DIR, config.FORMS_DIR];
deployResources(new CamundaRest(config.ENGINE_URL, auth), dirs, log, name).catch((error: unknown) => {
  log.fatal({ err: error }, 'deployment failed');
  process.exit(1);
});
