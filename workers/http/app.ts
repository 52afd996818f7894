// The HTTP API (SPEC section 9): JSON over HTTP for portals, plus health and metrics.
import { limitBodyDepth } from './body-depth.js';
import express, { type ErrorRequestHandler } from 'express';
import helmet from 'helmet';
import { rateLimit } from 'express-rate-limit';
import { openApiDocument } from './openapi.js';
import type { ApiServices } from './deps.js';
import type { Logger } from '../log.js';
import { identifyClient, refuseAnonymous, requireBearer } from './auth.js';
import { applicationsRouter } from './applications.js';
import { previewRouter, publicRulesRouter } from './rules.js';
import { certificatesRouter } from './certificates.js';
import { applicationDocumentsRouter, signedDocumentsRouter } from './documents.js';
import { committeesRouter } from './committees.js';
import { materialsRouter } from './materials.js';
import type { MaterialService } from '../materials/service.js';
import { officesRouter, type OfficeApiDeps } from './offices.js';
import { REVIEW_PATH, reviewDocumentsRouter } from './review-documents.js';
import { reviewMaterialsRouter } from './review-materials.js';
import { reviewerSignIn, type ReviewDocumentsOptions } from './reviewer-auth.js';
import { requireOfficeToken } from './office-auth.js';
import { OFFICE_ASSETS_PATH, OFFICE_PAGE_PATH, officeAssetsRouter, officeId, officeMember, officePageRouter } from './office-page.js';

export interface ApiDeps extends ApiServices {
  /** Applicants' electronic materials (POST /api/materials); unset, the path answers 404. */
  materials?: { service: MaterialService; maxBytes: number };
  bodyLimit: string;
  /** Requests per minute and client address: portal endpoints, and public ones. */
  rateLimits?: { portal: number; public: number };
  /** Addresses or subnets of reverse proxies whose X-Forwarded-For is believed (express's trust proxy). */
  trustedProxies?: readonly string[];
  version?: string;
  /** Reviewers' stable document links (Tasklist accounts); unset, the engine of `rest` and 20 failed sign-ins. */
  review?: ReviewDocumentsOptions;
  /** The offices' lists, exports, prints and statistics, with their office-scoped tokens. */
  offices?: { api: OfficeApiDeps; tokens: ReadonlyArray<{ office: string; token: string }> };
}

/** Builds the Express app; listening is the caller's business. */
export function createApp(deps: ApiDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // X-Forwarded-For is believed only from the proxies the configuration names (TRUSTED_PROXIES).
  app.set('trust proxy', deps.trustedProxies?.length ? [...deps.trustedProxies] : false);
  app.use(helmet());
  // The raw bytes stay on the request: a payment confirmation's signature is over them.
  app.use(express.json({ limit: deps.bodyLimit, strict: true, verify: (req, _res, buf) => void ((req as { rawBody?: Buffer }).rawBody = buf) }));
  app.use(limitBodyDepth);

  // Engine reachable, registry reachable and the document browser alive (its last known state:
  // DocumentService.health starts it at most once per check period, not per probe). Anyone gets
  // the verdict per part; versions, stores and error messages only with a client's token
  // (/healthz?detail=1 or /healthz/detail).
  const health = async () => {
    const [engine, browser, registry] = await Promise.all([
      deps.rest.version().then(
        ({ version }) => ({ reachable: true, version }),
        () => ({ reachable: false }),
      ),
      deps.documents.health(),
      deps.registry.ping().then((reachable) => ({ reachable, store: deps.registry.store })),
    ]);
    const ok = engine.reachable && browser.alive && registry.reachable;
    return { ok, detail: { status: ok ? 'ok' : 'unavailable', engine, browser, registry } };
  };
  const bearer = requireBearer(deps.clients);
  const detailed: express.RequestHandler = async (_req, res) => {
    const { ok, detail } = await health();
    res.status(ok ? 200 : 503).json(detail);
  };
  app.get('/healthz/detail', bearer, detailed);
  app.get('/healthz', (req, res, next) => (req.query.detail === undefined ? next() : bearer(req, res, () => void detailed(req, res, next))), async (_req, res) => {
    const { ok, detail } = await health();
    res.status(ok ? 200 : 503).json({
      status: detail.status,
      engine: { reachable: detail.engine.reachable },
      browser: { alive: detail.browser.alive },
      registry: { reachable: detail.registry.reachable },
    });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });

  const limits = deps.rateLimits ?? { portal: 60_000, public: 120 };
  // Requests per minute. Anonymous requests are counted per address (the address of the connection,
  // or of X-Forwarded-For from a configured proxy only); a client with a token is counted per client,
  // not per address: one portal serves every applicant from one address.
  const limiter = (limit: number, by: 'address' | 'client' = 'address') =>
    rateLimit({
      windowMs: 60_000,
      limit,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      ...(by === 'client' ? { keyGenerator: (_req: express.Request, res: express.Response) => `client:${String(res.locals.client)}` } : {}),
      // An X-Forwarded-For from an untrusted peer is ignored, not an error.
      validate: { xForwardedForHeader: false },
      handler: (_req, res) => void res.status(429).json({ errors: [{ field: '(client)', message: by === 'client' ? 'too many requests from this client; slow down' : 'too many requests from this address; slow down' }] }),
    });
  /** Identifies the client, limits anonymous requests per address and clients per client, then refuses the anonymous. */
  const portal = (() => {
    const anonymous = limiter(limits.public);
    const perClient = limiter(limits.portal, 'client');
    const skipClients: express.RequestHandler = (req, res, next) => (typeof res.locals.client === 'string' ? next() : anonymous(req, res, next));
    return [identifyClient(deps.clients), skipClients, refuseAnonymous, perClient];
  })();
  const document = openApiDocument(deps.version ?? '0.0.0');
  app.get('/api/openapi.json', (_req, res) => void res.json(document));
  app.use('/api/applications', portal, previewRouter(deps), applicationDocumentsRouter(deps), applicationsRouter(deps));
  app.use('/api/committees', portal, committeesRouter(deps));
  if (deps.materials) app.use('/api/materials', portal, materialsRouter({ materials: deps.materials.service, maxBytes: deps.materials.maxBytes, log: deps.log }));
  // Without office tokens every office request is 401: the paths exist, no one may read them.
  app.use('/api/offices/:office', limiter(limits.portal), requireOfficeToken(deps.offices?.tokens ?? []), ...(deps.offices ? [officesRouter(deps.offices.api)] : []));
  app.use('/documents', limiter(limits.public), signedDocumentsRouter(deps));
  // Reviewers' paths: one sign-in (their Tasklist account) and one limit of failed sign-ins for all.
  const reviewOptions = deps.review ?? { engineUrls: [deps.rest.base], failedLoginLimit: 20 };
  const signIn = reviewerSignIn(deps, reviewOptions);
  app.use(REVIEW_PATH, limiter(limits.portal), signIn, reviewDocumentsRouter(deps), ...(deps.materials ? [reviewMaterialsRouter({ registry: deps.registry, materials: deps.materials.service, log: deps.log })] : []));
  // The office page: the same sign-in and limit of failed sign-ins as the reviewers' paths (without
  // the offices' services the paths exist and only sign in).
  app.use(OFFICE_ASSETS_PATH, limiter(limits.public), officeAssetsRouter());
  app.use(`${OFFICE_PAGE_PATH}/:office`, limiter(limits.portal), officeId, signIn, officeMember(deps.log), ...(deps.offices ? [officePageRouter(deps.offices.api)] : []));
  app.use('/api', limiter(limits.public), publicRulesRouter(deps), certificatesRouter(deps, limiter(limits.portal)));

  app.use((_req, res) => {
    res.status(404).json({ errors: [{ field: '(path)', message: 'no such resource' }] });
  });
  app.use(errorHandler(deps.log));
  return app;
}

/** Malformed or oversized bodies answer 400/413 with a JSON error; nothing else leaks. */
function errorHandler(log: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const status = typeof error?.status === 'number' ? error.status : 500;
    if (error?.type === 'entity.parse.failed') {
      res.status(400).json({ errors: [{ field: '(body)', message: 'the body is not valid JSON' }] });
      return;
    }
    if (error?.type === 'entity.too.large') {
      res.status(413).json({ errors: [{ field: '(body)', message: `the body is larger than the limit` }] });
      return;
    }
    if (status >= 400 && status < 500) {
      res.status(status).json({ errors: [{ field: '(request)', message: String(error.message ?? 'bad request') }] });
      return;
    }
    log.error({ err: error, method: req.method, path: req.path }, 'request failed');
    res.status(500).json({ errors: [{ field: '(server)', message: 'internal error; it has been logged' }] });
  };
}
