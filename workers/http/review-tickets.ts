// Tickets from the engine that open an application's documents and materials for the user signed
// in to Tasklist (engine/src/engine-api/java/.../ReviewTickets.java issues them): base64url JSON
// {u: user, g: groups, a: application, p: purpose, exp: seconds} and its HMAC-SHA256 under the key
// both share (REVIEW_TICKET_KEY). Verified here before the office rule applies as to a password.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** The one purpose of a ticket: opening an application's review documents and materials. */
export const REVIEW_TICKET_PURPOSE = 'review-open';

/** What a valid ticket says: who, with which groups when it was issued, for which application. */
export interface ReviewTicket {
  user: string;
  groups: string[];
  applicationId: string;
  expiresAt: Date;
}

const claimsSchema = z.object({ u: z.string().min(1), g: z.array(z.string()), a: z.string().min(1), p: z.literal(REVIEW_TICKET_PURPOSE), exp: z.number().int() });

const signature = (key: string, payload: string) => createHmac('sha256', key).update(`title-review-ticket.${payload}`).digest();

/** Signs claims as the engine does (for tests and tools). */
export function signReviewTicket(key: string, claims: { u: string; g: string[]; a: string; p?: string; exp: number }): string {
  const payload = Buffer.from(JSON.stringify({ p: REVIEW_TICKET_PURPOSE, ...claims })).toString('base64url');
  return `${payload}.${signature(key, payload).toString('base64url')}`;
}

/** The ticket's statement when its signature is the key's, its purpose is ours and it has not expired; null otherwise. */
export function verifyReviewTicket(key: string, ticket: string, now: Date): ReviewTicket | null {
  const match = /^([A-Za-z0-9_-]{1,4096})\.([A-Za-z0-9_-]{43})$/.exec(ticket);
  if (!match || key === '') return null;
  const expected = signature(key, match[1]!);
  const given = Buffer.from(match[2]!, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let claims: z.infer<typeof claimsSchema>;
  try {
    const parsed = claimsSchema.safeParse(JSON.parse(Buffer.from(match[1]!, 'base64url').toString('utf8')));
    if (!parsed.success) return null;
    claims = parsed.data;
  } catch {
    return null;
  }
  if (claims.exp * 1000 <= now.getTime()) return null;
  return { user: claims.u, groups: claims.g, applicationId: claims.a, expiresAt: new Date(claims.exp * 1000) };
}
