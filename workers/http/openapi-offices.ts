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

const tasklistAccount = [{ tasklistAccount: [] }];
const pageOffice = { ...officeParam, description: "the office's engine group, e.g. hr-220106 or committee-jl-engineering-intermediate; the signed-in user must be a member (or an administrator)" };
const pageDenied = { 401: errors('no credentials, or the engine refuses them (WWW-Authenticate: Basic)'), 403: errors('not a member of this office, or a change sent from another site (Origin)') };
const meetingBody = {
  type: 'object',
  required: ['date', 'members', 'present'],
  properties: { date: { type: 'string', format: 'date', description: 'the meeting day (Asia/Shanghai), not after today' }, members: { type: 'integer', minimum: 1 }, present: { type: 'integer', minimum: 0, description: 'members present; at least the quorum of the policy (2/3 of the members)' } },
};

/**
 * The office page's own JSON (/offices/{office}/api/…): the same data for the page in a browser,
 * signed in with the Tasklist account; the workbook and print jobs are the office API's routes
 * above, mounted under the page too.
 */
export function officePagePaths(): Record<string, unknown> {
  const filters = queryParams(officeFilterSchema);
  return {
    '/offices/{office}/api/office': {
      get: { summary: "The page's office: its name, the signed-in user, the committee it is (or null) and the filters' options with labels", security: tasklistAccount, parameters: [pageOffice], responses: { 200: { description: '{office, officeName, user, admin, committee, states, levels, categories}' }, ...pageDenied } },
    },
    '/offices/{office}/api/applications': {
      get: { summary: "The office's applications with labels (中级, 审核中) and dates in +08:00, in pages", security: tasklistAccount, parameters: [pageOffice, ...filters, ...queryParams(pageSchema)], responses: { 200: { description: '{office, officeName, scope, page, pageSize, total, pages, items}' }, 400: errors('a filter is invalid (named)'), ...pageDenied } },
    },
    '/offices/{office}/api/statistics': {
      get: { summary: 'The statistics behind the charts, with labels', security: tasklistAccount, parameters: [pageOffice], responses: { 200: { description: '{waiting, overdue, handled, byState, byLevel, byDivision, workingDaysPerLevel, officeName, at}' }, ...pageDenied } },
    },
    '/offices/{office}/api/meetings': {
      get: { summary: "A committee's meetings (评审会议), the latest first", security: tasklistAccount, parameters: [pageOffice], responses: { 200: { description: '{committee, quorum, today, meetings: [{id, date, label, members, present, votes, recordedBy, recordedAt}]}' }, ...pageDenied, 404: errors('the office is not a review committee') } },
      post: {
        summary: "Records one meeting of the committee, once: each applicant's vote task then offers it (committeeMeetings) and the vote names it",
        security: tasklistAccount,
        parameters: [pageOffice],
        requestBody: { required: true, content: { 'application/json': { schema: meetingBody } } },
        responses: { 201: { description: 'the meeting as listed' }, ...pageDenied, 404: errors('the office is not a review committee'), 409: errors('the committee recorded a meeting on that day before (date)'), 422: errors('a field breaks its rule (named, in Chinese): no quorum, a day to come, not a whole number') },
      },
    },
  };
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
