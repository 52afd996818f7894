// /api/offices/{office}/…: an office's lists, Excel export, batch prints and statistics, read from
// the registry. Mounted behind requireOfficeToken, so `:office` is the token's own office.
import { Router, type Response } from 'express';
import { z } from 'zod';
import { formatInstantZh } from '../domain/dates-zh.js';
import type { Logger } from '../log.js';
import type { PolicyProvider } from '../policy/provider.js';
import { officeNames } from '../offices/office-view.js';
import { writeOfficeWorkbook } from '../offices/export-xlsx.js';
import { LEVEL_LABELS, STATE_LABELS } from '../offices/labels.js';
import { MAX_PRINT_DOCUMENTS, PRINTABLE, SelectionTooLargeError, type PrintJob, type PrintJobs } from '../offices/print-jobs.js';
import { officeFilterSchema, pageSchema, type OfficeFilter, type OfficeQueries } from '../offices/queries.js';
import { DOCUMENT_SHORT_TITLES } from '../documents/download-names.js';
import { sendPdf } from './documents.js';
import type { DocumentService } from '../documents/service.js';
import type { MeetingService } from '../applications/meetings.js';

export interface OfficeApiDeps {
  queries: OfficeQueries;
  printJobs: PrintJobs;
  policies: PolicyProvider;
  documents: DocumentService;
  clock: () => Date;
  log: Logger;
  /** A committee's meetings (the office page records them); none: the page has no meetings. */
  meetings?: MeetingService;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const printRequestSchema = officeFilterSchema.extend({
  document: z.enum(PRINTABLE, { error: `must be one of ${PRINTABLE.join(', ')}` }),
});

/** 400 naming each bad field, or the parsed value. */
export function parsed<T extends z.ZodType>(schema: T, value: unknown, res: Response): z.output<T> | null {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  res.status(400).json({ errors: result.error.issues.map((i) => ({ field: i.path.join('.') || '(query)', message: i.message })) });
  return null;
}

const filterText = (f: OfficeFilter): string =>
  `筛选：${[
    f.scope === 'waiting' ? '待本单位办理' : '本单位经办',
    f.state && `状态 ${STATE_LABELS[f.state] ?? f.state}`,
    f.level && `级别 ${LEVEL_LABELS[f.level]}`,
    f.category && `类别 ${f.category}`,
    f.series && `系列 ${f.series}`,
    f.division && `区划 ${f.division}`,
    f.dueBefore && `截止早于 ${formatInstantZh(f.dueBefore)}`,
    f.overdue !== undefined && (f.overdue ? '已超期' : '未超期'),
    f.q && `申报人或单位含“${f.q}”`,
  ]
    .filter(Boolean)
    .join('，')}`;

/** A print job's answer; its links under the path it was asked on (the office API's, or the office page's). */
const jobBody = (job: PrintJob, base: string) => ({
  id: job.id,
  document: job.document,
  state: job.state,
  progress: job.progress,
  skipped: job.skipped,
  pages: job.pages,
  error: job.error,
  createdAt: job.createdAt.toISOString(),
  finishedAt: job.finishedAt?.toISOString() ?? null,
  links: {
    self: `${base}/print-jobs/${job.id}`,
    ...(job.state === 'done' && job.sha256 ? { pdf: `${base}/print-jobs/${job.id}/pdf` } : {}),
  },
});

export function officesRouter(deps: OfficeApiDeps): Router {
  const router = Router({ mergeParams: true });
  const office = (params: unknown) => (params as { office: string }).office;
  const names = (() => {
    let cached: ReturnType<typeof officeNames> | null = null;
    return () => (cached ??= officeNames(deps.policies.active()));
  })();
  const officeName = (id: string) => names().officeName(id);

  router.get('/applications', async (req, res) => {
    const filter = parsed(officeFilterSchema.extend(pageSchema.shape), req.query, res);
    if (!filter) return;
    const { page, pageSize, ...f } = filter;
    const { total, items } = await deps.queries.list(office(req.params), f, { page, pageSize });
    res.json({ office: office(req.params), officeName: officeName(office(req.params)), scope: f.scope, page, pageSize, total, items });
  });

  router.get('/applications/export.xlsx', async (req, res) => {
    const f = parsed(officeFilterSchema, req.query, res);
    if (!f) return;
    const id = office(req.params);
    const now = deps.clock();
    const file = `上报汇总-${id}-${now.toISOString().slice(0, 10)}.xlsx`;
    res.status(200).type(XLSX).set('Content-Disposition', `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(file)}`);
    try {
      await writeOfficeWorkbook(
        res,
        {
          title: '吉林省专业技术资格评审上报汇总表',
          office: id,
          officeName: officeName(id),
          generatedAt: now,
          filters: filterText(f),
          categoryName: names().categoryName,
          divisionName: names().divisionName,
        },
        deps.queries.each(id, f),
      );
    } catch (error) {
      // The status line is gone: cut the response so the client sees an incomplete file, not a good one.
      deps.log.error({ err: error, office: id }, 'export failed');
      res.destroy(error as Error);
    }
  });

  router.post('/print-jobs', async (req, res) => {
    const body = parsed(printRequestSchema, req.body, res);
    if (!body) return;
    const { document, ...f } = body;
    const id = office(req.params);
    const running = deps.printJobs.running(id);
    if (running) {
      return void res.status(409).json({ errors: [{ field: '(office)', message: `print job ${running.id} of this office is still running; one at a time` }], job: jobBody(running, req.baseUrl) });
    }
    try {
      const job = await deps.printJobs.start(id, document, f);
      res.status(202).location(`${req.baseUrl}/print-jobs/${job.id}`).json(jobBody(job, req.baseUrl));
    } catch (error) {
      if (!(error instanceof SelectionTooLargeError)) throw error;
      res.status(422).json({ errors: [{ field: '(filters)', message: `${error.message} (at most ${MAX_PRINT_DOCUMENTS} documents a job)` }] });
    }
  });

  router.get('/print-jobs/:id', (req, res) => {
    const job = deps.printJobs.get(office(req.params), req.params.id);
    if (!job) return void res.status(404).json({ errors: [{ field: 'id', message: 'no such print job of this office (finished jobs are kept for an hour)' }] });
    res.json(jobBody(job, req.baseUrl));
  });

  router.get('/print-jobs/:id/pdf', async (req, res) => {
    const job = deps.printJobs.get(office(req.params), req.params.id);
    if (!job) return void res.status(404).json({ errors: [{ field: 'id', message: 'no such print job of this office (finished jobs are kept for an hour)' }] });
    if (job.state === 'done' && !job.sha256) return void res.status(404).json({ errors: [{ field: 'id', message: 'the selection had no document to print (see skipped)' }] });
    if (job.state !== 'done' || !job.sha256) {
      return void res.status(409).json({ errors: [{ field: 'id', message: job.state === 'failed' ? `the print job failed: ${job.error}` : `the print job is still running (${job.progress.done} of ${job.progress.total})` }] });
    }
    // Many applicants' documents in one print: named by the document, the office and the job.
    const title = (DOCUMENT_SHORT_TITLES as Record<string, string>)[job.document] ?? job.document;
    await sendPdf(deps, res, job.sha256, { fileName: `${title}-${office(req.params)}-${job.id}.pdf`, ascii: `${job.document}-${office(req.params)}-${job.id}.pdf` });
  });

  router.get('/statistics', async (req, res) => {
    const id = office(req.params);
    const stats = await deps.queries.statistics(id);
    res.json({ ...stats, officeName: officeName(id), at: deps.clock().toISOString() });
  });

  return router;
}
