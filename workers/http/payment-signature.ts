// Payment confirmations are accepted only when the payment provider signed them, in the form that
// payment providers use: `Payment-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`
// with the shared secret, and t within the tolerance of the server's clock (a replayed old message
// fails even with a valid signature).
import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far the signature's time may be from the server's, either way. */
export const PAYMENT_SIGNATURE_TOLERANCE_S = 300;

/** The header value for a body: what the provider sends (and what tests and the example send). */
export function signPayment(rawBody: string | Buffer, secret: string, at: Date = new Date()): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.`).update(rawBody).digest('hex')}`;
}

export type SignatureCheck = { ok: true } | { ok: false; message: string };

/** Checks a Payment-Signature header against the raw body; never throws, whatever the header holds. */
export function verifyPaymentSignature(header: string | undefined, rawBody: Buffer | undefined, secret: string, now: Date = new Date()): SignatureCheck {
  if (!header) return { ok: false, message: 'a Payment-Signature header (t=<unix seconds>,v1=<HMAC-SHA256>) is required' };
  const parts = new Map<string, string[]>();
  for (const item of header.split(',')) {
    const i = item.indexOf('=');
    if (i <= 0) continue;
    const key = item.slice(0, i).trim();
    parts.set(key, [...(parts.get(key) ?? []), item.slice(i + 1).trim()]);
  }
  const t = parts.get('t')?.[0];
  const signatures = parts.get('v1') ?? [];
  if (!t || !/^\d{1,12}$/.test(t) || signatures.length === 0) return { ok: false, message: 'Payment-Signature must be t=<unix seconds>,v1=<hex HMAC-SHA256>' };
  if (Math.abs(now.getTime() / 1000 - Number(t)) > PAYMENT_SIGNATURE_TOLERANCE_S) {
    return { ok: false, message: `Payment-Signature is stale: its time t is more than ${PAYMENT_SIGNATURE_TOLERANCE_S / 60} minutes from the server's` };
  }
  const expected = createHmac('sha256', secret).update(`${t}.`).update(rawBody ?? Buffer.alloc(0)).digest();
  const matches = signatures.some((s) => /^[0-9a-f]{64}$/i.test(s) && timingSafeEqual(Buffer.from(s, 'hex'), expected));
  return matches ? { ok: true } : { ok: false, message: 'Payment-Signature does not match the body and the shared secret' };
}
