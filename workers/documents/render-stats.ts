// The renderer's counters: one object, counted into by the browser pool, the fonts and the prints.

/** Counters of a renderer since it was created. */
export interface RendererStats {
  prints: number;
  documents: number;
  browserLaunches: number;
  /** Browsers replaced after a crash or a timeout. */
  browserFailures: number;
  /** Requests the pages attempted (all aborted). */
  blockedRequests: number;
  /** Characters printed without a glyph. */
  missingGlyphs: number;
}

/** All counters at zero. */
export function emptyStats(): RendererStats {
  return { prints: 0, documents: 0, browserLaunches: 0, browserFailures: 0, blockedRequests: 0, missingGlyphs: 0 };
}
