// Documents over HTTP: the portal's listing and downloads (bearer token), and the signed links that
// reviewers open from Tasklist or Cockpit (no token; the signature names one stored document).
import { Router, type Response } from 'express';
import { APPLICATION_ID_PATTERN } from '../domain/codes.js';
import { applicationDownloadName, asciiOnly, type DownloadName } from '../documents/download-names.js';
import type { ApiServices } from './deps.js';
import { documentEntry } from './application-links.js';
import { clientOf } from './auth.js';
import { engineDown } from './errors.js';

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * `inline` with the name twice: `filename*=UTF-8''` for the Chinese name (RFC 6266, 5987), and an
 * ASCII `filename=` for clients that read no other.
 */
export function contentDisposition(name: DownloadName): string {
  // encodeURIComponent leaves ' ( ) * ! alone; RFC 5987's attr-char takes only ! of them.
  const encoded = encodeURIComponent(name.fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `inline; filename="${asciiOnly(name.ascii)}"; filename*=UTF-8''${encoded}`;
}

/** Sends a stored PDF under `name`, or 404 when the store has lost it (it is never silently replaced). */
export async function sendPdf(deps: Pick<ApiServices, 'documents'>, res: Response, sha256: string, name: DownloadName, cacheControl = 'private, max-age=31536000, immutable'): Promise<void> {
  const bytes = await deps.documents.store.get(sha256);
  if (!bytes) {
    res.status(404).json({ errors: [{ field: 'name', message: 'the document is recorded but missing from the store' }] });
    return;
  }
  res
    .status(200)
    .type('application/pdf')
    .set('Content-Disposition', contentDisposition(name))
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
      // The listing names it already (一览表-王䶮堃-JL2026-ABCDEFGHJK.pdf); the ASCII name is the document's id.
      await sendPdf(deps, res, doc.sha256, { fileName: doc.fileName, ascii: applicationDownloadName(doc.name, null, req.params.id).ascii });
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
    // The link names the file (render-documents gives it the download name); only the document is signed.
    await sendPdf(deps, res, sha256, { fileName, ascii: asciiOnly(fileName) });
  });
  return router;
}
