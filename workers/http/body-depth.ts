// Every JSON body is bounded in depth before any route reads it: a 20,000-deep body parses, but a
// recursive merge or validation of it would overflow the stack. No field of the product's API nests
// deeper than a few levels; MAX_BODY_DEPTH leaves room and refuses the rest with a 400 that names
// where the body goes too deep.
import type { RequestHandler } from 'express';

/** The deepest nesting of objects and arrays a request body may have. */
export const MAX_BODY_DEPTH = 32;

/**
 * The path (`application.applicant.x.0…`) at which `value` first nests deeper than `max`, or null.
 * Iterative, so that the check itself cannot overflow the stack.
 */
export function tooDeep(value: unknown, max = MAX_BODY_DEPTH): string | null {
  const stack: Array<{ value: unknown; path: string[] }> = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: v, path } = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (path.length >= max) return path.slice(0, 4).join('.') + (path.length > 4 ? '…' : '');
    for (const [key, child] of Object.entries(v)) if (child !== null && typeof child === 'object') stack.push({ value: child, path: [...path, key] });
  }
  return null;
}

/** Answers 400 for a body nested deeper than MAX_BODY_DEPTH, naming where. */
export const limitBodyDepth: RequestHandler = (req, res, next) => {
  const where = tooDeep(req.body);
  if (where === null) return next();
  res.status(400).json({ errors: [{ field: where || '(body)', message: `must not nest objects or arrays deeper than ${MAX_BODY_DEPTH} levels` }] });
};
