// Public documents (publicity form, certificate, appointment notice) print alone, so each embeds a
// font subset cut from its own text only, never the glyphs of another applicant printed at the
// same moment; internal documents still share a print (and its subset) for speed.
import { describe, expect, it } from '@jest/globals';
import { PUBLIC_TEMPLATES } from '../../workers/documents/renderer.js';
import { fileRenderer } from '../support/renderer.js';
import { pdfText, withName } from './helpers.js';

const renderer = fileRenderer({ pages: 1 });

describe('font subsets of public documents', () => {
  it('names the publicity forms (the committee\'s and the unit\'s), certificates and appointment notices public', () => {
    expect([...PUBLIC_TEMPLATES].sort()).toEqual(['appointment-notice', 'certificate', 'publicity-form', 'unit-publicity-form']);
  });

  it.each(['certificate', 'publicity-form', 'unit-publicity-form'])('prints concurrent %s documents one by one, each with its own text', async (template) => {
    await renderer.render(template, withName(template, '王一'));
    const before = renderer.stats().prints;
    const [a, b] = await Promise.all([renderer.render(template, withName(template, '李䶮')), renderer.render(template, withName(template, '赵堃'))]);
    expect(renderer.stats().prints - before).toBe(2);
    expect(pdfText(a)).toContain('李䶮');
    expect(pdfText(a)).not.toContain('赵堃');
    expect(pdfText(b)).toContain('赵堃');
  }, 60_000);

  it('still prints concurrent review summaries together', async () => {
    await renderer.render('review-summary', withName('review-summary', '王一'));
    const before = renderer.stats().prints;
    await Promise.all([renderer.render('review-summary', withName('review-summary', '李䶮')), renderer.render('review-summary', withName('review-summary', '赵堃'))]);
    expect(renderer.stats().prints - before).toBe(1);
  }, 60_000);
});
