// The first page of each template against a committed reference image (UPDATE_REFERENCES=1 rewrites them).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// Chromium starts with the first document and the font collection is parsed once: allow for both.
import { jest } from '@jest/globals';
jest.setTimeout(30_000);
import { afterAll, expect, it } from '@jest/globals';
import { createRenderer } from '../../workers/documents/renderer.js';
import { firstPagePng, pixelDifference, sample, TEMPLATE_NAMES } from './helpers.js';

const REFERENCES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'reference');
const renderer = createRenderer();
afterAll(() => renderer.close());

it.each(TEMPLATE_NAMES)('%s looks like its reference', async (name) => {
  const png = firstPagePng(await renderer.render(name, sample(name)));
  const file = path.join(REFERENCES, `${name}.png`);
  if (process.env.UPDATE_REFERENCES === '1' || !existsSync(file)) {
    writeFileSync(file, png);
    return;
  }
  // Small tolerance: antialiasing may shift between Chromium and poppler versions.
  expect(pixelDifference(png, readFileSync(file))).toBeLessThan(0.01);
});
