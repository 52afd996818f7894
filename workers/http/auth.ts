// Bearer tokens of the API's clients (config's API_CLIENTS, parsed from API_TOKENS), compared in
// constant time. The client's name is what the registry records as the submitter of an application (`applications.caller`), so a
// client sees and acts only on its own applications, whichever of its tokens it uses.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import type { ApiClient } from '../config.js';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** The client a request authenticated as (set by requireBearer). */
export function clientOf(res: Response): string {
  const client = res.locals.client as unknown;
  if (typeof client !== 'string') throw new Error('no authenticated client on this request');
  return client;
}

/** Names the client of a request that presents one of the clients' tokens (res.locals.client); never answers. */
export function identifyClient(clients: readonly ApiClient[]): RequestHandler {
  const known = clients.map((c) => ({ name: c.name, digest: digest(c.token) }));
  return (req, res, next) => {
    const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    const presented = match ? digest(match[1]!) : null;
    // Every token is compared, so the time does not tell which one nearly matched.
    let client: string | null = null;
    for (const k of known) if (presented && timingSafeEqual(k.digest, presented) && client === null) client = k.name;
    if (client !== null) res.locals.client = client;
    next();
  };
}

/** Answers 401 to a request identifyClient named no client for. */
export const refuseAnonymous: RequestHandler = (req, res, next) => {
  if (typeof res.locals.client === 'string') return next();
  const bearer = /^Bearer\s+\S+$/i.test(req.get('authorization') ?? '');
  res
    .status(401)
    .set('WWW-Authenticate', 'Bearer realm="title-review"')
    .json({ errors: [{ field: 'Authorization', message: bearer ? 'unknown bearer token' : 'a bearer token is required' }] });
};

/** Rejects requests without one of the clients' tokens as `Authorization: Bearer <token>`; names the client in res.locals.client. */
export function requireBearer(clients: readonly ApiClient[]): RequestHandler {
  const identify = identifyClient(clients);
  return (req, res, next) => identify(req, res, () => refuseAnonymous(req, res, next));
}
