// Applicants' electronic materials (电子材料, notice 三（一）): the kinds a policy names, which an
// application must carry, and how much they may weigh. The notice names what the unit checks for
// truth (三（二）: 学历、职称证书、业绩材料等) and no more, so a policy requires those and a
// category's own documents; anything else an applicant may add but never needs.
import { z } from 'zod';
import { CATEGORY_IDS, type Application } from '../domain/application.js';

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
