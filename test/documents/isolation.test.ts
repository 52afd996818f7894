// Nothing a document contains may make the renderer fetch from the network.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
// Chromium starts with the first document and the font collection is parsed once: allow for both.
import { jest } from '@jest/globals';
jest.setTimeout(30_000);
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createRenderer, type Renderer } from '../../workers/documents/renderer.js';
import { pdfText, withName } from './helpers.js';

let server: Server;
let hits = 0;
let renderer: Renderer;
let url = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    hits++;
    res.writeHead(200, { 'content-type': 'image/png' }).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  renderer = createRenderer({
    templates: {
      // A template that itself asks for remote resources, past the escaping of user text.
      'remote-probe': `<section class="page"><img src="${url}/x.png"><link rel="stylesheet" href="${url}/x.css">
        <div style="background:url(${url}/bg.png)">{{applicant.name}}</div><iframe src="${url}/frame"></iframe></section>`,
    },
  });
});

afterAll(async () => {
  await renderer.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

it('sends no request for URLs in data or in a template', async () => {
  const markup = `<img src="${url}/x.png">`;
  const data = withName('publicity-form', markup);
  data.unit = { ...data.unit, name: markup };
  const [a, b] = await Promise.all([
    renderer.render('publicity-form', data),
    renderer.render('remote-probe', { applicant: { name: 'probe' } }),
  ]);
  expect(pdfText(a!)).toContain(markup.replace(/\s+/g, ''));
  expect(pdfText(b!)).toContain('probe');
  // Give any stray request time to arrive.
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(hits).toBe(0);
});
