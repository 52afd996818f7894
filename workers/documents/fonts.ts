// Font handling for printed documents: every PDF must carry its own glyphs (so it looks the same
// on any reader) and must include rare name characters (䶮 堃 喆). The complete Noto CJK faces
// cover them, but embedding a whole 20 MB face per page would make every print slow; instead each
// batch gets a subset holding only the characters its documents use.
import { readFile } from 'node:fs/promises';
import subsetFont from 'subset-font';

/** Where Debian's fonts-noto-cjk puts the serif collections (regular and bold). */
export const DEFAULT_FONT_FILES = {
  regular: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc',
  bold: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc',
} as const;

/** Family name inside the collection whose glyph shapes follow mainland (GB) conventions. */
export const DEFAULT_FACE_FAMILY = 'Noto Serif CJK SC';

/** Printable ASCII: always kept so numbers, codes and Latin text never fall back. */
export const ASCII = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join('');

function tag(buf: Buffer, at: number): string {
  return buf.toString('latin1', at, at + 4);
}

/** Family names (name ID 1 and 16) of the sfnt face whose table directory starts at `dirOffset`. */
function familyNames(buf: Buffer, dirOffset: number): string[] {
  const numTables = buf.readUInt16BE(dirOffset + 4);
  for (let i = 0; i < numTables; i++) {
    const rec = dirOffset + 12 + i * 16;
    if (tag(buf, rec) !== 'name') continue;
    const table = buf.readUInt32BE(rec + 8);
    const count = buf.readUInt16BE(table + 2);
    const strings = table + buf.readUInt16BE(table + 4);
    const names: string[] = [];
    for (let n = 0; n < count; n++) {
      const r = table + 6 + n * 12;
      const platform = buf.readUInt16BE(r);
      const nameId = buf.readUInt16BE(r + 6);
      if (platform !== 3 || (nameId !== 1 && nameId !== 16)) continue;
      const len = buf.readUInt16BE(r + 8);
      const off = strings + buf.readUInt16BE(r + 10);
      // Windows-platform names are UTF-16BE; Node only decodes LE, so swap a copy.
      names.push(Buffer.from(buf.subarray(off, off + len)).swap16().toString('utf16le'));
    }
    return names;
  }
  return [];
}

/** Rebuilds one face of an sfnt/TTC buffer as a standalone sfnt (tables copied, offsets rewritten). */
function standaloneFace(buf: Buffer, dirOffset: number): Buffer {
  const numTables = buf.readUInt16BE(dirOffset + 4);
  const headerLen = 12 + numTables * 16;
  const tables: { tag: string; checksum: number; data: Buffer }[] = [];
  for (let i = 0; i < numTables; i++) {
    const rec = dirOffset + 12 + i * 16;
    const off = buf.readUInt32BE(rec + 8);
    const len = buf.readUInt32BE(rec + 12);
    tables.push({ tag: tag(buf, rec), checksum: buf.readUInt32BE(rec + 4), data: buf.subarray(off, off + len) });
  }
  const total = headerLen + tables.reduce((s, t) => s + ((t.data.length + 3) & ~3), 0);
  const out = Buffer.alloc(total);
  buf.copy(out, 0, dirOffset, dirOffset + 12);
  let at = headerLen;
  tables.forEach((t, i) => {
    const rec = 12 + i * 16;
    out.write(t.tag, rec, 'latin1');
    out.writeUInt32BE(t.checksum, rec + 4);
    out.writeUInt32BE(at, rec + 8);
    out.writeUInt32BE(t.data.length, rec + 12);
    t.data.copy(out, at);
    at += (t.data.length + 3) & ~3;
  });
  return out;
}

/** Extracts the face named `family` from a font collection (.ttc); plain sfnt files pass through. */
export function extractFace(file: Buffer, family: string): Buffer {
  if (tag(file, 0) !== 'ttcf') return file;
  const count = file.readUInt32BE(8);
  const seen: string[] = [];
  for (let i = 0; i < count; i++) {
    const dir = file.readUInt32BE(12 + i * 4);
    const names = familyNames(file, dir);
    if (names.includes(family)) return standaloneFace(file, dir);
    seen.push(...names);
  }
  throw new Error(`font collection holds no face "${family}" (has: ${[...new Set(seen)].join(', ')})`);
}

// Parsed source faces stay in memory for the life of the process: reading and splitting the
// collection costs far more than a subset does.
const faces = new Map<string, Promise<Buffer>>();

/** The standalone face `family` of the font file at `path`, read once per process. */
export function loadFace(path: string, family = DEFAULT_FACE_FAMILY): Promise<Buffer> {
  const key = `${path}#${family}`;
  let face = faces.get(key);
  if (!face) {
    face = readFile(path).then((file) => extractFace(file, family));
    face.catch(() => faces.delete(key));
    faces.set(key, face);
  }
  return face;
}

/** Distinct characters of `text` plus printable ASCII, sorted (stable cache key, minimal subset). */
export function charset(text: string): string {
  const set = new Set(ASCII);
  for (const ch of text) if (ch.codePointAt(0)! > 0x20) set.add(ch);
  return [...set].sort().join('');
}

/** A truetype/OpenType subset of `face` holding only the glyphs of `chars`. */
export async function subsetFace(face: Buffer, chars: string): Promise<Buffer> {
  return subsetFont(face, chars, { targetFormat: 'truetype', noHinting: true });
}
