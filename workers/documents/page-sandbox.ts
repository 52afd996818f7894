// The warm page documents are printed on, locked down before any document reaches it.
//
// Safety: the page runs no JavaScript of its own, its Content-Security-Policy allows nothing but
// inline styles and data: images, every request is intercepted and aborted (data: URLs aside), and
// the network is emulated offline. User text is HTML-escaped by the templates.
import type { HTTPRequest, Page } from 'puppeteer-core';

// The page's own policy: no scripts, no frames, no fetches; only inline styles and data: images.
const CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";
const A4_WIDTH_PX = 794;
const A4_HEIGHT_PX = 1123;

/** Locks `page` down (see above) and loads an empty document styled with `css`. */
export async function preparePage(page: Page, css: string, onBlocked: () => void): Promise<void> {
  await page.setJavaScriptEnabled(false);
  await page.setRequestInterception(true);
  page.on('request', (req: HTTPRequest) => {
    if (req.url().startsWith('data:')) {
      void req.continue().catch(() => undefined);
      return;
    }
    onBlocked();
    // A navigation of the page itself (a meta refresh, say) answered "204 No Content" keeps the
    // page where it is; aborted, it would replace the page with an error page.
    if (req.isNavigationRequest() && req.frame() === page.mainFrame()) {
      void req.respond({ status: 204, body: '' }).catch(() => undefined);
      return;
    }
    void req.abort('blockedbyclient').catch(() => undefined);
  });
  await page.setOfflineMode(true);
  await page.setViewport({ width: A4_WIDTH_PX, height: A4_HEIGHT_PX });
  // Lay out for print from the start, so the overflow check measures what will be printed.
  await page.emulateMediaType('print');
  await page.setContent(
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">` +
      `<meta http-equiv="Content-Security-Policy" content="${CSP}">` +
      `<title>document</title><style>${css}</style></head><body></body></html>`,
    { waitUntil: 'load' },
  );
}
