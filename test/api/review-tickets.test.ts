// The engine's review tickets as the API reads them: signed with the shared key, for one purpose,
// until they expire; anything else is no ticket.
import { createHmac } from 'node:crypto';
import { REVIEW_TICKET_PURPOSE, signReviewTicket, verifyReviewTicket } from '../../workers/http/review-tickets.js';
import { createApp } from '../../workers/http/app.js';
import type { Registry } from '../../workers/registry/registry.js';
import { apiDeps, serve, type Serving } from '../support/api-app.js';

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

describe('review tickets at the API', () => {
  // The engine's own accounts: the administrator signs in to Tasklist (its ticket opens documents,
  // the engine signed its session in); the service and deploy accounts never do.
  const accounts = { admin: 'engine-admin', service: 'engine-service', deploy: 'engine-deploy' };
  const application = 'JL2027-ABCDEFGHJK';
  let serving: Serving;
  beforeAll(async () => {
    const registry = { reviewOffices: async () => ['hr-220106'], documents: async () => [], application: async () => null } as unknown as Registry;
    serving = await serve(
      createApp({
        ...apiDeps({ registry, clock: () => now }),
        review: { engineUrls: ['http://127.0.0.1:9/engine-rest'], failedLoginLimit: 50, ticketKey: KEY, now: () => now, reservedAccounts: Object.values(accounts), ticketRefusedAccounts: [accounts.service, accounts.deploy] },
      }),
    );
  });
  afterAll(() => serving?.close());
  const open = (ticket: string, accept = 'application/json') => fetch(`${serving.base}/api/review/documents/${application}/review-summary?ticket=${encodeURIComponent(ticket)}`, { headers: { accept } });
  const ticketOf = (u: string, g: string[]) => signReviewTicket(KEY, { u, g, a: application, exp });

  it("takes the engine administrator's ticket (past the sign-in and the office rule: no such document yet) and a reviewer's of the office", async () => {
    const admin = await open(ticketOf(accounts.admin, ['operaton-admin']));
    expect([admin.status, ((await admin.json()) as { errors: Array<{ field: string }> }).errors[0]!.field]).toEqual([404, 'document']);
    expect((await open(ticketOf('lvyuan-hr', ['hr-220106']))).status).toBe(404);
    expect((await open(ticketOf('other-hr', ['hr-220100']))).status).toBe(403);
  });

  it('refuses the tickets of the service and deploy accounts, and a browser reads why in Chinese', async () => {
    for (const account of [accounts.service, accounts.deploy]) expect((await open(ticketOf(account, ['operaton-admin']))).status).toBe(401);
    const page = await open(ticketOf(accounts.service, ['operaton-admin']), 'text/html');
    expect([page.status, await page.text()]).toEqual([401, expect.stringContaining('链接已失效或已过期')]);
  });
});
