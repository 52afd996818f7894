// Fonts of the printed documents. Every PDF must carry its own glyphs (so it prints the same on any
// reader) including rare name characters (䶮 堃 喆), which only the complete Noto CJK faces hold.
// Printing with a complete 20 MB face is slow (Chromium's PDF backend walks the whole font on every
// print), so each print gets a subset holding only the characters of its documents.
//
// Subsetting uses HarfBuzz's own subsetter (harfbuzzjs, the HarfBuzz project's WebAssembly build,
// which subset-font also wraps). The source faces are loaded into its memory once per process and
// preprocessed for repeated subsetting, so a subset costs milliseconds instead of re-reading and
// re-parsing 20 MB on every call.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

/** Complete fonts the subsets are cut from: sfnt files or collections (.ttc). */
export interface FontFiles {
  regular: string;
  bold?: string;
}

/** Debian's fonts-noto-cjk serif collections (regular and bold). */
export const DEFAULT_FONT_FILES: FontFiles = {
  regular: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc',
  bold: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc',
};

/** Family inside the collections whose glyph shapes follow mainland (GB) conventions. */
export const DEFAULT_FACE_FAMILY = 'Noto Serif CJK SC';

/** One print's fonts: sfnt subsets by CSS weight. */
export interface FontSubset {
  regular: Buffer;
  bold?: Buffer;
  /** Characters of the request that the face has no glyph for (they would print as boxes). */
  missing: string[];
}

/** Printable ASCII: always kept, so digits, codes and Latin text never fall back to another font. */
export const ASCII = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join('');

/** Distinct characters of `text` plus printable ASCII, sorted: a stable key and the subset's input. */
export function charset(text: string): string {
  const set = new Set(ASCII);
  for (const ch of text) if (ch.codePointAt(0)! > 0x20) set.add(ch);
  return [...set].sort().join('');
}

// ---------------------------------------------------------------------------------------------
// sfnt reading: which face of a collection, and which characters it covers.

const tag = (buf: Buffer, at: number) => buf.toString('latin1', at, at + 4);

/** Offset of the table `name` in the face whose table directory starts at `dir`, or -1. */
function tableOffset(buf: Buffer, dir: number, name: string): number {
  const numTables = buf.readUInt16BE(dir + 4);
  for (let i = 0; i < numTables; i++) {
    const rec = dir + 12 + i * 16;
    if (tag(buf, rec) === name) return buf.readUInt32BE(rec + 8);
  }
  return -1;
}

/** Family names (name IDs 1 and 16, Windows platform) of the face at `dir`. */
function familyNames(buf: Buffer, dir: number): string[] {
  const table = tableOffset(buf, dir, 'name');
  if (table < 0) return [];
  const count = buf.readUInt16BE(table + 2);
  const strings = table + buf.readUInt16BE(table + 4);
  const names: string[] = [];
  for (let n = 0; n < count; n++) {
    const r = table + 6 + n * 12;
    const nameId = buf.readUInt16BE(r + 6);
    if (buf.readUInt16BE(r) !== 3 || (nameId !== 1 && nameId !== 16)) continue;
    const len = buf.readUInt16BE(r + 8);
    const off = strings + buf.readUInt16BE(r + 10);
    // UTF-16BE; Node decodes only LE, so swap a copy.
    names.push(Buffer.from(buf.subarray(off, off + len)).swap16().toString('utf16le'));
  }
  return names;
}

/** Index and table-directory offset of the face named `family` (a plain sfnt is face 0). */
export function findFace(file: Buffer, family: string): { index: number; dir: number } {
  if (tag(file, 0) !== 'ttcf') return { index: 0, dir: 0 };
  const count = file.readUInt32BE(8);
  const seen = new Set<string>();
  for (let index = 0; index < count; index++) {
    const dir = file.readUInt32BE(12 + index * 4);
    const names = familyNames(file, dir);
    if (names.includes(family)) return { index, dir };
    names.forEach((n) => seen.add(n));
  }
  throw new Error(`font collection holds no face "${family}" (has: ${[...seen].join(', ')})`);
}

/** The code points the face's Unicode cmap maps to a glyph, as a bitmap over U+0000..U+10FFFF. */
export function coverage(file: Buffer, dir: number): Uint8Array {
  const bits = new Uint8Array(0x110000 >> 3);
  const set = (cp: number) => {
    if (cp < 0x110000) bits[cp >> 3]! |= 1 << (cp & 7);
  };
  const cmap = tableOffset(file, dir, 'cmap');
  if (cmap < 0) throw new Error('font has no cmap table');
  let best = -1;
  let bestFormat = 0;
  for (let i = 0; i < file.readUInt16BE(cmap + 2); i++) {
    const rec = cmap + 4 + i * 8;
    const platform = file.readUInt16BE(rec);
    const encoding = file.readUInt16BE(rec + 2);
    const sub = cmap + file.readUInt32BE(rec + 4);
    const format = file.readUInt16BE(sub);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (unicode && (format === 12 || (format === 4 && bestFormat !== 12))) {
      best = sub;
      bestFormat = format;
    }
  }
  if (best < 0) throw new Error('font has no Unicode cmap subtable (format 4 or 12)');
  if (bestFormat === 12) {
    const groups = file.readUInt32BE(best + 12);
    for (let g = 0; g < groups; g++) {
      const at = best + 16 + g * 12;
      const end = file.readUInt32BE(at + 4);
      for (let cp = file.readUInt32BE(at); cp <= end; cp++) set(cp);
    }
    return bits;
  }
  const segX2 = file.readUInt16BE(best + 6);
  const ends = best + 14;
  const starts = ends + segX2 + 2;
  const deltas = starts + segX2;
  const rangeOffsets = deltas + segX2;
  for (let s = 0; s < segX2; s += 2) {
    const end = file.readUInt16BE(ends + s);
    const start = file.readUInt16BE(starts + s);
    const delta = file.readUInt16BE(deltas + s);
    const ro = file.readUInt16BE(rangeOffsets + s);
    for (let cp = start; cp <= end && cp !== 0xffff; cp++) {
      const glyph = ro === 0 ? (cp + delta) & 0xffff : file.readUInt16BE(rangeOffsets + s + ro + (cp - start) * 2);
      if (glyph !== 0) set(cp);
    }
  }
  return bits;
}

// ---------------------------------------------------------------------------------------------
// HarfBuzz subsetter (raw exports of harfbuzzjs' harfbuzz-subset.wasm).

// The project compiles without the DOM library, which is where TypeScript declares WebAssembly.
interface WasmApi {
  instantiate(bytes: Uint8Array): Promise<{ instance: { exports: unknown } }>;
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

interface HbSubsetExports {
  memory: { buffer: ArrayBuffer };
  _initialize(): void;
  malloc(size: number): number;
  hb_blob_create(data: number, length: number, mode: number, userData: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_data(blob: number, length: number): number;
  hb_blob_get_length(blob: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_clear(set: number): void;
  hb_set_add(set: number, value: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_input_set(input: number, which: number): number;
  hb_subset_input_get_flags(input: number): number;
  hb_subset_input_set_flags(input: number, flags: number): void;
  hb_subset_preprocess(face: number): number;
  hb_subset_or_fail(face: number, input: number): number;
}

const HB_MEMORY_MODE_READONLY = 1;
const HB_SUBSET_SETS_LAYOUT_FEATURE_TAG = 6;
const HB_SUBSET_FLAGS_NO_HINTING = 0x1;
const HB_SUBSET_FLAGS_NO_LAYOUT_CLOSURE = 0x200;
const hbTag = (s: string) => [...s].reduce((a, ch) => ((a << 8) | ch.charCodeAt(0)) >>> 0, 0);
/** Layout features kept: kerning of Latin text. Horizontal CJK print needs none. */
const KEPT_FEATURES = ['kern'];

let harfbuzz: Promise<HbSubsetExports> | null = null;

function loadHarfbuzz(): Promise<HbSubsetExports> {
  harfbuzz ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasm = await readFile(require.resolve('harfbuzzjs/dist/harfbuzz-subset.wasm'));
    const { instance } = await wasmApi.instantiate(wasm);
    const hb = instance.exports as HbSubsetExports;
    hb._initialize();
    return hb;
  })();
  harfbuzz.catch(() => (harfbuzz = null));
  return harfbuzz;
}

/** A complete face held in HarfBuzz memory for the life of the process. */
interface SourceFace {
  hb: HbSubsetExports;
  face: number;
  covers: Uint8Array;
}

// One entry per file and family: the faces stay loaded (about 25 MB each) and are shared by every
// renderer of the process; reading and preprocessing a face costs far more than any subset.
const faces = new Map<string, Promise<SourceFace>>();

function loadFace(file: string, family: string): Promise<SourceFace> {
  const key = `${file}#${family}`;
  let face = faces.get(key);
  if (!face) {
    face = (async () => {
      const [hb, bytes] = await Promise.all([loadHarfbuzz(), readFile(file)]);
      const { index, dir } = findFace(bytes, family);
      const covers = coverage(bytes, dir);
      const ptr = hb.malloc(bytes.length);
      if (ptr === 0) throw new Error(`cannot allocate ${bytes.length} bytes for font ${file}`);
      new Uint8Array(hb.memory.buffer).set(bytes, ptr);
      // The bytes stay allocated as long as the face lives, i.e. for the process.
      const blob = hb.hb_blob_create(ptr, bytes.length, HB_MEMORY_MODE_READONLY, 0, 0);
      const raw = hb.hb_face_create(blob, index);
      hb.hb_blob_destroy(blob);
      const face = hb.hb_subset_preprocess(raw);
      hb.hb_face_destroy(raw);
      return { hb, face, covers };
    })();
    face.catch(() => faces.delete(key));
    faces.set(key, face);
  }
  return face;
}

function subsetOne({ hb, face }: SourceFace, chars: string): Buffer {
  const input = hb.hb_subset_input_create_or_fail();
  if (input === 0) throw new Error('harfbuzz: cannot create a subset input');
  let result = 0;
  try {
    const features = hb.hb_subset_input_set(input, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG);
    hb.hb_set_clear(features);
    for (const f of KEPT_FEATURES) hb.hb_set_add(features, hbTag(f));
    hb.hb_subset_input_set_flags(
      input,
      hb.hb_subset_input_get_flags(input) | HB_SUBSET_FLAGS_NO_HINTING | HB_SUBSET_FLAGS_NO_LAYOUT_CLOSURE,
    );
    const unicodes = hb.hb_subset_input_unicode_set(input);
    for (const ch of chars) hb.hb_set_add(unicodes, ch.codePointAt(0)!);
    result = hb.hb_subset_or_fail(face, input);
  } finally {
    hb.hb_subset_input_destroy(input);
  }
  if (result === 0) throw new Error('harfbuzz: subsetting failed');
  const blob = hb.hb_face_reference_blob(result);
  try {
    const at = hb.hb_blob_get_data(blob, 0);
    const length = hb.hb_blob_get_length(blob);
    if (length === 0) throw new Error('harfbuzz: empty subset');
    // Copy out: the next call reuses (and may grow, detaching views of) the wasm memory.
    return Buffer.from(new Uint8Array(hb.memory.buffer, at, length));
  } finally {
    hb.hb_blob_destroy(blob);
    hb.hb_face_destroy(result);
  }
}

/** Cuts per-print subsets from complete faces loaded once per process. */
export class FontSubsetter {
  private constructor(
    private readonly regular: SourceFace,
    private readonly bold: SourceFace | null,
  ) {}

  /** Loads (or reuses) the source faces; the first call of a process takes about a second. */
  static async create(files: FontFiles = DEFAULT_FONT_FILES, family = DEFAULT_FACE_FAMILY): Promise<FontSubsetter> {
    const [regular, bold] = await Promise.all([
      loadFace(files.regular, family),
      files.bold ? loadFace(files.bold, family) : Promise.resolve(null),
    ]);
    return new FontSubsetter(regular, bold);
  }

  /** Characters of `chars` the face has no glyph for. */
  missing(chars: string): string[] {
    const out: string[] = [];
    for (const ch of chars) {
      const cp = ch.codePointAt(0)!;
      if (cp > 0x20 && !(this.regular.covers[cp >> 3]! & (1 << (cp & 7)))) out.push(ch);
    }
    return out;
  }

  /** Subsets of every weight holding exactly the glyphs of `chars` (see `charset`). */
  subset(chars: string): FontSubset {
    return {
      regular: subsetOne(this.regular, chars),
      ...(this.bold ? { bold: subsetOne(this.bold, chars) } : {}),
      missing: this.missing(chars),
    };
  }
}
