// Bearer tokens of the API's clients, compared in constant time. API_TOKENS holds `name:token`
// pairs, one per client (a portal); a bare token is the client named `portal`. The client's name
// is what the registry records as the submitter of an application (`applications.caller`), so a
// client sees and acts only on its own applications, whichever of its tokens it uses.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler, Response } from 'express';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** A client of the API and one of its tokens. */
export interface ApiClient {
  name: string;
  token: string;
}

/** The client name of a bare token in API_TOKENS. */
export const DEFAULT_CLIENT = 'portal';
const CLIENT_NAME = /^[A-Za-z0-9][\w.-]{0,63}$/;

/** Parses API_TOKENS entries (`name:token` or a bare token); throws naming the entry's position and the rule. */
export function parseClients(entries: readonly string[]): ApiClient[] {
  return entries.map((entry, i) => {
    const colon = entry.indexOf(':');
    const [name, token] = colon < 0 ? [DEFAULT_CLIENT, entry] : [entry.slice(0, colon), entry.slice(colon + 1)];
    if (!CLIENT_NAME.test(name)) throw new Error(`API_TOKENS[${i}]: the client name must be letters, digits, '.', '_' or '-' (at most 64), before the ':'`);
    if (token.length < 8) throw new Error(`API_TOKENS[${i}]: the token of client "${name}" must be at least 8 characters`);
    return { name, token };
  });
}

/** The client a request authenticated as (set by requireBearer). */
export function clientOf(res: Response): string {
  const client = res.locals.client as unknown;
  if (typeof client !== 'string') throw new Error('no authenticated client on this request');
  return client;
}

/** Names the client of a request that presents one of the clients' tokens (res.locals.client); never answers. */
export function identifyClient(tokens: readonly string[]): RequestHandler {
  const known = parseClients(tokens).map((c) => ({ name: c.name, digest: digest(c.token) }));
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
export function requireBearer(tokens: readonly string[]): RequestHandler {
  const identify = identifyClient(tokens);
  return (req, res, next) => identify(req, res, () => refuseAnonymous(req, res, next));
}
