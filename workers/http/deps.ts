// What the routers are given: each takes the part it uses (a Pick of ApiServices), and createApp
// (app.ts) adds the server's own settings.
import type { CamundaRest } from '../adapters/camunda7/rest-client.js';
import type { ApplicationService } from '../applications/service.js';
import type { ApiClient } from '../config.js';
import type { DocumentService } from '../documents/service.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics.js';
import type { PolicyProvider } from '../policy/provider.js';
import type { Registry } from '../registry/registry.js';

export interface ApiServices {
  applications: ApplicationService;
  registry: Registry;
  rest: CamundaRest;
  metrics: Metrics;
  log: Logger;
  policies: PolicyProvider;
  clock: () => Date;
  documents: DocumentService;
  /** The API's clients and their tokens (config's API_CLIENTS). */
  clients: readonly ApiClient[];
  /** The payment provider's shared secret (Payment-Signature). */
  paymentSecret: string;
}
