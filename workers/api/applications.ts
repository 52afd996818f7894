// /api/applications: submission and progress.
import { Router } from 'express';
import { FlowNotDeployedError } from '../applications/service.js';
import { EngineUnavailableError } from '../engine/camunda-rest.js';
import { APPLICATION_ID_PATTERN } from '../applications/ids.js';
import type { ApiDeps } from './app.js';

export function applicationsRouter(deps: ApiDeps): Router {
  const router = Router();

  router.post('/', async (req, res) => {
    try {
      const result = await deps.applications.submit(req.body);
      switch (result.kind) {
        case 'invalid':
          res.status(400).json({ errors: result.errors });
          return;
        case 'refused':
          res.status(422).json({ eligible: false, reasons: result.reasons });
          return;
        case 'started':
          res
            .status(201)
            .location(`/api/applications/${result.id}`)
            .json({
              id: result.id,
              processInstanceId: result.processInstanceId,
              status: result.status,
              links: { self: `/api/applications/${result.id}` },
            });
      }
    } catch (error) {
      if (error instanceof FlowNotDeployedError) {
        res.status(503).json({ errors: [{ field: 'category', message: error.message }] });
        return;
      }
      if (error instanceof EngineUnavailableError) {
        res.status(503).set('Retry-After', '10').json({ errors: [{ field: '(engine)', message: 'the workflow engine is unavailable; retry later' }] });
        return;
      }
      throw error;
    }
  });

  router.get('/:id', async (req, res) => {
    const id = req.params.id;
    const status = APPLICATION_ID_PATTERN.test(id) ? await deps.applications.status(id) : null;
    if (!status) {
      res.status(404).json({ errors: [{ field: 'id', message: 'no application with this id' }] });
      return;
    }
    res.json(status);
  });

  return router;
}
