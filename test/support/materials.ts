// What a portal does before it submits (三（一）): asks the preview which kinds of electronic
// materials the application carries, uploads a small PDF of each, and lists them.
import { PDFDocument } from 'pdf-lib';

/** A one-page PDF, different each call only in its title (the store keeps equal bytes once anyway). */
async function samplePdf(title: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]);
  doc.setTitle(title);
  return Buffer.from(await doc.save());
}

export interface MaterialAnswer {
  status: number;
  body: Record<string, unknown> & { id?: string; errors?: Array<{ field: string; message: string }> };
}

/** POST /api/materials as a portal sends it: the fields `kind` and `file`, each only when given. */
export async function postMaterial(api: string, headers: Record<string, string>, upload: { kind?: string; file?: Buffer; name?: string; type?: string }): Promise<MaterialAnswer> {
  const form = new FormData();
  if (upload.kind !== undefined) form.append('kind', upload.kind);
  if (upload.file) form.append('file', new Blob([new Uint8Array(upload.file)], { type: upload.type ?? 'application/pdf' }), upload.name ?? 'material.pdf');
  const res = await fetch(`${api}/api/materials`, { method: 'POST', headers, body: form });
  return { status: res.status, body: (await res.json()) as MaterialAnswer['body'] };
}

/** Uploads one material of `kind` as the client of `authorization`; its id. */
export async function uploadMaterial(api: string, authorization: string, kind: string, file?: Buffer): Promise<string> {
  const { status, body } = await postMaterial(api, { authorization }, { kind, file: file ?? (await samplePdf(kind)), name: `${kind}.pdf` });
  if (status !== 201 || !body.id) throw new Error(`upload of ${kind} answered ${status}: ${JSON.stringify(body)}`);
  return body.id;
}

/**
 * `body` with `materials`: one upload of each kind the preview asks for, as the client of
 * `authorization`. A body that lists its materials already, or that the preview refuses (400), goes
 * as it is: the latter's submission is refused for that reason, before any material is looked at.
 */
export async function withMaterials<T>(api: string, authorization: string, body: T): Promise<T | (T & { materials: Array<{ id: string }> })> {
  if (!body || typeof body !== 'object' || 'materials' in body) return body;
  const res = await fetch(`${api}/api/applications/preview`, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const preview = (await res.json()) as { requiredMaterials?: Array<{ kind: string }> };
  if (res.status === 400) return body;
  if (!res.ok || !preview.requiredMaterials) throw new Error(`preview answered ${res.status}: ${JSON.stringify(preview)}`);
  const materials = await Promise.all(preview.requiredMaterials.map(async (m) => ({ id: await uploadMaterial(api, authorization, m.kind) })));
  return { ...body, materials };
}
