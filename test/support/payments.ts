// A payment confirmation as the provider sends it: the JSON body and its Payment-Signature.
import { signPayment } from '../../workers/http/payment-signature.js';
import { testNow } from './clock.js';

/** The local default secret of the product (PAYMENT_SECRET unset outside production). */
export const TEST_PAYMENT_SECRET = 'local-dev-payment-secret';

export function signedPayment(payment: unknown, secret = TEST_PAYMENT_SECRET, at = testNow()): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify(payment);
  return { body, headers: { 'payment-signature': signPayment(body, secret, at) } };
}
