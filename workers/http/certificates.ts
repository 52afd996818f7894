// /api/certificates/{code}: public verification of a certificate (rate limited by the caller), as
// JSON or, for a browser that opened the certificate's QR code, a page in Chinese; and
// objections to an issued certificate from the portal (bearer token), investigated by the office
// of the committee that issued it; upheld, the certificate is revoked.
import { Router, type RequestHandler, type Response } from 'express';
import { fieldErrors } from '../domain/application.js';
import { isVerificationCode } from '../domain/codes.js';
import type { ApiServices } from './deps.js';
import { objectionSchema } from './applications.js';
import { requireBearer } from './auth.js';
import { engineDown } from './errors.js';
import { sendVerificationPage } from './verification-page.js';
import { wantsPage } from './refusal-page.js';


const badCode = (res: Response) =>
  res.status(400).json({ errors: [{ field: 'code', message: 'a verification code is 20 characters of 2-9 and A-Z without I, L, O' }] });
const unknownCode = (res: Response) => res.status(404).json({ errors: [{ field: 'code', message: 'no certificate has this verification code' }] });

/** `portalLimit` is the rate limit of portal endpoints, applied to objections on top of the public one. */
export function certificatesRouter(deps: Pick<ApiServices, 'applications' | 'clients'>, portalLimit: RequestHandler): Router {
  const router = Router();
  router.get('/certificates/:code', async (req, res) => {
    const code = req.params.code.toUpperCase();
    res.vary('Accept');
    const page = wantsPage(req);
    // A mistyped code in a browser still gets a page that says what to check.
    if (!isVerificationCode(code)) return void (page ? sendVerificationPage(res, 400, code.slice(0, 40), null) : badCode(res));
    try {
      if (page) {
        const check = await deps.applications.certificateCheck(code);
        return void sendVerificationPage(res, check ? 200 : 404, code, check);
      }
      const certificate = await deps.applications.verifyCertificate(code);
      if (!certificate) return void unknownCode(res);
      res.json(certificate);
    } catch (error) {
      engineDown(res, error);
    }
  });

  router.post('/certificates/:code/objections', portalLimit, requireBearer(deps.clients), async (req, res) => {
    const code = String(req.params.code).toUpperCase();
    if (!isVerificationCode(code)) return void badCode(res);
    const parsed = objectionSchema.safeParse(req.body);
    if (!parsed.success) return void res.status(400).json({ errors: fieldErrors(parsed.error) });
    try {
      const result = await deps.applications.objectToCertificate(code, parsed.data);
      if (result.kind === 'not-found') return void unknownCode(res);
      if (result.kind === 'conflict') return void res.status(409).json({ errors: [{ field: 'code', message: result.message }] });
      res.status(202).json({ number: result.certificateNumber, status: 'under-investigation' });
    } catch (error) {
      engineDown(res, error);
    }
  });
  return router;
}
