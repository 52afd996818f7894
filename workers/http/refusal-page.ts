// A short page in Chinese for a person in a browser (a refused or cancelled sign-in, an office that
// is not theirs), styled by the office page's stylesheet; nothing inline, nothing from elsewhere.
import type { Request, Response } from 'express';

export const OFFICE_ASSETS_PATH = '/office-assets';

/** Nothing inline, nothing from elsewhere: scripts, styles and requests of the product's own origin only. */
export const OFFICE_PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Whether the request prefers a page to JSON (a browser's page load, a QR link opened); JSON wins a tie. */
export const wantsPage = (req: Request) => req.accepts(['application/json', 'text/html']) === 'text/html';

/** A short page in Chinese with `status`. */
export function refusalPage(res: Response, status: number, title: string, message: string): void {
  res
    .status(status)
    .set('Content-Security-Policy', OFFICE_PAGE_CSP)
    .set('Cache-Control', 'no-store')
    .type('html')
    .send(
      `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
        `<link rel="stylesheet" href="${OFFICE_ASSETS_PATH}/office.css"></head>` +
        `<body><main class="refusal"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></main></body></html>`,
    );
}
