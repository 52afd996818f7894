// GET /api/certificates/{code}: public verification of a certificate (rate limited by the caller).
import { Router } from 'express';
import { EngineUnavailableError } from '../engine/camunda-rest.js';
import type { ApiDeps } from './app.js';

const CODE = /^[2-9A-HJ-NP-Z]{20}$/;

export function certificatesRouter(deps: Pick<ApiDeps, 'applications'>): Router {
  const router = Router();
  router.get('/certificates/:code', async (req, res) => {
    const code = req.params.code.toUpperCase();
    if (!CODE.test(code)) return void res.status(400).json({ errors: [{ field: 'code', message: 'a verification code is 20 characters of 2-9 and A-Z without I, L, O' }] });
    try {
      const certificate = await deps.applications.verifyCertificate(code);
      if (!certificate) return void res.status(404).json({ errors: [{ field: 'code', message: 'no certificate has this verification code' }] });
      res.json(certificate);
    } catch (error) {
      if (!(error instanceof EngineUnavailableError)) throw error;
      res.status(503).set('Retry-After', '10').json({ errors: [{ field: '(engine)', message: 'verification is unavailable; retry later' }] });
    }
  });
  return router;
}
