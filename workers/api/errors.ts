// Answers shared by the API's routers.
import type { Response } from 'express';
import { EngineUnavailableError } from '../engine/camunda-rest.js';

/** Answers an engine outage as 503 with Retry-After; rethrows anything else to the error handler. */
export function engineDown(res: Response, error: unknown): void {
  if (!(error instanceof EngineUnavailableError)) throw error;
  res.status(503).set('Retry-After', '10').json({ errors: [{ field: '(engine)', message: 'the workflow engine is unavailable; retry later' }] });
}
