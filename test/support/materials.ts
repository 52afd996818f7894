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

/** Uploads one material of `kind` as the client of `authorization`; its id. */
export async function uploadMaterial(api: string, authorization: string, kind: string, file?: Buffer): Promise<string> {
  const form = new FormData();
  form.append('kind', kind);
  form.append('file', new Blob([new Uint8Array(file ?? (await samplePdf(kind)))], { type: 'application/pdf' }), `${kind}.pdf`);
  const res = await fetch(`${api}/api/materials`, { method: 'POST', headers: { authorization }, body: form });
  const json = (await res.json()) as { id?: string };
  if (res.status !== 201 || !json.id) throw new Error(`upload of ${kind} answered ${res.status}: ${JSON.stringify(json)}`);
  return json.id;
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
