// The office page (/offices/{office}/): office heads read their office's applications, statistics
// and charts, download the 上报汇总 workbook and batch-print the 一览表 or 公示表 in a browser. They
// sign in with their Tasklist account, as reviewers do (reviewer-auth.ts: HTTP basic checked by the
// engine, one limit of failed sign-ins); a member of the office's group, or an administrator, may
// open it. The page is static HTML and one script; its data comes from same-origin JSON under
// /offices/{office}/api/, answered by the offices' services (the same queries as /api/offices/…).
import { createRequire } from 'node:module';
import path from 'node:path';
import { Router, type RequestHandler, type Response } from 'express';
import { ROOT } from '../config.js';
import type { Logger } from '../log.js';
import { filterOptions, officeNames, officeRowView, statisticsView } from '../offices/office-view.js';
import { officeFilterSchema, pageSchema } from '../offices/queries.js';
import { officesRouter, parsed, type OfficeApiDeps } from './offices.js';
import { reviewerOf } from './reviewer-auth.js';
import { OFFICE_ASSETS_PATH, OFFICE_PAGE_CSP, refusalPage } from './refusal-page.js';
import { committeeOfOffice, MeetingExistsError, MeetingRefusedError } from '../applications/meetings.js';
import type { Meeting } from '../registry/registry.js';
import { meetingLabel } from '../topics/offer-meetings.js';
import { dateOf } from '../domain/time.js';
import { formatInstantZh } from '../domain/dates-zh.js';

/** A meeting as the page shows it: its label, and when and by whom it was recorded (+08:00). */
const meetingView = (m: Meeting) => ({ id: m.id, date: m.date, label: meetingLabel(m), members: m.members, present: m.present, votes: m.votes, recordedBy: m.recordedBy, recordedAt: formatInstantZh(m.recordedAt) });

export const OFFICE_PAGE_PATH = '/offices';
export { OFFICE_ASSETS_PATH, OFFICE_PAGE_CSP };

/** An office's page (PUBLIC_BASE_URL + /offices/{office}/). */
export function officePageLink(baseUrl: string, office: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${OFFICE_PAGE_PATH}/${encodeURIComponent(office)}/`;
}

const PAGE_DIR = path.join(ROOT, 'web', 'office');
/** Chart.js as its package ships it (the UMD build), served by the product: no CDN. */
const CHART_JS = path.join(path.dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js');
const ASSETS: Record<string, string> = {
  'office.js': path.join(PAGE_DIR, 'office.js'),
  'office.css': path.join(PAGE_DIR, 'office.css'),
  'chart.umd.min.js': CHART_JS,
};

const strict: RequestHandler = (_req, res, next) => {
  res.set('Content-Security-Policy', OFFICE_PAGE_CSP);
  next();
};

/** An engine group id as the office API names offices (hr-220106, committee-jl-arts, unit-…). */
const OFFICE_ID = /^[a-z0-9][a-z0-9-]{1,99}$/i;

/** The page's script, stylesheet and charting library: they hold no data, so no sign-in. */
export function officeAssetsRouter(): Router {
  const router = Router();
  router.get('/:file', strict, (req, res, next) => {
    const name = String(req.params.file);
    const file = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
    if (!file) return next();
    res.set('Cache-Control', 'public, max-age=300');
    res.sendFile(file);
  });
  return router;
}

/** 404 for what cannot be an office id, before anyone is asked to sign in. */
export const officeId: RequestHandler = (req, res, next) => {
  if (OFFICE_ID.test(String(req.params.office))) return next();
  res.status(404).json({ errors: [{ field: 'office', message: 'not an office id (an engine group such as hr-220106)' }] });
};

/** After the sign-in: the office's members and administrators pass; anyone else gets 403 (a Chinese page, or JSON from the page's API). */
export function officeMember(log: Logger): RequestHandler {
  return (req, res, next) => {
    const office = String(req.params.office);
    const reviewer = reviewerOf(res);
    res.set('Cache-Control', 'private, no-store');
    if (reviewer.admin || reviewer.groups.includes(office)) return next();
    log.warn({ user: reviewer.user, office }, 'office page: not a member of this office');
    if (req.path.startsWith('/api/')) {
      return void res.status(403).json({ errors: [{ field: 'office', message: `only members of ${office} and administrators may read its lists` }] });
    }
    refusalPage(res, 403, '无权访问', `用户 ${reviewer.user} 不属于 ${office}，不能查看该单位的申报列表和统计。请使用本单位的 Tasklist 账号登录。`);
  };
}

/**
 * Changes (a batch print) come from the page itself: a browser sends the sign-in with any request
 * to this origin, so a request another site makes it send is refused.
 */
const sameOrigin: RequestHandler = (req, res, next) => {
  if (req.method === 'GET' || req.method === 'HEAD') return next();
  const site = req.get('sec-fetch-site');
  const origin = req.get('origin');
  let crossOrigin = site !== undefined && site !== 'same-origin';
  if (origin !== undefined) {
    try {
      crossOrigin ||= new URL(origin).host !== req.get('host');
    } catch {
      crossOrigin = true;
    }
  }
  if (!crossOrigin) return next();
  res.status(403).json({ errors: [{ field: 'Origin', message: 'changes are accepted from the office page itself only' }] });
};

/** The page and its JSON (mounted at /offices/:office behind the sign-in and officeMember). */
export function officePageRouter(deps: OfficeApiDeps): Router {
  const router = Router({ mergeParams: true });
  const office = (params: unknown) => (params as { office: string }).office;
  /** The committee the page's office is, with the service that keeps its meetings; or a 404 naming the office. */
  const committeeOf = (params: unknown, res: Response) => {
    const committee = committeeOfOffice(deps.policies, office(params));
    if (committee && deps.meetings) return { committee, meetings: deps.meetings };
    res.status(404).json({ errors: [{ field: 'office', message: `${office(params)} is not a review committee (committee-<id> of the policies): only committees record meetings` }] });
    return null;
  };
  const names = (() => {
    let cached: ReturnType<typeof officeNames> | null = null;
    return () => (cached ??= officeNames(deps.policies.active()));
  })();

  router.get('/', strict, (req, res) => {
    // Relative links (api/…) resolve under the office only with the trailing slash.
    if (!req.originalUrl.split('?')[0]!.endsWith('/')) return res.redirect(301, `${OFFICE_PAGE_PATH}/${encodeURIComponent(office(req.params))}/`);
    res.sendFile(path.join(PAGE_DIR, 'index.html'));
  });

  const api = Router({ mergeParams: true });
  api.use(sameOrigin);
  api.get('/office', (req, res) => {
    const id = office(req.params);
    const reviewer = reviewerOf(res);
    const committee = committeeOfOffice(deps.policies, id);
    res.json({ office: id, officeName: names().officeName(id), user: reviewer.user, admin: reviewer.admin, committee: committee ? { id: committee.id, name: committee.name, members: committee.members } : null, ...filterOptions(deps.policies.active()) });
  });
  // A committee's meetings (评审会议): recorded once here, chosen in each applicant's vote task.
  api.get('/meetings', async (req, res) => {
    const found = committeeOf(req.params, res);
    if (!found) return;
    const { committee, meetings } = found;
    const { quorum } = deps.policies.active().votes;
    res.json({ committee: { id: committee.id, name: committee.name, members: committee.members }, quorum, today: dateOf(deps.clock()), meetings: (await meetings.list(committee.id)).map(meetingView) });
  });
  api.post('/meetings', async (req, res) => {
    const found = committeeOf(req.params, res);
    if (!found) return;
    try {
      const meeting = await found.meetings.record(found.committee, req.body, reviewerOf(res).user);
      res.status(201).json(meetingView(meeting));
    } catch (error) {
      if (error instanceof MeetingRefusedError) return void res.status(422).json({ errors: error.reasons.map((r) => ({ field: r.field, rule: r.rule, message: r.message })) });
      if (error instanceof MeetingExistsError) return void res.status(409).json({ errors: [{ field: 'date', message: error.message }], meeting: meetingView(error.meeting) });
      throw error;
    }
  });
  // The office's list and statistics with labels; the rest (the workbook, batch prints) is the
  // office API's own routes, mounted below.
  api.get('/applications', async (req, res) => {
    const filter = parsed(officeFilterSchema.extend(pageSchema.shape), req.query, res);
    if (!filter) return;
    const { page, pageSize, ...f } = filter;
    const id = office(req.params);
    const { total, items } = await deps.queries.list(id, f, { page, pageSize });
    const now = deps.clock();
    res.json({ office: id, officeName: names().officeName(id), scope: f.scope, page, pageSize, total, pages: Math.max(1, Math.ceil(total / pageSize)), items: items.map((a) => officeRowView(a, names(), now)) });
  });
  api.get('/statistics', async (req, res) => {
    const id = office(req.params);
    const stats = await deps.queries.statistics(id);
    res.json({ ...statisticsView(stats, names()), officeName: names().officeName(id), at: deps.clock().toISOString() });
  });
  api.use(officesRouter(deps));
  router.use('/api', api);
  return router;
}
