// The first page of each template against a committed reference image, so layout changes show.
// UPDATE_REFERENCES=1 rewrites the references (look at them before committing).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it, jest } from '@jest/globals';
import { fileRenderer } from '../support/renderer.js';
import { firstPagePng, pixelDifference, sample, TEMPLATE_NAMES } from './helpers.js';

jest.setTimeout(30_000);
const REFERENCES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'reference');
// The certificate's QR code and link depend on the base URL: fix it.
const renderer = fileRenderer({ baseUrl: 'https://zcps.hrss.jl.gov.cn' });

it.each(TEMPLATE_NAMES)('%s looks like its reference', async (name) => {
  const png = firstPagePng(await renderer.render(name, sample(name)));
  const file = path.join(REFERENCES, `${name}.png`);
  if (process.env.UPDATE_REFERENCES === '1' || !existsSync(file)) {
    writeFileSync(file, png);
    return;
  }
  // A small tolerance: antialiasing may shift between Chromium and poppler versions.
  expect(pixelDifference(png, readFileSync(file))).toBeLessThan(0.005);
});
