// Reviewers open an application's electronic materials (三（二）: the unit checks them for truth,
// and every level after it may look): /api/review/materials/{applicationId} lists them with who
// opened which and when; /api/review/materials/{applicationId}/{materialId} opens one. The same
// sign-in and office rule as the review documents (reviewer-auth.ts); each opening is recorded. A
// material deleted under the retention rule is listed without a link; opening it is 410 Gone.
import { Router } from 'express';
import { formatInstantZh } from '../domain/dates-zh.js';
import { toShanghaiIso } from '../domain/time.js';
import { MATERIALS_DELETED_LABEL } from '../rules/materials.js';
import type { MaterialService } from '../materials/service.js';
import type { Logger } from '../log.js';
import type { Registry } from '../registry/registry.js';
import { engineDown } from './errors.js';
import { REVIEW_PATH } from './review-documents.js';
import { mayReview, reviewerOf } from './reviewer-auth.js';

export const REVIEW_MATERIALS_PATH = `${REVIEW_PATH}/materials`;

/** The stable link of a material, for Tasklist (PUBLIC_BASE_URL + path). */
export function reviewMaterialLink(baseUrl: string, applicationId: string, materialId: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${REVIEW_MATERIALS_PATH}/${encodeURIComponent(applicationId)}/${encodeURIComponent(materialId)}`;
}

/** GET /materials/{applicationId}[/{materialId}], behind reviewerSignIn. */
export function reviewMaterialsRouter(deps: { registry: Registry; materials: MaterialService; log: Logger }): Router {
  const router = Router();
  router.get('/materials/:applicationId', async (req, res) => {
    try {
      const { applicationId } = req.params;
      if (!(await mayReview(deps.registry, deps.log, res, applicationId, 'materials'))) return;
      // The materials a correction replaced stay listed, naming the one that replaced each.
      const [materials, openings] = await Promise.all([deps.registry.materialHistoryOf(applicationId), deps.registry.materialOpenings(applicationId)]);
      res.set('Cache-Control', 'private, no-store').json({
        // A material deleted under the retention rule is listed without a link, with when it went.
        materials: materials.map((m) => ({
          id: m.id,
          kind: m.kind,
          label: m.label,
          fileName: m.file_name,
          contentType: m.content_type,
          bytes: m.bytes,
          pages: m.pages,
          sha256: m.sha256,
          replacedBy: m.replaced_by,
          replacedAt: m.replaced_at ? toShanghaiIso(m.replaced_at) : null,
          ...(m.deleted_at ? { deleted: { at: toShanghaiIso(m.deleted_at), reason: MATERIALS_DELETED_LABEL } } : { href: `${REVIEW_MATERIALS_PATH}/${applicationId}/${m.id}` }),
        })),
        openings: openings.map((o) => ({ materialId: o.material_id, by: o.actor, at: toShanghaiIso(o.opened_at) })),
      });
    } catch (error) {
      engineDown(res, error);
    }
  });
  router.get('/materials/:applicationId/:materialId', async (req, res) => {
    try {
      const { applicationId, materialId } = req.params;
      if (!(await mayReview(deps.registry, deps.log, res, applicationId, 'materials'))) return;
      const material = (await deps.registry.materialHistoryOf(applicationId)).find((m) => m.id === materialId);
      if (material?.deleted_at) {
        const row = await deps.registry.require(applicationId);
        const message = `${MATERIALS_DELETED_LABEL}（${formatInstantZh(toShanghaiIso(material.deleted_at))}）：${deps.materials.retentionRule(row.policy_id)}`;
        res.status(410).set('Cache-Control', 'private, no-store').json({ errors: [{ field: 'materialId', message }] });
        return;
      }
      const body = material ? await deps.materials.read(material.sha256) : null;
      if (!material || !body) {
        res.status(404).json({ errors: [{ field: 'materialId', message: 'this application carries no such material' }] });
        return;
      }
      await deps.registry.recordMaterialOpening(applicationId, materialId, reviewerOf(res).user);
      res
        .status(200)
        .set({ 'Content-Type': material.content_type, 'Content-Length': String(material.bytes), 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' })
        .set('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(material.file_name)}`);
      body.on('error', (error) => {
        deps.log.error({ err: error, materialId }, 'material read failed');
        res.destroy(error);
      });
      body.pipe(res);
    } catch (error) {
      engineDown(res, error);
    }
  });
  return router;
}
