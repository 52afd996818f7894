// The document set-ups the tests share: a renderer living as long as its test file, and a document
// service over a scratch store.
import path from 'node:path';
import { afterAll } from '@jest/globals';
import { createRenderer, type Renderer, type RendererOptions } from '../../workers/documents/renderer.js';
import { DocumentService, type DocumentServiceOptions } from '../../workers/documents/service.js';

/** A renderer for the tests of one file; its browser closes after them. */
export function fileRenderer(options?: RendererOptions): Renderer {
  const renderer = createRenderer(options);
  afterAll(() => renderer.close());
  return renderer;
}

/**
 * A document service storing in `dir`/store, printing with Debian's Chromium, its links based at
 * http://localhost:3000 and signed with 'test-key' unless `options` say otherwise. Its renderer
 * starts no browser until a document is rendered; the caller closes the service.
 */
export function testDocumentService(dir: string, options: Partial<DocumentServiceOptions> = {}): DocumentService {
  return new DocumentService({
    storeDir: path.join(dir, 'store'),
    chromiumPath: '/usr/bin/chromium',
    baseUrl: 'http://localhost:3000',
    linkKey: 'test-key',
    ...options,
  });
}
