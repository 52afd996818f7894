// Payment confirmations count only when the provider signed them: t=<unix seconds>,v1=<hex HMAC-SHA256
// of "<t>.<raw body>">, t within five minutes. Any header content is answered, never thrown.
import fc from 'fast-check';
import { signPayment, verifyPaymentSignature } from '../../workers/http/payment-signature.js';

const secret = 'provider-secret';
const body = Buffer.from('{"amount":180,"currency":"CNY","transactionId":"T-1","paidAt":"2024-03-01T10:00:00+08:00"}');
const now = new Date('2024-03-01T02:00:00Z');

describe('Payment-Signature', () => {
  it('accepts the provider signature of the exact body', () => {
    expect(verifyPaymentSignature(signPayment(body, secret, now), body, secret, now)).toEqual({ ok: true });
    // A provider rotating secrets may send several v1 values; one matching is enough.
    expect(verifyPaymentSignature(`${signPayment(body, 'old', now)},v1=${signPayment(body, secret, now).split('v1=')[1]}`, body, secret, now)).toEqual({ ok: true });
  });

  it.each([
    ['missing', undefined, /required/],
    ['without v1', `t=${now.getTime() / 1000}`, /must be t=/],
    ['with a wrong secret', signPayment(body, 'other', now), /does not match/],
    ['stale (6 minutes old)', signPayment(body, secret, new Date(now.getTime() - 6 * 60_000)), /stale/],
    ['from the future (6 minutes ahead)', signPayment(body, secret, new Date(now.getTime() + 6 * 60_000)), /stale/],
  ])('refuses a signature %s', (_what, header, message) => {
    const check = verifyPaymentSignature(header, body, secret, now);
    expect(check.ok).toBe(false);
    expect((check as { message: string }).message).toMatch(message);
  });

  it('refuses a body changed after signing', () => {
    const header = signPayment(body, secret, now);
    expect(verifyPaymentSignature(header, Buffer.from(body.toString().replace('180', '18')), secret, now).ok).toBe(false);
  });

  it('answers any header of any length or bytes without throwing', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 500 }), (header) => {
        const check = verifyPaymentSignature(header, body, secret, now);
        return check.ok === false && typeof check.message === 'string';
      }),
    );
    expect(verifyPaymentSignature(`t=${now.getTime() / 1000},v1=${'ab'.repeat(31)}`, body, secret, now).ok).toBe(false);
    expect(verifyPaymentSignature(`t=${now.getTime() / 1000},v1=${'zz'.repeat(32)}`, body, secret, now).ok).toBe(false);
  });
});
