// Nothing a document contains may make the renderer fetch anything or run any script.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import { createRenderer, type Renderer } from '../../workers/documents/renderer.js';
import { pdfRawText, pdfText, withName } from './helpers.js';

jest.setTimeout(30_000);
let server: Server;
const hits: string[] = [];
let renderer: Renderer;
let url = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'image/png' }).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  renderer = createRenderer({
    templates: {
      // A template that itself asks for remote resources and runs scripts, past the escaping of user text.
      probe: `<section class="page">
        <img src="${url}/img.png"><link rel="stylesheet" href="${url}/style.css">
        <style>@import url(${url}/import.css); .x { background: url(${url}/bg.png) } @font-face { font-family: R; src: url(${url}/font.woff) }</style>
        <div class="x" style="font-family: R; background-image: url(${url}/inline.png)">{{applicant.name}}</div>
        <iframe src="${url}/frame"></iframe><object data="${url}/object"></object><video src="${url}/video" autoplay></video>
        <script src="${url}/script.js"></script><script>document.body.textContent = 'SCRIPT RAN'</script>
        <img src="data:," onerror="this.parentNode.textContent = 'HANDLER RAN'">
        <meta http-equiv="refresh" content="0;url=${url}/refresh"><a href="${url}/link">link</a>
      </section>`,
    },
  });
});

afterAll(async () => {
  await renderer.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

it('sends no request for URLs in data or in a template, and runs no script', async () => {
  const markup = `<img src="${url}/data.png">`;
  const data = withName('publicity-form', markup);
  data.unit = { ...data.unit, name: `<link rel=stylesheet href=${url}/unit.css>` };
  const [a, b] = await Promise.all([renderer.render('publicity-form', data), renderer.render('probe', { applicant: { name: 'probe-name' } })]);
  expect(pdfRawText(a)).toContain(markup.replace(/\s+/g, ''));
  const probe = pdfText(b);
  expect(probe).toContain('probe-name');
  expect(probe).not.toContain('SCRIPTRAN');
  expect(probe).not.toContain('HANDLERRAN');
  // Give any stray request time to arrive.
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(hits).toEqual([]);
  // The page's own policy stops most of them before the network layer; the meta refresh reaches
  // the request interception, which answers it without letting it out.
  expect(renderer.stats().blockedRequests).toBeGreaterThan(0);
});
