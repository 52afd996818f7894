// Office-scoped bearer tokens (OFFICE_TOKENS): a token belongs to one office (its engine group)
// and reads that office's lists only. Compared in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** 401 without a known office token, 403 when the token is another office's than `:office`. */
export function requireOfficeToken(tokens: ReadonlyArray<{ office: string; token: string }>): RequestHandler {
  const known = tokens.map((t) => ({ office: t.office, digest: digest(t.token) }));
  return (req, res, next) => {
    const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    const presented = match ? digest(match[1]!) : null;
    const found = presented ? known.find((k) => timingSafeEqual(k.digest, presented)) : undefined;
    if (!found) {
      res
        .status(401)
        .set('WWW-Authenticate', 'Bearer realm="title-review-offices"')
        .json({ errors: [{ field: 'Authorization', message: match ? 'unknown office token' : 'an office bearer token is required' }] });
      return;
    }
    if (found.office !== req.params.office) {
      res.status(403).json({ errors: [{ field: 'office', message: `this token reads the lists of ${found.office} only` }] });
      return;
    }
    next();
  };
}
