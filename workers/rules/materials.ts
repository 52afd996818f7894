// Applicants' electronic materials (电子材料, notice 三（一）): the kinds a policy names, which an
// application must carry, and how much they may weigh. The notice names what the unit checks for
// truth (三（二）: 学历、职称证书、业绩材料等) and no more, so a policy requires those and a
// category's own documents; anything else an applicant may add but never needs.
import { z } from 'zod';
import { CATEGORY_IDS, type Application } from '../domain/application.js';
import type { EndState } from '../domain/steps.js';

const id = z.string().regex(/^[a-z0-9-]+$/, { error: 'must be lower-case letters, digits and dashes' });
const text = z.string().trim().min(1, { error: 'must not be empty' });

export const materialsSchema = z
  .object({
    /** Each kind of material, with the label applicants and reviewers read. */
    kinds: z.record(id, z.object({ label: text, clause: z.string().optional() })),
    /** Kinds every application carries. */
    required: z.array(id).default([]),
    /** Kinds an applicant who holds a title (applicant.currentTitle) carries besides: its certificate. */
    requiredWithCurrentTitle: z.array(id).default([]),
    /** Kinds a category's applications carry besides (the documents its verification reads). */
    categories: z.partialRecord(z.enum(CATEGORY_IDS), z.array(id)).default({}),
    /** The most an application's materials may weigh together, in bytes. */
    maxApplicationBytes: z.number().int().positive(),
    /** How long the materials of a withdrawn or refused application are kept, in days (then deleted). */
    retentionDays: z.number().int().positive(),
  })
  .superRefine((m, ctx) => {
    const named = (path: Array<string | number>, kinds: readonly string[]) =>
      kinds.forEach((k, i) => {
        if (!m.kinds[k]) ctx.addIssue({ code: 'custom', path: [...path, i], message: `"${k}" is not a kind of materials.kinds` });
      });
    named(['required'], m.required);
    named(['requiredWithCurrentTitle'], m.requiredWithCurrentTitle);
    for (const [category, kinds] of Object.entries(m.categories)) named(['categories', category], kinds ?? []);
  });

export type MaterialsPolicy = z.output<typeof materialsSchema>;

export interface MaterialKind {
  kind: string;
  label: string;
}

/** The kinds of materials an application must carry, in the policy's order, each once. */
export function requiredMaterials(app: Pick<Application, 'category' | 'applicant'>, materials: MaterialsPolicy): MaterialKind[] {
  const kinds = [...materials.required, ...(app.applicant.currentTitle ? materials.requiredWithCurrentTitle : []), ...(materials.categories[app.category] ?? [])];
  return [...new Set(kinds)].map((kind) => ({ kind, label: materials.kinds[kind]!.label }));
}

/** The required kinds missing from `attached`: `materials` names each, with its label. */
export function missingMaterials(app: Pick<Application, 'category' | 'applicant'>, materials: MaterialsPolicy, attached: ReadonlyArray<{ kind: string }>): MaterialKind[] {
  const have = new Set(attached.map((m) => m.kind));
  return requiredMaterials(app, materials).filter((k) => !have.has(k.kind));
}

/**
 * The ends whose materials are deleted once `retentionDays` have passed (the policy's provenance: a
 * withdrawn or refused application). Any other end keeps them: a certified or appointed applicant's
 * materials back the certificate, and a rejected, failed or revoked application may still be
 * objected to or reviewed again.
 */
export const MATERIALS_DELETED_AFTER = ['withdrawn', 'refused'] as const satisfies readonly EndState[];

/** What the status and the reviewers read of a material deleted under the retention rule. */
export const MATERIALS_DELETED_LABEL = '已按保存期限删除';

/** The instant after which the materials of an application that ended at `endedAt` are deleted. */
export function retentionEnds(endedAt: Date, retentionDays: number): Date {
  return new Date(endedAt.getTime() + retentionDays * 24 * 3600_000);
}

/** Whether an application in `state`, ended at `endedAt`, keeps its materials no longer at `now`. */
export function materialsExpired(state: string, endedAt: Date | null, retentionDays: number, now: Date): boolean {
  return endedAt !== null && (MATERIALS_DELETED_AFTER as readonly string[]).includes(state) && now.getTime() > retentionEnds(endedAt, retentionDays).getTime();
}

/** The rule a deletion names, for the history and for a reviewer who opens a deleted material. */
export function retentionRule(retentionDays: number, policyId: string): string {
  return `视为放弃或不符合申报条件的申请，其电子材料自申请终止之日起保存${retentionDays}天后删除（政策 ${policyId} materials.retentionDays）`;
}
