// The OpenAPI description of the HTTP API, served at /api/openapi.json. Request bodies come from
// the same zod schemas that validate them, so the description cannot drift from the checks.
import { APPLICATION_ID_SOURCE, VERIFICATION_CODE_SOURCE } from '../domain/codes.js';
import { z } from 'zod';
import { applicationSchema } from '../domain/application.js';
import { LAST_CALENDAR_YEAR } from '../rules/index.js';
import { officePagePaths, officePaths } from './openapi-offices.js';

const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const errors = (description: string) => ({ description, ...json(ref('Errors')) });
const bearer = [{ bearer: [] }];
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: APPLICATION_ID_SOURCE } };
const policyParam = { name: 'policy', in: 'query', required: false, schema: { type: 'string' }, description: 'evaluate against this shipped policy' };

/** Builds the document; `version` is the package version. */
export function openApiDocument(version: string): Record<string, unknown> {
  const schema = (s: z.ZodType) => {
    const { $schema: _ignored, ...rest } = z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    return rest;
  };
  return {
    openapi: '3.1.0',
    info: { title: 'Jilin professional-title review API', version, description: 'Submission, progress, corrections, payments, objections and verification for portals.' },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, officeToken: { type: 'http', scheme: 'bearer', description: 'an office-scoped token (OFFICE_TOKENS)' }, tasklistAccount: { type: 'http', scheme: 'basic', description: "the user's Tasklist (engine) account, checked by the engine" } },
      schemas: {
        Application: schema(applicationSchema),
        Errors: {
          type: 'object',
          required: ['errors'],
          properties: { errors: { type: 'array', items: { type: 'object', required: ['field', 'message'], properties: { field: { type: 'string' }, message: { type: 'string' } } } } },
        },
        Contacts: {
          type: 'object',
          description: "Who to ask about the application (notice 五（五）政策咨询): the office handling its current step (null once it has ended or while no office holds it) and the notice's consultation lines, both from the policy",
          required: ['office', 'helpDesk'],
          properties: {
            office: {
              type: ['object', 'null'],
              required: ['office', 'name', 'phones', 'address', 'contactsFrom'],
              properties: {
                office: { type: 'string', description: 'the office group (hr-220106, committee-jl-arts, unit-<credit code>, ...)' },
                name: { type: ['string', 'null'] },
                phones: { type: 'array', items: { type: 'string' } },
                address: { type: ['string', 'null'] },
                contactsFrom: { type: 'string', enum: ['office', 'none'], description: "office: the office's own numbers from the policy (a committee's office, as its 公示表 prints them; the provincial HR department's 业务咨询 line); none: the policy has no numbers for this office" },
              },
            },
            helpDesk: {
              type: 'object',
              required: ['clause', 'lines'],
              properties: {
                clause: { type: 'string', description: 'the notice clause (五（五）政策咨询)' },
                lines: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['id', 'label', 'purpose', 'phones'],
                    properties: { id: { type: 'string' }, label: { type: 'string' }, purpose: { type: 'string' }, phones: { type: 'array', items: { type: 'object', required: ['number'], properties: { number: { type: 'string' }, note: { type: 'string' } } } } },
                  },
                },
              },
            },
          },
        },
        Reasons: {
          type: 'object',
          properties: { reasons: { type: 'array', items: { type: 'object', properties: { rule: { type: 'string' }, field: { type: 'string' }, message: { type: 'string' } } } } },
        },
      },
    },
    paths: {
      '/api/applications/preview': {
        post: {
          summary: 'Decide eligibility, division, route with deadlines and fee without starting anything',
          security: bearer,
          parameters: [policyParam],
          requestBody: { required: true, ...json(ref('Application')) },
          responses: { 200: { description: 'the preview (eligible or not, with reasons)' }, 400: errors('malformed application or unknown policy'), 401: errors('no or unknown bearer token') },
        },
      },
      '/api/applications': {
        post: {
          summary: "Validate, then start the category's flow",
          security: bearer,
          parameters: [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 200 } }],
          requestBody: { required: true, ...json(ref('Application')) },
          responses: {
            201: { description: 'started (or replayed for a known Idempotency-Key)' },
            400: errors('malformed application'),
            401: errors('no or unknown bearer token'),
            409: errors('a live application of the applicant exists, or the key was used for another application'),
            422: { description: 'refused by the rules', ...json(ref('Reasons')) },
            503: errors('engine unavailable or no flow deployed for the category'),
          },
        },
      },
      '/api/applications/{id}': {
        get: {
          summary: 'Status, current steps, history, route, fee, documents and contacts',
          security: bearer,
          parameters: [idParam],
          responses: {
            200: { description: 'the application', ...json({ type: 'object', required: ['id', 'status', 'currentSteps', 'history', 'contacts'], properties: { contacts: ref('Contacts') } }) },
            404: errors('unknown id'),
          },
        },
      },
      '/api/applications/{id}/payment': {
        post: {
          summary: 'Confirm a payment (correlates PaymentConfirmed); the body is signed by the provider (Payment-Signature) and names the application it is for',
          security: bearer,
          parameters: [idParam],
          requestBody: {
            required: true,
            ...json({
              type: 'object',
              required: ['applicationId', 'amount', 'currency', 'transactionId', 'paidAt'],
              properties: {
                applicationId: { type: 'string', description: 'the application the payment is for: the id of the path' },
                amount: { type: 'number', minimum: 0, multipleOf: 0.01, description: 'yuan, at most two decimals (whole fen)' },
                currency: { type: 'string', enum: ['CNY'] },
                transactionId: { type: 'string', maxLength: 100 },
                paidAt: { type: 'string', format: 'date-time' },
              },
            }),
          },
          responses: { 202: { description: 'delivered' }, 400: errors('malformed'), 401: errors('missing, stale or wrong Payment-Signature'), 404: errors('unknown id'), 409: errors('not waiting for a payment'), 422: errors('signed for another application, or not the fee the rules charge') },
        },
      },
      '/api/applications/{id}/objections': {
        post: {
          summary: 'Lodge an objection during result publicity (correlates ObjectionLodged)',
          security: bearer,
          parameters: [idParam],
          requestBody: { required: true, ...json({ type: 'object', required: ['reason', 'lodgedBy'] }) },
          responses: { 202: { description: 'delivered' }, 400: errors('malformed'), 404: errors('unknown id'), 409: errors('not in result publicity') },
        },
      },
      '/api/applications/{id}/corrections': {
        post: {
          summary: 'Correct a returned application (退回补正; correlates ApplicationCorrected): it goes back to the level that returned it',
          description:
            "While the status is `returned`, `correction` in the status names the fields to correct, the kinds of electronic materials to replace or add, the reasons and the deadline. The body's `application` holds the corrected fields (objects merge key by key; texts and lists replace); the result is validated like a submission, may change only the fields the return named, and must stay eligible. `materials: [{id}]` lists new uploads (POST /api/materials) of the kinds the return named: each replaces the application's current materials of its kind, and the history keeps which file replaced which.",
          security: bearer,
          parameters: [idParam],
          requestBody: {
            required: true,
            ...json({
              type: 'object',
              properties: {
                application: { type: 'object', description: 'the corrected fields, shaped like the Application' },
                materials: { type: 'array', maxItems: 100, items: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } }, description: 'new uploads of the material kinds the return named' },
                comment: { type: 'string', maxLength: 2000 },
              },
            }),
          },
          responses: {
            202: { description: '{id, corrected: [field paths], materials: [{id, kind, fileName, replaces: [{id, fileName}]}], returnsTo: {level, office, step}}' },
            400: errors('malformed body, or the corrected application does not validate (fields as application.<path>)'),
            404: errors('unknown id'),
            409: errors('not returned for correction, or the deadline to correct has passed (视为放弃); or an upload it lists is attached to an application (materials[i].id)'),
            422: errors('a field or a material kind the return did not name, an unknown or expired upload, materials over the policy\'s weight, a change of the route upward after a level returned it, no change; or refused by the rules (reasons)'),
          },
        },
      },
      '/api/applications/{id}/documents': {
        get: {
          summary: 'The documents made for the application so far: name, title, file name, SHA-256, size, download path',
          security: bearer,
          parameters: [idParam],
          responses: { 200: { description: '{id, documents:[{name, title, fileName, sha256, size, renderedAt, href}]}' }, 404: errors('unknown id') },
        },
      },
      '/api/applications/{id}/documents/{name}': {
        get: {
          summary: 'One document as PDF: review-summary (一览表), unit-publicity-form (公示表 of the unit publicity), publicity-form (公示表 of the result) or certificate (证书)',
          security: bearer,
          parameters: [idParam, { name: 'name', in: 'path', required: true, schema: { type: 'string', enum: ['review-summary', 'unit-publicity-form', 'publicity-form', 'certificate'] } }],
          responses: {
            200: { description: 'the PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } },
            404: errors('unknown id, or the document has not been made (yet)'),
          },
        },
      },
      '/api/review/documents/{applicationId}/{document}': {
        get: {
          summary: "Reviewers' stable link (Tasklist's task variables): the document, for a member of an office that reviews or reviewed the application, or an administrator, signed in with their Tasklist account (HTTP basic)",
          parameters: [
            { name: 'applicationId', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'document', in: 'path', required: true, schema: { type: 'string' } },
          ],
          responses: {
            200: { description: 'the PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } },
            401: errors('no credentials, or the engine refuses them (WWW-Authenticate: Basic)'),
            403: errors('not a member of an office of this application (the same answer whether it exists or not)'),
            404: errors('no such document (yet)'),
            429: errors('too many failed sign-ins from this address'),
          },
        },
      },
      '/documents/{sha256}/{fileName}': {
        get: {
          summary: 'A stored document through an expiring signed link (no token)',
          parameters: [
            { name: 'sha256', in: 'path', required: true, schema: { type: 'string', pattern: '^[0-9a-f]{64}$' } },
            { name: 'fileName', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'sig', in: 'query', required: true, schema: { type: 'string' } },
          ],
          responses: { 200: { description: 'the PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } }, 403: errors('missing or wrong signature'), 404: errors('gone from the store') },
        },
      },
      '/api/divisions/resolve': {
        get: {
          summary: 'Registration authority name -> division',
          parameters: [{ name: 'authority', in: 'query', required: true, schema: { type: 'string' } }, policyParam],
          responses: { 200: { description: '{code, name, level, parentCode, reportsTo}' }, 400: errors('no authority'), 422: { description: 'not resolvable', ...json(ref('Reasons')) } },
        },
      },
      '/api/calendar/working-days': {
        get: {
          summary:
            "End of an N-working-day period: on the State Council's holiday schedule, and in a year it has not published yet on the statutory holidays, provisionally (SPEC 6)",
          parameters: [
            { name: 'start', in: 'query', required: true, schema: { type: 'string', format: 'date' } },
            { name: 'days', in: 'query', required: true, schema: { type: 'integer', minimum: 1, maximum: 366 } },
          ],
          responses: {
            200: { description: '{start, days, end, lastDay, provisional, provisionalYears?, provisionalReason?}: provisionalYears and provisionalReason (in Chinese) only when provisional is true' },
            400: errors('malformed, or a start outside the calendar'),
            422: { description: `a period that runs past ${LAST_CALENDAR_YEAR}-12-31, the last day counted: field days, rule calendar.range`, ...json(ref('Reasons')) },
          },
        },
      },
      '/api/certificates/{code}': {
        get: {
          summary: 'Public verification of a certificate: holder (ID masked), title, level, issue date, status',
          description: 'JSON; a request whose Accept prefers text/html (a browser opening the QR code) gets a page in Chinese instead: 有效, 已撤销 with the day, or 未查询到该证书 (404), the holder masked (王*堃), no ID number.',
          parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string', pattern: VERIFICATION_CODE_SOURCE } }],
          responses: { 200: { description: '{number, holder:{name, idNumber}, title, level, issuedOn, status: valid|revoked, revokedOn?}' }, 400: errors('malformed code'), 404: errors('unknown code'), 429: errors('rate limited') },
        },
      },
      '/api/certificates/{code}/objections': {
        post: {
          summary: 'Object to an issued certificate: the issuing committee office investigates; upheld, the certificate is revoked',
          security: bearer,
          parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string', pattern: VERIFICATION_CODE_SOURCE } }],
          requestBody: { required: true, ...json({ type: 'object', required: ['reason', 'lodgedBy'] }) },
          responses: {
            202: { description: '{number, status: under-investigation}' },
            400: errors('malformed code or body'),
            401: errors('no or unknown token'),
            404: errors('unknown code'),
            409: errors('already revoked, or an objection to it is under investigation'),
            429: errors('rate limited'),
          },
        },
      },
      '/api/committees/{committeeId}/reports/{date}': {
        get: {
          summary: "The committee's result report of a meeting day (评审结果报告, notice 三（八）): the results of that day's votes it reported to the provincial HR department (the registry's report records; a vote not yet reported is not in it); a PDF, or its data with Accept: application/json",
          security: bearer,
          parameters: [
            { name: 'committeeId', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'date', in: 'path', required: true, schema: { type: 'string', format: 'date' } },
          ],
          responses: {
            200: { description: 'application/pdf, or {committee:{id, name, session, meetingDate, membersTotal, membersPresent, reportedOn, reportedAt}, results:[{applicationId, applicant, unit, qualification, votes:{for, against, abstain}, result: passed|failed|revoked, reportedAt}]}; reportedAt: when a result was reported (ISO 8601, +08:00), for the report the latest, and reportedOn its date; applicationId is null for applications the client did not submit' },
            400: errors('malformed date'),
            401: errors('no or unknown token'),
            404: errors('unknown committee, or no result of a meeting that day reported'),
            503: errors('engine unavailable'),
          },
        },
      },
      '/api/openapi.json': { get: { summary: 'This document', responses: { 200: { description: 'OpenAPI 3.1' } } } },
      '/healthz': { get: { summary: 'Health: the engine is reachable and the document browser alive', responses: { 200: { description: '{status, engine:{reachable, version}, browser:{alive}}' }, 503: { description: 'engine unreachable or browser down' } } } },
      '/metrics': { get: { summary: 'Prometheus metrics', responses: { 200: { description: 'text exposition format' } } } },
      ...officePaths(),
      ...officePagePaths(),
    },
  };
}
