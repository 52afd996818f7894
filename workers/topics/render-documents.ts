// Official documents of an application (SPEC 2.1, 2.8, 2.9): the step names the documents in its
// input `documentNames` (for example `review-summary` and `unit-publicity-form` at submission,
// `unit-publicity-form` again when the unit's publicity starts, `publicity-form` when the result
// publicity starts, `certificate` once it is issued). Each is rendered to PDF once per
// content: a retried task, or a flow passing the step again with unchanged data, gets the same
// stored document. The process variable `documents` maps each name to its stored reference.
import { firstDayOf, lastDayOf } from '../domain/dates-zh.js';
import { provisionalNote } from '../rules/calendar.js';
import { markdownText } from '../domain/markdown.js';
import { reviewRecordSchema } from '../domain/review-record.js';
import { z } from 'zod';
import { applicationSchema } from '../domain/application.js';
import { documentData, documentProblems, FLOW_DOCUMENT_NAMES, type FlowDocument } from '../documents/data.js';
import { applicationDownloadName } from '../documents/download-names.js';
import type { StoredDocumentVar } from '../documents/service.js';
import type { PolicyProvider } from '../policy/provider.js';
import { defineHandler } from '../runtime/handler.js';
import { defineRecordStep } from './recording.js';
import { complete, PermanentError } from '../runtime/outcome.js';

export const topic = 'render-documents';

const names = z
  .string()
  .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
  .pipe(
    z
      .array(z.enum(FLOW_DOCUMENT_NAMES as [FlowDocument, ...FlowDocument[]], { error: `must name documents among ${FLOW_DOCUMENT_NAMES.join(', ')}` }))
      .min(1, { error: 'must name at least one document' }),
  );

export const input = z.object({
  applicationId: z.string().min(1),
  application: applicationSchema,
  policyId: z.string().min(1),
  /** Comma-separated document names: the step's input parameter. */
  documentNames: names,
  committeeName: z.string().nullish(),
  vote: z.object({ passed: z.boolean().optional(), decidedOn: z.string().optional() }).passthrough().nullish(),
  publicityStart: z.string().nullish(),
  publicityEnd: z.string().nullish(),
  /** The unit's publicity (start-unit-publicity), printed on `unit-publicity-form`; unset before it starts. */
  unitPublicityStart: z.string().nullish(),
  unitPublicityEnd: z.string().nullish(),
  certificate: z.record(z.string(), z.unknown()).nullish(),
  /** The applicant's electronic materials: a registry fact (registry/facts.ts), listed by the 一览表 and the forms. */
  materials: z
    .array(z.object({ id: z.string(), kind: z.string(), label: z.string(), fileName: z.string(), bytes: z.number(), pages: z.number().nullable(), sha256: z.string() }))
    .default([]),
  /** From the registry: the unit's and the levels' decisions, whose approvals the 一览表 prints. */
  reviewRecord: reviewRecordSchema,
  /** Documents made before; the ones made now are added or replace those of the same name. */
  documents: z.record(z.string(), z.unknown()).nullish(),
});

/** The variable holding the signed link of a document: review-summary -> reviewSummaryLink. */
export function linkVariable(name: string): string {
  return `${name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase())}Link`;
}

/** What rendering needs: a stored render keyed by template and data. */
export interface RenderDeps {
  policies: PolicyProvider;
  clock: () => Date;
  /** `fileName` names the download (一览表-王䶮堃-JL2026-ABCDEFGHJK.pdf) in the variable and the signed link. */
  renderDocument: (template: string, data: object, at: Date, fileName?: string) => Promise<StoredDocumentVar>;
  /**
   * The stable link reviewers open from Tasklist (reviewDocumentLink): it does not expire, the API
   * checks the reviewer's office instead. Unset: the document's signed link.
   */
  reviewLink?: (applicationId: string, document: string) => string;
  /** The stable link reviewers open a material with from Tasklist (reviewMaterialLink). */
  reviewMaterialLink?: (applicationId: string, materialId: string) => string;
}

/** A material as a review form lists it (the variable `reviewMaterials`): what it is and where it opens. */
export interface ReviewMaterial {
  label: string;
  fileName: string;
  /** "3页" for a PDF, empty for an image. */
  pages: string;
  href: string | null;
}

export const createRenderDocuments = (deps: RenderDeps) =>
  defineHandler({
    topic,
    description: 'Renders official documents (PDF, stored by content) and records them in `documents`',
    input,
    outputs: ['documents', 'reviewMaterials', ...FLOW_DOCUMENT_NAMES.map(linkVariable)],
    parameters: [
      {
        name: 'documentNames',
        label: 'Documents to make',
        description: `Comma-separated, among ${FLOW_DOCUMENT_NAMES.join(', ')}`,
        choices: FLOW_DOCUMENT_NAMES,
        multiple: true,
      },
    ],
    // A cold browser and a large batch can take a while; the runtime extends the lock meanwhile.
    lockMs: 60_000,
    async handle(vars) {
      // A publicity counted in a year without the official holiday schedule says so on its 公示表.
      const note = (start?: string | null, end?: string | null) => {
        const years = start && end ? deps.policies.calendar.provisionalYears(firstDayOf(start), lastDayOf(end)) : [];
        return years.length ? `暂定：${provisionalNote(years)}` : null;
      };
      const facts = {
        ...vars,
        policy: deps.policies.get(vars.policyId),
        publicityProvisionalNote: note(vars.publicityStart, vars.publicityEnd),
        unitPublicityProvisionalNote: note(vars.unitPublicityStart, vars.unitPublicityEnd),
      };
      const [problem] = vars.documentNames.flatMap((name) => documentProblems(name, facts));
      if (problem) throw new PermanentError(problem);
      const now = deps.clock();
      const made = await Promise.all(
        vars.documentNames.map(async (name) => {
          const doc = await deps.renderDocument(name, documentData(name, facts), now, applicationDownloadName(name, vars.application.applicant.name, vars.applicationId).fileName);
          return [name, deps.reviewLink ? { ...doc, link: deps.reviewLink(vars.applicationId, name) } : doc] as const;
        }),
      );
      return complete({
        documents: { ...(vars.documents ?? {}), ...Object.fromEntries(made) },
        // Flat links for the forms' text views (Tasklist shows them as links).
        ...Object.fromEntries(made.map(([name, doc]) => [linkVariable(name), doc.link])),
        // The materials as the forms list them, made with the 一览表 that lists the same ones.
        reviewMaterials: vars.materials.map(
          (m): ReviewMaterial => ({ label: m.label, fileName: markdownText(m.fileName), pages: m.pages === null ? '' : `${m.pages}页`, href: deps.reviewMaterialLink?.(vars.applicationId, m.id) ?? null }),
        ),
      });
    },
  });

/** Each stored document, by name, so that the status and the offices find it without the engine. */
export const recordRenderDocuments = defineRecordStep<ReturnType<typeof createRenderDocuments>>()({
  async record(_input, out, { registry, applicationId }) {
    const documents = (out.documents ?? {}) as Record<string, Partial<StoredDocumentVar> | undefined>;
    for (const [name, d] of Object.entries(documents)) {
      if (!d?.sha256 || typeof d.size !== 'number' || !d.fileName) continue;
      await registry.putDocument(applicationId, { name, sha256: d.sha256, size: d.size, fileName: d.fileName, store: 'documents', renderedAt: d.renderedAt ?? null });
    }
  },
});
