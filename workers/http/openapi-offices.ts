// The OpenAPI paths of /api/offices/{office}/…; query parameters and the print request come from
// the zod schemas that check them.
import { z } from 'zod';
import { PRINTABLE } from '../offices/print-jobs.js';
import { officeFilterSchema, pageSchema } from '../offices/queries.js';

const errors = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Errors' } } } });
const officeToken = [{ officeToken: [] }];
const officeParam = { name: 'office', in: 'path', required: true, schema: { type: 'string' }, description: "the office's engine group, e.g. hr-220100 (长春市人社局); the token's own office" };
const denied = { 400: errors('a filter is invalid (named)'), 401: errors('no or unknown office token'), 403: errors("another office's token") };

/** Query parameters of a zod object schema. */
function queryParams(schema: z.ZodObject): Array<Record<string, unknown>> {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties: Record<string, Record<string, unknown>> };
  return Object.entries(json.properties).map(([name, s]) => ({ name, in: 'query', required: false, schema: s }));
}

export function officePaths(): Record<string, unknown> {
  const filters = queryParams(officeFilterSchema);
  const printBody = z.toJSONSchema(officeFilterSchema.extend({ document: z.enum(PRINTABLE) }), { io: 'input', unrepresentable: 'any' });
  const jobParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
  return {
    '/api/offices/{office}/applications': {
      get: { summary: "The office's applications (waiting at it, or handled by it), nearest deadline first, in pages", security: officeToken, parameters: [officeParam, ...filters, ...queryParams(pageSchema)], responses: { 200: { description: '{office, officeName, scope, page, pageSize, total, items}; each item\'s deadline with provisional (and provisionalReason, in Chinese, when it was counted on a year without the official holiday schedule)' }, ...denied } },
    },
    '/api/offices/{office}/applications/export.xlsx': {
      get: { summary: 'The same selection as the 上报汇总表 workbook (streamed)', security: officeToken, parameters: [officeParam, ...filters], responses: { 200: { description: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }, ...denied } },
    },
    '/api/offices/{office}/print-jobs': {
      post: {
        summary: 'Print the 一览表 or 公示表 of a selection as one PDF; answers at once with the job',
        security: officeToken,
        parameters: [officeParam],
        requestBody: { required: true, content: { 'application/json': { schema: printBody } } },
        responses: { 202: { description: 'the job: {id, state, progress: {done, total}, links}' }, ...denied, 409: errors('a print job of the office is still running'), 422: errors('the selection is larger than a job may be') },
      },
    },
    '/api/offices/{office}/print-jobs/{id}': {
      get: { summary: "A print job's state and progress", security: officeToken, parameters: [officeParam, jobParam], responses: { 200: { description: '{id, state, progress, skipped, pages, links}' }, 404: errors('no such job of this office') } },
    },
    '/api/offices/{office}/print-jobs/{id}/pdf': {
      get: { summary: "A finished print job's PDF", security: officeToken, parameters: [officeParam, jobParam], responses: { 200: { description: 'application/pdf' }, 404: errors('no such job, or nothing to print'), 409: errors('still running, or failed') } },
    },
    '/api/offices/{office}/statistics': {
      get: { summary: 'Counts by state, title level and division, overdue, handled, median time and working days per review level', security: officeToken, parameters: [officeParam], responses: { 200: { description: '{office, waiting, overdue, byState, byLevel, byDivision, handled, medianTimePerLevel, medianWorkingDaysPerLevel}' }, 401: errors('no or unknown office token'), 403: errors("another office's token") } },
    },
  };
}
