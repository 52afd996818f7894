// The engine's review tickets as the API reads them: signed with the shared key, for one purpose,
// until they expire; anything else is no ticket.
import { createHmac } from 'node:crypto';
import { REVIEW_TICKET_PURPOSE, signReviewTicket, verifyReviewTicket } from '../../workers/http/review-tickets.js';

const KEY = 'ticket-key-for-tests';
const now = new Date('2027-03-02T10:00:00Z');
const exp = Math.floor(now.getTime() / 1000) + 120;
const claims = { u: 'unit-hr', g: ['unit-91220106MA0Y5K8Q7H'], a: 'JL2027-ABCDEFGHJK', exp };

/** A ticket made the way the engine makes it (ReviewTickets.java): payload, then the HMAC of a prefixed payload. */
const engineTicket = (body: Record<string, unknown>, key = KEY) => {
  const payload = Buffer.from(JSON.stringify(body)).toString('base64url');
  return `${payload}.${createHmac('sha256', key).update(`title-review-ticket.${payload}`).digest('base64url')}`;
};

describe('review tickets', () => {
  it("reads the engine's ticket: the user, the groups, the one application and the expiry", () => {
    expect(verifyReviewTicket(KEY, engineTicket({ ...claims, p: REVIEW_TICKET_PURPOSE }), now)).toEqual({ user: 'unit-hr', groups: ['unit-91220106MA0Y5K8Q7H'], applicationId: 'JL2027-ABCDEFGHJK', expiresAt: new Date(exp * 1000) });
    expect(verifyReviewTicket(KEY, signReviewTicket(KEY, claims), now)?.applicationId).toBe('JL2027-ABCDEFGHJK');
  });

  it.each([
    ['expired', () => signReviewTicket(KEY, { ...claims, exp: Math.floor(now.getTime() / 1000) })],
    ['signed with another key', () => signReviewTicket('another key', claims)],
    ['with more groups than were signed', () => `${Buffer.from(JSON.stringify({ ...claims, g: ['operaton-admin'], p: REVIEW_TICKET_PURPOSE })).toString('base64url')}.${signReviewTicket(KEY, claims).split('.')[1]}`],
    ['for another purpose', () => engineTicket({ ...claims, p: 'sign-in' })],
    ['without a purpose', () => engineTicket(claims)],
    ['not a ticket', () => 'unit-hr:demo'],
    ['empty', () => ''],
  ])('refuses a ticket %s', (_what, ticket) => {
    expect(verifyReviewTicket(KEY, ticket(), now)).toBeNull();
  });

  it('refuses every ticket without a key', () => {
    expect(verifyReviewTicket('', signReviewTicket('', claims), now)).toBeNull();
  });
});
