// The API in a test: createApp's dependencies with stand-ins for what a test does not use, and the
// app listening on a free local port.
import type { Server } from 'node:http';
import path from 'node:path';
import type express from 'express';
import { CamundaRest } from '../../workers/adapters/camunda7/rest-client.js';
import type { ApplicationService } from '../../workers/applications/service.js';
import { parseClients, ROOT } from '../../workers/config.js';
import type { DocumentService } from '../../workers/documents/service.js';
import type { ApiDeps } from '../../workers/http/app.js';
import { createLogger } from '../../workers/log.js';
import { createMetrics } from '../../workers/metrics.js';
import { createPolicyProvider } from '../../workers/policy/provider.js';
import type { Registry } from '../../workers/registry/registry.js';
import { testClock, testNow } from './clock.js';

/** createApp's dependencies: the demo policy, the local token, an engine that is not there, and `over`. */
export function apiDeps(over: Partial<ApiDeps> = {}): ApiDeps {
  return {
    applications: {} as ApplicationService,
    registry: {} as Registry,
    rest: new CamundaRest('http://127.0.0.1:9/engine-rest'),
    metrics: createMetrics(),
    log: createLogger('silent'),
    policies: createPolicyProvider({ dir: path.join(ROOT, 'policy'), activeId: 'demo', demoBaseId: '2024', today: testNow() }),
    clock: testClock,
    documents: {} as DocumentService,
    clients: parseClients(['local-dev-token']),
    paymentSecret: 'p',
    bodyLimit: '64kb',
    ...over,
  };
}

export interface Serving {
  server: Server;
  /** `http://127.0.0.1:<port>` */
  base: string;
  close(): Promise<void>;
}

/** Listens on a free port of 127.0.0.1. */
export async function serve(app: express.Express): Promise<Serving> {
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return { server, base, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
