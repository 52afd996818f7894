// Documents over HTTP: the portal's listing and downloads (bearer token), and the signed links that
// reviewers open from Tasklist or Cockpit (no token; the signature names one stored document).
import { Router, type Response } from 'express';
import { APPLICATION_ID_PATTERN } from '../domain/codes.js';
import type { ApiServices } from './deps.js';
import { documentEntry } from './application-links.js';
import { clientOf } from './auth.js';
import { engineDown } from './errors.js';

const SHA256 = /^[0-9a-f]{64}$/;

/** Sends a stored PDF, or 404 when the store has lost it (it is never silently replaced). */
export async function sendPdf(deps: Pick<ApiServices, 'documents'>, res: Response, sha256: string, fileName: string, cacheControl = 'private, max-age=31536000, immutable'): Promise<void> {
  const bytes = await deps.documents.store.get(sha256);
  if (!bytes) {
    res.status(404).json({ errors: [{ field: 'name', message: 'the document is recorded but missing from the store' }] });
    return;
  }
  res
    .status(200)
    .type('application/pdf')
    .set('Content-Disposition', `inline; filename="document.pdf"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .set('ETag', `"${sha256}"`)
    .set('Cache-Control', cacheControl)
    .send(bytes);
}

/** /api/applications/{id}/documents[/{name}] (mounted behind the bearer check). */
export function applicationDocumentsRouter(deps: Pick<ApiServices, 'applications' | 'documents'>): Router {
  const router = Router();
  const list = async (id: string, res: Response) => {
    if (!APPLICATION_ID_PATTERN.test(id)) {
      res.status(404).json({ errors: [{ field: 'id', message: 'no application with this id' }] });
      return null;
    }
    const documents = await deps.applications.documents(id, clientOf(res));
    if (!documents) res.status(404).json({ errors: [{ field: 'id', message: 'no application with this id' }] });
    return documents && documents.map((d) => documentEntry(id, d));
  };
  router.get('/:id/documents', async (req, res) => {
    try {
      const documents = await list(req.params.id, res);
      if (documents) res.json({ id: req.params.id, documents });
    } catch (error) {
      engineDown(res, error);
    }
  });
  router.get('/:id/documents/:name', async (req, res) => {
    try {
      const documents = await list(req.params.id, res);
      if (!documents) return;
      const doc = documents.find((d) => d.name === req.params.name);
      if (!doc) {
        res.status(404).json({ errors: [{ field: 'name', message: `no document "${req.params.name}" has been made for this application (yet)` }] });
        return;
      }
      await sendPdf(deps, res, doc.sha256, doc.fileName);
    } catch (error) {
      engineDown(res, error);
    }
  });
  return router;
}

/** /documents/{sha256}/{file name}?exp=...&sig=...: the signed, expiring links of the `documents` variable. */
export function signedDocumentsRouter(deps: Pick<ApiServices, 'documents'>): Router {
  const router = Router();
  router.get('/:sha256/:fileName', async (req, res) => {
    const { sha256, fileName } = req.params;
    const check = SHA256.test(sha256) ? deps.documents.verify(sha256, req.query.sig, req.query.exp) : 'invalid';
    if (check === 'expired') {
      res.status(403).json({ errors: [{ field: 'exp', message: 'the link has expired; ask for the document again' }] });
      return;
    }
    if (check !== 'valid') {
      res.status(403).json({ errors: [{ field: 'sig', message: 'the link is not valid; open the document from its task again' }] });
      return;
    }
    await sendPdf(deps, res, sha256, fileName);
  });
  return router;
}
