// Reviewers' stable document links: /api/review/documents/{applicationId}/{document}. Tasklist's
// forms and task variables hold these (not the expiring signed links), so a reviewer who opens an
// older task still gets the document. The reviewer signs in with their Tasklist account
// (reviewer-auth.ts); only the application's offices, or an administrator, get the document.
import { Router } from 'express';
import { FLOW_DOCUMENT_NAMES } from '../documents/data.js';
import { applicationDownloadName } from '../documents/download-names.js';
import type { ApiServices } from './deps.js';
import { sendPdf } from './documents.js';
import { engineDown } from './errors.js';
import { mayReview } from './reviewer-auth.js';

/** Where the reviewers' paths are mounted. */
export const REVIEW_PATH = '/api/review';
export const REVIEW_DOCUMENTS_PATH = `${REVIEW_PATH}/documents`;

/** The stable link of an application's document, for Tasklist (PUBLIC_BASE_URL + path). */
export function reviewDocumentLink(baseUrl: string, applicationId: string, document: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${REVIEW_DOCUMENTS_PATH}/${encodeURIComponent(applicationId)}/${encodeURIComponent(document)}`;
}

/** GET /documents/{applicationId}/{document}, behind reviewerSignIn. */
export function reviewDocumentsRouter(deps: Pick<ApiServices, 'registry' | 'documents' | 'log'>): Router {
  const router = Router();
  router.get('/documents/:applicationId/:document', async (req, res) => {
    try {
      const { applicationId, document } = req.params;
      if (!(await mayReview(deps.registry, deps.log, res, applicationId, 'documents'))) return;
      if (!(FLOW_DOCUMENT_NAMES as readonly string[]).includes(document)) {
        res.status(404).json({ errors: [{ field: 'document', message: `must be one of ${FLOW_DOCUMENT_NAMES.join(', ')}` }] });
        return;
      }
      const stored = (await deps.registry.documents(applicationId)).find((d) => d.name === document);
      if (!stored) {
        res.status(404).json({ errors: [{ field: 'document', message: `no document "${document}" has been made for this application (yet)` }] });
        return;
      }
      const row = await deps.registry.application(applicationId);
      await sendPdf(deps, res, stored.sha256, applicationDownloadName(document, row?.applicant_name, applicationId), 'private, no-store');
    } catch (error) {
      engineDown(res, error);
    }
  });
  return router;
}
