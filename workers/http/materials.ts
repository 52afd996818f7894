// POST /api/materials: an applicant's electronic material, uploaded by its portal (multipart/form-
// data, fields `kind` and `file`), streamed into the material store. 201 with what was stored;
// 400 (no file), 413 (larger than MATERIALS_MAX_BYTES), 415 (not a PDF, JPEG or PNG by its
// content) or 422 (an unknown kind), each naming the field and the rule.
import busboy from 'busboy';
import { Router, type Request, type Response } from 'express';
import { MaterialRefusal, type MaterialService } from '../materials/service.js';
import { clientOf } from './auth.js';
import type { Logger } from '../log.js';
import { RegistryUnavailableError } from '../registry/registry.js';

const refuse = (res: Response, status: number, field: string, message: string) => {
  // One answer per request: a malformed body may be told while its file is still being refused.
  if (res.headersSent) return;
  // The client may still be sending the rest of a refused file: the connection closes after the answer.
  res.set('Connection', 'close').status(status).json({ errors: [{ field, message }] });
};

export function materialsRouter(deps: { materials: MaterialService; maxBytes: number; log: Logger }): Router {
  const router = Router();
  router.post('/', (req: Request, res: Response) => {
    if (!req.is('multipart/form-data')) return void refuse(res, 400, '(body)', 'must be multipart/form-data with the fields kind and file');
    let parser: busboy.Busboy;
    try {
      // One more byte than the limit, so that a file over it is told from one exactly at it.
      parser = busboy({ headers: req.headers, defParamCharset: 'utf8', limits: { files: 1, fields: 4, fieldSize: 200, fileSize: deps.maxBytes + 1 } });
    } catch {
      return void refuse(res, 400, '(body)', 'must be multipart/form-data with a boundary');
    }
    const fields: Record<string, string> = {};
    let upload: Promise<void> | null = null;
    parser.on('field', (name, value) => void (fields[name] = value));
    parser.on('file', (name, file, info) => {
      if (name !== 'file' || upload) return void file.resume();
      upload = deps.materials.upload(clientOf(res), () => fields.kind, info.filename ?? 'material', file).then(
        (material) => {
          if (!res.headersSent) res.status(201).json(material);
        },
        (error: unknown) => {
          file.resume();
          if (error instanceof MaterialRefusal) return refuse(res, error.status, error.field, error.message);
          if (error instanceof RegistryUnavailableError) return refuse(res, 503, '(registry)', 'the application registry is unavailable; nothing was kept, retry later');
          deps.log.error({ err: error }, 'material upload failed');
          refuse(res, 500, '(server)', 'the upload failed; nothing was kept, retry later');
        },
      );
    });
    parser.on('close', () => {
      if (!upload) refuse(res, 400, 'file', 'a file is required (the multipart field "file")');
    });
    parser.on('error', () => refuse(res, 400, '(body)', 'the multipart body is malformed'));
    req.pipe(parser);
  });
  return router;
}
