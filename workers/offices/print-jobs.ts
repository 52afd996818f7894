// Batch printing for offices: one PDF of the 一览表 (review-summary) or 公示表 (publicity-form) of
// every application of a selection. A selection of hundreds takes a while, so a print is a job:
// it is accepted at once (202), reports its progress {done, total}, and its PDF is kept in the
// document store when it is finished. The 一览表 are rendered through the document service (the
// renderer prints documents requested together as one batch; one already made is taken from the
// store by its render key); the 公示表 are printed as the committee issued them (they carry the
// vote and the publicity period, fixed when the publicity started), so an application without one
// yet is listed as skipped.
import { randomUUID } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import type { Application } from '../domain/application.js';
import { documentData } from '../documents/data.js';
import type { DocumentService } from '../documents/service.js';
import type { Logger } from '../log.js';
import type { PolicyProvider } from '../policy/provider.js';
import type { OfficeFilter, OfficeQueries } from './queries.js';

export const PRINTABLE = ['review-summary', 'publicity-form'] as const;
export type Printable = (typeof PRINTABLE)[number];

/** Most documents in one print job: beyond it the office narrows its filters. */
export const MAX_PRINT_DOCUMENTS = 5000;
/** Documents handed to the renderer at once (it prints them in batches of its own). */
const RENDER_CHUNK = 100;
/** How long a finished job is kept. */
const KEEP_MS = 3600_000;

export interface PrintJob {
  id: string;
  office: string;
  document: Printable;
  state: 'running' | 'done' | 'failed';
  progress: { done: number; total: number };
  /** Applications of the selection without the document. */
  skipped: Array<{ id: string; reason: string }>;
  createdAt: Date;
  finishedAt: Date | null;
  sha256: string | null;
  pages: number | null;
  error: string | null;
}

export class SelectionTooLargeError extends Error {
  override readonly name = 'SelectionTooLargeError';
}

export interface PrintDeps {
  queries: OfficeQueries;
  documents: DocumentService;
  policies: PolicyProvider;
  clock: () => Date;
  log: Logger;
}

export class PrintJobs {
  private readonly jobs = new Map<string, PrintJob>();

  constructor(private readonly deps: PrintDeps) {}

  /** The job, if it is this office's. */
  get(office: string, id: string): PrintJob | null {
    this.expire();
    const job = this.jobs.get(id);
    return job && job.office === office ? job : null;
  }

  /** The office's job still running, if any (one at a time per office). */
  running(office: string): PrintJob | null {
    for (const job of this.jobs.values()) if (job.office === office && job.state === 'running') return job;
    return null;
  }

  /** Selects the applications and starts printing; resolves once the selection is known. */
  async start(office: string, document: Printable, filter: OfficeFilter): Promise<PrintJob> {
    const ids: string[] = [];
    for await (const chunk of this.deps.queries.each(office, filter)) {
      ids.push(...chunk.map((a) => a.id));
      if (ids.length > MAX_PRINT_DOCUMENTS) throw new SelectionTooLargeError(`the selection holds more than ${MAX_PRINT_DOCUMENTS} applications; narrow the filters`);
    }
    const job: PrintJob = { id: randomUUID(), office, document, state: 'running', progress: { done: 0, total: ids.length }, skipped: [], createdAt: this.deps.clock(), finishedAt: null, sha256: null, pages: null, error: null };
    this.jobs.set(job.id, job);
    void this.run(job, ids).then(
      () => undefined,
      (error: unknown) => {
        job.state = 'failed';
        job.error = error instanceof Error ? error.message : String(error);
        job.finishedAt = this.deps.clock();
        this.deps.log.error({ err: error, office, job: job.id }, 'print job failed');
      },
    );
    return job;
  }

  private async run(job: PrintJob, ids: string[]): Promise<void> {
    const shas: Array<string | null> = new Array(ids.length).fill(null);
    for (let i = 0; i < ids.length; i += RENDER_CHUNK) {
      const slice = ids.slice(i, i + RENDER_CHUNK);
      const found = job.document === 'review-summary' ? await this.renderSummaries(job, slice) : await this.storedForms(job, slice);
      slice.forEach((id, k) => (shas[i + k] = found.get(id) ?? null));
    }
    const merged = await PDFDocument.create();
    merged.setTitle(`${job.document === 'review-summary' ? '吉林省专业技术资格评审一览表' : '吉林省专业技术资格评审公示表'} · ${job.office}`);
    for (const sha of shas) {
      if (!sha) continue;
      const bytes = await this.deps.documents.store.get(sha);
      if (!bytes) throw new Error(`document ${sha} is recorded but missing from the store`);
      const source = await PDFDocument.load(bytes);
      for (const page of await merged.copyPages(source, source.getPageIndices())) merged.addPage(page);
    }
    job.pages = merged.getPageCount();
    // Nothing to print (every document skipped): no PDF, rather than a blank page.
    if (job.pages > 0) job.sha256 = (await this.deps.documents.store.put(await merged.save({ addDefaultPage: false }))).sha256;
    job.state = 'done';
    job.finishedAt = this.deps.clock();
  }

  /** Renders the 一览表 of `ids` together (the renderer batches them); progress counts each one. */
  private async renderSummaries(job: PrintJob, ids: string[]): Promise<Map<string, string>> {
    const rows = await this.deps.queries.applications(ids);
    const now = this.deps.clock();
    const made = await Promise.all(
      rows.map(async (row) => {
        const data = documentData('review-summary', { applicationId: row.id, application: row.application as unknown as Application, policy: this.deps.policies.get(row.policy_id) });
        const stored = await this.deps.documents.render('review-summary', data, now);
        job.progress.done += 1;
        return [row.id, stored.sha256] as const;
      }),
    );
    return new Map(made);
  }

  /** The 公示表 the registry recorded for `ids`; the others are skipped. */
  private async storedForms(job: PrintJob, ids: string[]): Promise<Map<string, string>> {
    const found = new Map((await this.deps.queries.documents(ids, 'publicity-form')).map((d) => [d.application_id, d.sha256] as const));
    for (const id of ids) {
      if (!found.has(id)) job.skipped.push({ id, reason: 'no 公示表 yet: it is made when the result publicity starts' });
      job.progress.done += 1;
    }
    return found;
  }

  private expire(): void {
    const now = this.deps.clock().getTime();
    for (const [id, job] of this.jobs) if (job.finishedAt && now - job.finishedAt.getTime() > KEEP_MS) this.jobs.delete(id);
  }
}
