// Official documents: templates rendered to PDF, stored by content, certificate numbers and codes.
import type { Renderer } from './renderer.js';
import { renderKey, type DocumentRef, type DocumentStore } from './store.js';
import { DOCUMENT_TITLES } from './templates.js';

export {
  createRenderer,
  defaultChromiumPath,
  DocumentError,
  RendererClosedError,
  RenderTimeoutError,
  type Renderer,
  type RendererOptions,
  type RendererStats,
} from './renderer.js';
export { FsDocumentStore, renderKey, sha256Hex, type DocumentRef, type DocumentStore, type StoredDocument } from './store.js';
export { formatCertificateNumber, parseCertificateNumber, type CertificateNumber } from './certificates.js';
export { DOCUMENT_TITLES, TEMPLATE_NAMES, type TemplateName } from './templates.js';

/**
 * Renders `template` with `data` into `store` once: a second call with the same template, data and
 * template version (a retried task) answers the document of the first, never a second one.
 */
export async function renderToStore(
  deps: { renderer: Renderer; store: DocumentStore },
  template: string,
  data: object,
): Promise<DocumentRef> {
  const key = renderKey(template, data, deps.renderer.templatesVersion());
  const ref = (stored: { sha256: string; size: number }): DocumentRef => ({
    sha256: stored.sha256,
    size: stored.size,
    template,
    mediaType: 'application/pdf',
    fileName: `${(DOCUMENT_TITLES as Record<string, string>)[template] ?? template}.pdf`,
  });
  const known = await deps.store.lookup(key);
  if (known) return ref(known);
  const stored = await deps.store.put(await deps.renderer.render(template, data));
  return ref(await deps.store.record(key, stored));
}
