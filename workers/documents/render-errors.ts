// The errors a render answers with; `permanent` tells the caller whether a retry may succeed.

/** A document that can never render as given (unknown template, content too long): do not retry. */
export class DocumentError extends Error {
  override name = 'DocumentError';
  readonly permanent = true;
}

/** A print exceeded its time limit (the browser was replaced; a retry may succeed). */
export class RenderTimeoutError extends Error {
  override name = 'RenderTimeoutError';
  readonly permanent = false;
}

/** The renderer was closed before the document was accepted. */
export class RendererClosedError extends Error {
  override name = 'RendererClosedError';
  readonly permanent = false;
}
