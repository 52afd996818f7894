// The font subset of each print: the fonts load once (lazily), and every print gets one subset
// holding the characters of all its documents.
import { charset, DEFAULT_FACE_FAMILY, DEFAULT_FONT_FILES, FontSubsetter, type FontFiles, type FontSubset } from './fonts.js';
import type { RendererStats } from './render-stats.js';

/** Characters kept in every subset besides ASCII: spaces and punctuation templates may produce. */
const BASE_CHARS = '\u00a0\u3000，。、；：？！“”‘’（）《》〔〕【】—…·－～';

/** Subsets kept for reuse. */
const CACHED_SUBSETS = 16;

export interface BatchFontsOptions {
  /** Complete CJK fonts (sfnt or collection) the subsets are cut from. */
  fontFiles?: FontFiles;
  /** Face to take from a font collection. */
  fontFamily?: string;
  /** Called when a document holds characters no font has (they print as boxes). */
  onMissingGlyphs?: (template: string, chars: string[]) => void;
}

/** What a print's font is made for: each document's template and characters. */
export interface FontDocument {
  template: string;
  chars: string;
}

export interface BatchFonts {
  /** Loads the complete fonts (once; a failed load is tried again on the next call). */
  load(): Promise<FontSubsetter>;
  /** The print's font subset (one for the whole batch), reporting characters no font has. */
  forBatch(documents: readonly FontDocument[]): Promise<FontSubset>;
}

export function createBatchFonts(options: BatchFontsOptions, stats: RendererStats): BatchFonts {
  let fonts: Promise<FontSubsetter> | null = null;
  const load = () => {
    fonts ??= FontSubsetter.create(options.fontFiles ?? DEFAULT_FONT_FILES, options.fontFamily ?? DEFAULT_FACE_FAMILY);
    fonts.catch(() => (fonts = null));
    return fonts;
  };
  // Recently used subsets by character set: a document printed alone again costs no subsetting.
  const subsets = new Map<string, FontSubset>();
  const subsetFor = (subsetter: FontSubsetter, chars: string): FontSubset => {
    let hit = subsets.get(chars);
    if (hit) subsets.delete(chars);
    else hit = subsetter.subset(chars);
    subsets.set(chars, hit);
    if (subsets.size > CACHED_SUBSETS) subsets.delete(subsets.keys().next().value!);
    return hit;
  };

  return {
    load,
    async forBatch(documents) {
      const subsetter = await load();
      const chars = charset(BASE_CHARS + documents.map((d) => d.chars).join(''));
      const font = subsetFor(subsetter, chars);
      if (font.missing.length > 0) {
        for (const doc of documents) {
          const own = font.missing.filter((ch) => doc.chars.includes(ch));
          if (own.length === 0) continue;
          stats.missingGlyphs += own.length;
          options.onMissingGlyphs?.(doc.template, own);
        }
      }
      return font;
    },
  };
}
