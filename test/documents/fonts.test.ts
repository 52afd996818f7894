// Font subsets cut from Debian's Noto CJK collections (fonts-noto-cjk).
import { describe, expect, it, jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { charset, coverage, DEFAULT_FACE_FAMILY, DEFAULT_FONT_FILES, findFace, FontSubsetter } from '../../workers/documents/fonts.js';

jest.setTimeout(30_000);

const covers = (bits: Uint8Array, ch: string) => {
  const cp = ch.codePointAt(0)!;
  return (bits[cp >> 3]! & (1 << (cp & 7))) !== 0;
};

describe('fonts', () => {
  it('finds the simplified-Chinese face in the collection', () => {
    const file = readFileSync(DEFAULT_FONT_FILES.regular);
    const face = findFace(file, DEFAULT_FACE_FAMILY);
    expect(face.index).toBeGreaterThanOrEqual(0);
    expect(() => findFace(file, 'No Such Face')).toThrow(/holds no face "No Such Face"/);
    const bits = coverage(file, face.dir);
    for (const ch of '䶮堃喆吉林A1，') expect(covers(bits, ch)).toBe(true);
  });

  it('cuts subsets that hold exactly the requested characters, and names the missing ones', async () => {
    const fonts = await FontSubsetter.create();
    const text = '王䶮堃喆 Zhang 2024（一览表）';
    const subset = fonts.subset(charset(text));
    expect(subset.regular.length).toBeLessThan(40_000);
    expect(subset.bold).toBeDefined();
    for (const font of [subset.regular, subset.bold!]) {
      const bits = coverage(font, 0);
      for (const ch of charset(text)) expect(covers(bits, ch)).toBe(true);
      expect(covers(bits, '省')).toBe(false);
    }
    expect(subset.missing).toEqual([]);
    // U+2A6A5 is outside the face; an emoji too.
    expect(fonts.subset(charset('\u{2A6A5}😀')).missing.sort()).toEqual(['\u{2A6A5}', '😀'].sort());
  });
});
