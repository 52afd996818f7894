// /api/applications: submission, progress, payment and objections.
import { Router, type Response } from 'express';
import { z } from 'zod';
import { fieldErrors } from '../domain/application.js';
import { FlowNotDeployedError, type ApplicationMessage } from '../applications/service.js';
import { APPLICATION_ID_PATTERN } from '../domain/codes.js';
import type { ApiServices } from './deps.js';
import { applicationPath, statusBody } from './application-links.js';
import { clientOf } from './auth.js';
import { engineDown } from './errors.js';
import { verifyPaymentSignature } from './payment-signature.js';

/** Whether an amount in yuan is whole fen (at most two decimals), as a payment provider reports it. */
export const wholeFen = (amount: number) => Math.abs(amount * 100 - Math.round(amount * 100)) < 1e-6;

const paymentSchema = z.object({
  /** The application the provider confirms the payment of: signed with the rest of the body. */
  applicationId: z.string({ error: 'must name the application the payment is for' }),
  amount: z
    .number({ error: 'must be a number' })
    .nonnegative({ error: 'must not be negative' })
    .refine(wholeFen, { error: 'must be in yuan with at most two decimals (whole fen)' }),
  currency: z.literal('CNY', { error: 'must be CNY' }),
  transactionId: z.string().trim().min(1, { error: 'must not be empty' }).max(100, { error: 'must be at most 100 characters' }),
  paidAt: z.iso.datetime({ offset: true, error: 'must be an ISO-8601 date-time with offset' }),
});

export const objectionSchema = z.object({
  reason: z.string().trim().min(1, { error: 'must not be empty' }).max(2000, { error: 'must be at most 2000 characters' }),
  lodgedBy: z.string().trim().min(1, { error: 'must not be empty' }).max(50, { error: 'must be at most 50 characters' }),
  contact: z.string().trim().max(100, { error: 'must be at most 100 characters' }).nullish(),
});

const notFound = (res: Response) => res.status(404).json({ errors: [{ field: 'id', message: 'no application with this id' }] });

export function applicationsRouter(deps: Pick<ApiServices, 'applications' | 'clock' | 'paymentSecret'>): Router {
  const router = Router();

  router.post('/', async (req, res) => {
    try {
      const result = await deps.applications.submit(req.body, {
        idempotencyKey: req.get('idempotency-key'),
        caller: clientOf(res),
      });
      switch (result.kind) {
        case 'invalid':
          res.status(400).json({ errors: result.errors });
          return;
        case 'conflict':
          res.status(409).json({ errors: result.errors });
          return;
        case 'refused':
          res.status(422).json({ eligible: false, reasons: result.reasons });
          return;
        case 'invalid-materials':
          res.status(422).json({ errors: result.errors });
          return;
        case 'started':
          if (result.replayed) res.set('Idempotency-Replayed', 'true');
          res
            .status(201)
            .location(`/api/applications/${result.id}`)
            .json({
              id: result.id,
              processInstanceId: result.processInstanceId,
              status: result.status,
              links: {
                self: `/api/applications/${result.id}`,
                payment: `/api/applications/${result.id}/payment`,
                objections: `/api/applications/${result.id}/objections`,
              },
            });
      }
    } catch (error) {
      if (error instanceof FlowNotDeployedError) {
        res.status(503).json({ errors: [{ field: 'category', message: error.message }] });
        return;
      }
      engineDown(res, error);
    }
  });

  router.get('/:id', async (req, res) => {
    try {
      const id = req.params.id;
      const status = APPLICATION_ID_PATTERN.test(id) ? await deps.applications.status(id, clientOf(res)) : null;
      if (!status) return void notFound(res);
      res.json(statusBody(status));
    } catch (error) {
      engineDown(res, error);
    }
  });

  const messageRoute = (path: string, message: ApplicationMessage, schema: z.ZodObject, variable: string, phase: string) =>
    router.post(`/:id/${path}`, async (req, res) => {
      try {
        const id = req.params.id;
        if (!APPLICATION_ID_PATTERN.test(id)) return void notFound(res);
        if (message === 'PaymentConfirmed') {
          const check = verifyPaymentSignature(req.get('payment-signature'), (req as { rawBody?: Buffer }).rawBody, deps.paymentSecret, deps.clock());
          if (!check.ok) return void res.status(401).json({ errors: [{ field: 'Payment-Signature', message: check.message }] });
        }
        const parsed = schema.safeParse(req.body);
        if (!parsed.success) return void res.status(400).json({ errors: fieldErrors(parsed.error) });
        // A confirmation signed for one application confirms nothing for another.
        if (message === 'PaymentConfirmed' && parsed.data.applicationId !== id) {
          return void res.status(422).json({ errors: [{ field: 'applicationId', message: `the confirmation is for application ${String(parsed.data.applicationId)}, not ${id}` }] });
        }
        const result = await deps.applications.deliver(id, message, { [variable]: { ...parsed.data, receivedAt: deps.clock().toISOString() } }, clientOf(res));
        if (result.kind === 'not-found') return void notFound(res);
        if (result.kind === 'wrong-amount') {
          return void res.status(422).json({ errors: [{ field: 'amount', message: `must be the fee the rules charge: ${result.expected} CNY` }] });
        }
        if (result.kind === 'transaction-reused') {
          return void res.status(409).json({ errors: [{ field: 'transactionId', message: 'this transaction id confirmed the payment of another application' }] });
        }
        if (result.kind === 'wrong-phase') {
          return void res.status(409).json({ errors: [{ field: 'id', message: `the application is not waiting for ${phase}` }] });
        }
        res.status(202).json({ id, accepted: message });
      } catch (error) {
        engineDown(res, error);
      }
    });
  router.post('/:id/corrections', async (req, res) => {
    try {
      const id = req.params.id;
      if (!APPLICATION_ID_PATTERN.test(id)) return void notFound(res);
      const result = await deps.applications.correct(id, req.body, clientOf(res));
      switch (result.kind) {
        case 'not-found':
          return void notFound(res);
        case 'conflict':
          return void res.status(409).json({ errors: [{ field: 'id', message: result.message }] });
        case 'invalid':
          return void res.status(400).json({ errors: result.errors });
        case 'not-allowed':
          return void res.status(422).json({ errors: result.errors });
        case 'refused':
          return void res.status(422).json({ eligible: false, reasons: result.reasons });
        case 'materials-conflict':
          return void res.status(409).json({ errors: result.errors });
        case 'corrected':
          res.status(202).json({ id, corrected: result.fields, materials: result.materials, returnsTo: result.returnsTo, links: { self: applicationPath(id) } });
      }
    } catch (error) {
      engineDown(res, error);
    }
  });
  messageRoute('payment', 'PaymentConfirmed', paymentSchema, 'payment', 'a payment');
  messageRoute('objections', 'ObjectionLodged', objectionSchema, 'objection', 'objections (unit or result publicity)');

  return router;
}
