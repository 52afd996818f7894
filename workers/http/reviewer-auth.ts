// Reviewers sign in to the API's review paths (/api/review/...) with their Tasklist (engine)
// account over HTTP basic, or with a ticket the engine gave their Tasklist session for one
// application (`?ticket=`, review-tickets.ts: short-lived, signed, no password); the engine checks the password (POST /identity/verify, as that user) and
// names the user's groups. Failed sign-ins are limited per address and per account, in a window,
// never with a lock; the engine's own accounts are refused before any password check. Only a member
// of an office group that reviews or reviewed an application (the registry records each step's
// office), or an administrator, may open what belongs to it; anyone else gets the same 403 whether
// the application exists or not.
import { Router, type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { CamundaRest, EngineRequestError } from '../adapters/camunda7/rest-client.js';
import { APPLICATION_ID_PATTERN } from '../domain/codes.js';
import type { Logger } from '../log.js';
import type { Registry } from '../registry/registry.js';
import { engineDown } from './errors.js';
import { verifyReviewTicket } from './review-tickets.js';
import { refusalPage, wantsPage } from './refusal-page.js';

/** The engines' administrators' groups: they may open every application's documents. */
export const ADMIN_GROUPS: readonly string[] = ['operaton-admin', 'camunda-admin'];

const REALM = 'Basic realm="title-review reviewers (Tasklist account)", charset="UTF-8"';

export interface ReviewDocumentsOptions {
  /** The engine's REST URLs (ENGINE_URL, ENGINE_URLS): where reviewers' accounts are checked. */
  engineUrls: readonly string[];
  /** Failed sign-ins (401, 403) per client address, and per account, in `windowMs` before 429. */
  failedLoginLimit: number;
  windowMs?: number;
  /**
   * The engine's own accounts (the service, deploy and administrator accounts): refused here before
   * the engine checks any password, so that nobody outside can guess at them or slow them down.
   * Administrators open documents with their personal accounts (members of ADMIN_GROUPS).
   */
  reservedAccounts?: readonly string[];
  /**
   * The engine's accounts whose tickets are refused too: those that never sign in to Tasklist (the
   * service and deploy accounts). The administrator's ticket is taken: the engine signed its
   * Tasklist session in, and the API never sees a password. None given: every reserved account.
   */
  ticketRefusedAccounts?: readonly string[];
  /**
   * The key of the engine's review tickets (REVIEW_TICKET_KEY): `?ticket=` signs the Tasklist user
   * in for one application instead of a password. None: tickets are refused.
   */
  ticketKey?: string;
  /** The clock tickets expire by. */
  now?: () => Date;
}

/** The user name and password of an HTTP basic Authorization header, or null. */
export function basicCredentials(header: string | undefined): { username: string; password: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const at = decoded.indexOf(':');
  if (at <= 0) return null;
  return { username: decoded.slice(0, at), password: decoded.slice(at + 1) };
}

/**
 * The groups of the engine user whose password this is, or null when the engine refuses the
 * sign-in. Asked as that user: the engine's own authentication checks the password (and applies its
 * delay after failed attempts), and a user may read their own profile and groups.
 */
async function reviewerGroups(engineUrls: readonly string[], username: string, password: string): Promise<string[] | null> {
  const rest = new CamundaRest(engineUrls, { username, password }, 10_000);
  try {
    const verified = await rest.request<{ authenticatedUser?: string; authenticated?: boolean }>('POST', '/identity/verify', { username, password });
    if (verified?.authenticated !== true || verified.authenticatedUser !== username) return null;
    const info = await rest.request<{ groups?: { id: string }[] }>('GET', `/identity/groups?userId=${encodeURIComponent(username)}`);
    return (info?.groups ?? []).map((g) => g.id);
  } catch (error) {
    if (error instanceof EngineRequestError && (error.status === 401 || error.status === 403)) return null;
    throw error;
  }
}

/** 401 with the sign-in challenge: JSON for programs, a Chinese page for a person who cancelled the browser's sign-in. */
function unauthorized(req: Request, res: Response, message: string, zh: string): void {
  res.set('WWW-Authenticate', REALM);
  if (wantsPage(req)) return refusalPage(res, 401, '需要登录', zh);
  res.status(401).json({ errors: [{ field: 'Authorization', message }] });
}

/** The signed-in reviewer of a request (set by reviewerSignIn). */
export interface Reviewer {
  user: string;
  groups: string[];
  admin: boolean;
  /** Signed in by a ticket: the one application it opens. */
  ticketFor?: string;
}

export const reviewerOf = (res: Response): Reviewer => {
  const reviewer = res.locals.reviewer as Reviewer | undefined;
  if (!reviewer) throw new Error('no signed-in reviewer on this request');
  return reviewer;
};

/** Signs the reviewer in (res.locals.reviewer), or answers 401 or 429. One limit for every review path. */
export function reviewerSignIn(deps: { log: Logger }, options: ReviewDocumentsOptions): Router {
  const router = Router();
  // Successful answers do not count: only refused sign-ins and refused reviewers use up the limit,
  // per address and, whatever the address, per account (guesses spread over many addresses slow
  // down too). A window, never a lock: the account signs in again once it has passed.
  const failedSignIns = (what: string, keyGenerator?: (req: Request) => string, skip?: (req: Request) => boolean) =>
    rateLimit({
      ...(skip ? { skip } : {}),
      windowMs: options.windowMs ?? 15 * 60_000,
      limit: options.failedLoginLimit,
      skipSuccessfulRequests: true,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      ...(keyGenerator ? { keyGenerator } : {}),
      handler: (_req, res) => void res.status(429).json({ errors: [{ field: 'Authorization', message: `too many failed sign-ins ${what}; try again later` }] }),
    });
  router.use(failedSignIns('from this address'));
  // A ticket names no account before it is verified: only its address's limit applies.
  router.use(failedSignIns('for this account', (req) => `account:${basicCredentials(req.headers.authorization)?.username ?? '(none)'}`, (req) => req.query.ticket !== undefined));
  const reserved = new Set(options.reservedAccounts ?? []);
  const noTickets = new Set(options.ticketRefusedAccounts ?? options.reservedAccounts ?? []);
  router.use(async (req, res, next) => {
    try {
      const ticket = req.query.ticket;
      if (ticket !== undefined) {
        const signed = typeof ticket === 'string' && options.ticketKey ? verifyReviewTicket(options.ticketKey, ticket, options.now?.() ?? new Date()) : null;
        if (!signed || noTickets.has(signed.user)) {
          deps.log.warn({ user: signed?.user }, 'review path: a ticket was refused');
          return unauthorized(req, res, 'the ticket is not valid or has expired: open the link from Tasklist again', '链接已失效或已过期：请在 Tasklist 中重新打开。');
        }
        res.locals.reviewer = { user: signed.user, groups: signed.groups, admin: signed.groups.some((g) => ADMIN_GROUPS.includes(g)), ticketFor: signed.applicationId } satisfies Reviewer;
        return next();
      }
      const credentials = basicCredentials(req.headers.authorization);
      if (!credentials) return unauthorized(req, res, 'sign in with your Tasklist account (HTTP basic authentication)', '请使用本单位的 Tasklist 账号（用户名和密码）登录后再打开本页。');
      if (reserved.has(credentials.username)) {
        deps.log.warn({ user: credentials.username }, 'review path: an engine account was refused before any password check');
        return unauthorized(req, res, 'the Tasklist user name or password is not valid', 'Tasklist 用户名或密码不正确：请刷新本页后重新登录。');
      }
      const groups = await reviewerGroups(options.engineUrls, credentials.username, credentials.password);
      if (!groups) {
        deps.log.warn({ user: credentials.username }, 'review path: sign-in refused');
        return unauthorized(req, res, 'the Tasklist user name or password is not valid', 'Tasklist 用户名或密码不正确：请刷新本页后重新登录。');
      }
      res.locals.reviewer = { user: credentials.username, groups, admin: groups.some((g) => ADMIN_GROUPS.includes(g)) } satisfies Reviewer;
      next();
    } catch (error) {
      engineDown(res, error);
    }
  });
  return router;
}

/** Whether the reviewer's office reviews or reviewed the application; answers 403 when not. */
export async function mayReview(registry: Pick<Registry, 'reviewOffices'>, log: Logger, res: Response, applicationId: string, what: string): Promise<boolean> {
  const reviewer = reviewerOf(res);
  if (reviewer.ticketFor !== undefined && reviewer.ticketFor !== applicationId) {
    log.warn({ user: reviewer.user, applicationId, ticketFor: reviewer.ticketFor }, 'review path: a ticket for another application');
    res.status(403).json({ errors: [{ field: 'ticket', message: `this ticket opens the ${what} of application ${reviewer.ticketFor} only` }] });
    return false;
  }
  const offices = APPLICATION_ID_PATTERN.test(applicationId) ? await registry.reviewOffices(applicationId) : [];
  if (reviewer.admin || offices.some((office) => reviewer.groups.includes(office))) return true;
  log.warn({ user: reviewer.user, applicationId }, 'review path: not a reviewer of this application');
  res.status(403).json({ errors: [{ field: 'applicationId', message: `only the offices that review or reviewed this application may open its ${what}` }] });
  return false;
}
