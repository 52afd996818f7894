// Every document embeds a font subset cut from its own text only, never the glyphs of another
// applicant printed at the same moment: public documents (publicity form, certificate, appointment
// notice) print alone; internal ones (the 一览表 review summary) still share a print for speed, each
// with a font family of its own. Rare name characters (生僻字) keep their glyphs.
import { afterAll, describe, expect, it } from '@jest/globals';
import { createRenderer, PUBLIC_TEMPLATES } from '../../workers/documents/renderer.js';
import { embeddedChars, pdfFonts, pdfText, withName } from './helpers.js';

const missing: string[] = [];
const renderer = createRenderer({ pages: 1, onMissingGlyphs: (_template, chars) => missing.push(...chars) });

afterAll(() => renderer.close());

describe('font subsets of public documents', () => {
  it('names the publicity form, certificates and appointment notices public', () => {
    expect([...PUBLIC_TEMPLATES].sort()).toEqual(['appointment-notice', 'certificate', 'publicity-form']);
  });

  it.each(['certificate', 'publicity-form'])('prints concurrent %s documents one by one, each with its own text', async (template) => {
    await renderer.render(template, withName(template, '王一'));
    const before = renderer.stats().prints;
    const [a, b] = await Promise.all([renderer.render(template, withName(template, '李䶮')), renderer.render(template, withName(template, '赵堃'))]);
    expect(renderer.stats().prints - before).toBe(2);
    expect(pdfText(a)).toContain('李䶮');
    expect(pdfText(a)).not.toContain('赵堃');
    expect(pdfText(b)).toContain('赵堃');
    expect(embeddedChars(a).has('堃')).toBe(false);
    expect(embeddedChars(b).has('䶮')).toBe(false);
  }, 60_000);
});

describe('font subsets of internal documents (the review summary)', () => {
  it('prints concurrent review summaries together, each embedding the glyphs of its own text only', async () => {
    await renderer.render('review-summary', withName('review-summary', '王一'));
    const before = renderer.stats().prints;
    const [a, b, c] = await Promise.all(
      ['李犇', '赵燚', '周嫚'].map((name) => renderer.render('review-summary', withName('review-summary', name))),
    );
    expect(renderer.stats().prints - before).toBe(1);
    const chars = [a, b, c].map((pdf) => embeddedChars(pdf!));
    // Each one's own rare character is embedded (and reads back); the others' are not.
    expect([chars[0]!.has('犇'), chars[0]!.has('燚'), chars[0]!.has('嫚')]).toEqual([true, false, false]);
    expect([chars[1]!.has('犇'), chars[1]!.has('燚'), chars[1]!.has('嫚')]).toEqual([false, true, false]);
    expect([chars[2]!.has('犇'), chars[2]!.has('燚'), chars[2]!.has('嫚')]).toEqual([false, false, true]);
    expect(pdfText(a!)).toContain('李犇');
    expect(pdfText(b!)).toContain('赵燚');
    expect(pdfText(c!)).toContain('周嫚');
  }, 60_000);

  it('prints rare characters with their own glyphs (never a box), from embedded fonts', async () => {
    const pdf = await renderer.render('review-summary', withName('review-summary', '王䶮堃'));
    expect(missing).toEqual([]);
    expect(pdfText(pdf)).toContain('王䶮堃');
    const chars = embeddedChars(pdf);
    expect(chars.has('䶮') && chars.has('堃')).toBe(true);
    const fonts = pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((f) => f.embedded && f.unicode)).toBe(true);
  }, 60_000);
});
