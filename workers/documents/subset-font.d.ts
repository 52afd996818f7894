// Typings for subset-font (the package ships none); only the options the renderer uses.
declare module 'subset-font' {
  /** Options of subset-font's default export. */
  export interface SubsetFontOptions {
    targetFormat?: 'sfnt' | 'truetype' | 'woff' | 'woff2';
    noHinting?: boolean;
    noLayoutClosure?: boolean;
    keepFeatures?: string[];
  }
  /** Returns a subset of `font` with the glyphs for the characters of `text`. */
  export default function subsetFont(font: Buffer, text: string, options?: SubsetFontOptions): Promise<Buffer>;
}
