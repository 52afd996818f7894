// Bearer tokens of the portals, compared in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Rejects requests without one of `tokens` as `Authorization: Bearer <token>`. */
export function requireBearer(tokens: readonly string[]): RequestHandler {
  const known = tokens.map(digest);
  return (req, res, next) => {
    const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    const presented = match ? digest(match[1]!) : null;
    if (presented && known.some((k) => timingSafeEqual(k, presented))) return next();
    res
      .status(401)
      .set('WWW-Authenticate', 'Bearer realm="title-review"')
      .json({ errors: [{ field: 'Authorization', message: match ? 'unknown bearer token' : 'a bearer token is required' }] });
  };
}
