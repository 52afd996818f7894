// Answers shared by the API's routers.
import type { Response } from 'express';
import { EngineUnavailableError } from '../adapters/camunda7/rest-client.js';
import { RegistryUnavailableError } from '../registry/registry.js';

/**
 * Answers an outage of the engine or of the registry as 503 with Retry-After; rethrows anything
 * else to the error handler. What the registry had accepted stays accepted.
 */
export function engineDown(res: Response, error: unknown): void {
  if (error instanceof RegistryUnavailableError) {
    res.status(503).set('Retry-After', '10').json({ errors: [{ field: '(registry)', message: 'the application registry is unavailable; nothing was changed by this request, retry later' }] });
    return;
  }
  if (!(error instanceof EngineUnavailableError)) throw error;
  res.status(503).set('Retry-After', '10').json({ errors: [{ field: '(engine)', message: 'the workflow engine is unavailable; retry later' }] });
}
