// The page a certificate's QR code opens: GET /api/certificates/{code} from a browser (Accept
// prefers text/html) answers this page, in Chinese, instead of the JSON other clients get. One
// Handlebars template (templates/web/certificate-verification.hbs), escaped output only, its CSS
// inline and allowed by hash in a Content-Security-Policy that allows nothing else.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { Response } from 'express';
import type { CertificateCheck } from '../applications/service.js';
import { compileSafe, TEMPLATES_DIR } from '../documents/templates.js';

const TEMPLATE = path.join(TEMPLATES_DIR, 'web', 'certificate-verification.hbs');

let compiled: { render: HandlebarsTemplateDelegate; csp: string } | null = null;

function page() {
  if (compiled) return compiled;
  const source = readFileSync(TEMPLATE, 'utf8');
  const style = /<style>([\s\S]*?)<\/style>/.exec(source);
  if (!style || /\{\{/.test(style[1]!)) throw new Error(`${TEMPLATE}: needs one <style> block without expressions (its hash is the page's CSP)`);
  const hash = createHash('sha256').update(style[1]!).digest('base64');
  compiled = {
    render: compileSafe(Handlebars.create(), source, 'web/certificate-verification'),
    csp: `default-src 'none'; style-src 'sha256-${hash}'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  };
  return compiled;
}

/** The page's text for a certificate, or for a code no certificate has (`null`). */
export function verificationView(code: string, check: CertificateCheck | null) {
  if (!check) return { code, state: 'unknown', heading: '未查询到该证书', note: '没有证书使用此验证码', certificate: null, numberLabel: '' };
  const notice = check.kind === 'post-appointment-notice';
  const what = notice ? '该结果通知书' : '该证书';
  return {
    code,
    state: check.status,
    heading: check.status === 'valid' ? '有效' : '已撤销',
    note: check.status === 'valid' ? `${what}真实有效` : check.revokedOn ? `${what}已于${check.revokedOn}撤销` : `${what}已撤销`,
    certificate: check,
    numberLabel: notice ? '通知书编号' : '证书编号',
  };
}

/** Sends the page with `status`; never cached, since a certificate may be revoked later. */
export function sendVerificationPage(res: Response, status: number, code: string, check: CertificateCheck | null): void {
  const { render, csp } = page();
  res
    .status(status)
    .set('Content-Security-Policy', csp)
    .set('Cache-Control', 'no-store')
    .set('Referrer-Policy', 'no-referrer')
    .type('html')
    .send(render(verificationView(code, check)));
}
