// The registry's facts override what the process variables say (integrity): the handler sees the
// registry's application, route and level index; other inputs pass as the runtime parsed them.
import { z } from 'zod';
import { reviewedLevelIndex, withRegistryFacts } from '../../workers/registry/facts.js';
import type { ApplicationRow, EventRow } from '../../workers/registry/registry.js';
import { defineHandler } from '../../workers/runtime/handler.js';
import { complete } from '../../workers/runtime/outcome.js';
import { createRecordLevelReview } from '../../workers/topics/record-level-review.js';
import { createRecordUnitReview } from '../../workers/topics/record-unit-review.js';
import { BusinessError } from '../../workers/runtime/outcome.js';
import { createHandlerContext } from '../support/handler-context.js';

const route = [{ level: 'unit' }, { level: 'county-hr' }, { level: 'city-hr' }, { level: 'province-hr' }];
const row = { id: 'JL2026-ABCDEFGHJK', application: { category: 'regular', level: 'intermediate' }, policy_id: '2024', route, committee_id: null, committee_group: null } as unknown as ApplicationRow;
const event = (step: string, level: string | null) => ({ kind: 'step-opened', step, level }) as unknown as EventRow;

const seen: unknown[] = [];
/** A policy without material kinds: these reviews return no materials. */
const noMaterials = { get: () => ({ materials: { kinds: {} } }) } as never;
const handler = defineHandler({
  topic: 'probe',
  description: 'probe',
  input: z.object({
    application: z.object({ category: z.string(), level: z.string() }),
    policyId: z.string(),
    route: z.array(z.object({ level: z.string() })),
    reviewLevelIndex: z.number().nullish(),
    // A transformed input: parsed once by the runtime, never again.
    names: z.preprocess((v) => (typeof v === 'string' ? v.split(',') : v), z.array(z.string())),
  }),
  outputs: [],
  async handle(input) {
    seen.push(input);
    return complete();
  },
});

describe('withRegistryFacts (integrity: the flow decides from the registry)', () => {
  it('takes application, policy, route and the level reviewed last from the registry, not from forged variables', async () => {
    const wrapped = withRegistryFacts(handler, { factsOf: async () => row, events: async () => [event('unit-review-task', 'unit'), event('level-review-task', 'county-hr')], materialsOf: async () => [] });
    expect(Object.keys(wrapped.input.shape).sort()).toEqual(['names']);
    expect(wrapped.registryFacts).toEqual(['application', 'policyId', 'route', 'reviewLevelIndex']);
    const forged = { application: { category: 'rural-revitalization', level: 'associate-senior' }, policyId: 'x', route: [], reviewLevelIndex: 2, names: 'a,b' };
    const parsed = wrapped.input.parse(forged);
    await wrapped.handle(parsed, createHandlerContext());
    expect(seen.at(-1)).toEqual({ application: { category: 'regular', level: 'intermediate' }, policyId: '2024', route, reviewLevelIndex: 1, names: ['a', 'b'] });
  });

  it('lists the materials the registry attached to the application, not a forged `materials` variable', async () => {
    const stored = { id: 'M1', application_id: row.id, caller: 'portal', kind: 'diploma', label: '学历证书', file_name: '毕业证.pdf', content_type: 'application/pdf', bytes: 2048, pages: 2, sha256: 'ab'.repeat(32) };
    const lister = defineHandler({
      topic: 'lister',
      description: 'l',
      input: z.object({ application: z.unknown(), materials: z.array(z.object({ id: z.string(), fileName: z.string(), pages: z.number().nullable() })).default([]) }),
      outputs: [],
      handle: async (input) => {
        seen.push(input.materials);
        return complete();
      },
    });
    const wrapped = withRegistryFacts(lister, { factsOf: async () => row, events: async () => [], materialsOf: async () => [stored] as never });
    expect(wrapped.registryFacts).toEqual(['application', 'materials']);
    await wrapped.handle(wrapped.input.parse({ materials: [{ id: 'FORGED', fileName: 'x.pdf', pages: 1 }] }), createHandlerContext());
    expect(seen.at(-1)).toEqual([{ id: 'M1', fileName: '毕业证.pdf', pages: 2 }]);
  });

  it('reviewedLevelIndex: null before the first level above the unit, then the index of the last level opened', () => {
    expect(reviewedLevelIndex(route, [event('unit-review-task', 'unit')])).toBeNull();
    expect(reviewedLevelIndex(route, [event('level-review-task', 'county-hr'), event('level-review-task', 'city-hr')])).toBe(2);
  });

  it('leaves the committee of a certificate\'s objection case (no application or policy in its input) to its variables', () => {
    const caseStep = defineHandler({ topic: 'case', description: 'c', input: z.object({ committeeGroup: z.string().nullish() }), outputs: [], handle: async () => complete() });
    expect(withRegistryFacts(caseStep, { factsOf: async () => row, events: async () => [], materialsOf: async () => [] })).toBe(caseStep);
  });

  it('leaves a handler without facts as it is', () => {
    const plain = defineHandler({ topic: 'plain', description: 'p', input: z.object({ x: z.string() }), outputs: [], handle: async () => complete() });
    expect(withRegistryFacts(plain, { factsOf: async () => row, events: async () => [], materialsOf: async () => [] })).toBe(plain);
  });

  describe('each review task\'s group is checked against the registry\'s route', () => {
    const opened = (step: string, level: string, office: string) => ({ kind: 'step-opened', step, level, office }) as unknown as EventRow;
    const events = [opened('unit-review-task', 'unit', 'unit-91220106MA0Y5K8Q7H'), opened('level-review-task', 'county-hr', 'hr-220106')];
    const registry = { factsOf: async () => row, events: async () => events, materialsOf: async () => [] };
    const approve = { levelReviewDecision: 'approve', reviewLevel: 'county-hr', reviewOffice: '绿园区人社局' };

    it('a level review whose task went to another group is not recorded and goes back to the route\'s office', async () => {
      const level = withRegistryFacts(createRecordLevelReview({ policies: noMaterials }), registry);
      expect(level.registryFacts).toEqual(['policyId', 'levelOffice']);
      const forged = level.input.parse({ ...approve, reviewGroup: 'unit-91220106MA0Y5K8Q7H', levelOffice: 'unit-91220106MA0Y5K8Q7H' });
      const refused = await level.handle(forged, createHandlerContext()).then(() => null, (e: unknown) => e);
      expect(refused).toBeInstanceOf(BusinessError);
      expect(refused).toMatchObject({ code: 'LEVEL_REVIEW_INVALID', variables: { reviewGroup: 'hr-220106' } });
      expect((refused as Error).message).toMatch(/^reviewGroup: this review belongs to hr-220106, the office the application's route names \(the task went to unit-91220106MA0Y5K8Q7H\)/);
      // The honest one is recorded.
      const honest = await level.handle(level.input.parse({ ...approve, reviewGroup: 'hr-220106' }), createHandlerContext());
      expect(honest).toMatchObject({ kind: 'complete', variables: { levelReviewOutcome: 'approve' } });
    });

    it('so is a unit review, against the unit office the registry opened it for', async () => {
      const unit = withRegistryFacts(createRecordUnitReview({ policies: noMaterials }), registry);
      const record = { unitReviewDecision: 'approve', panelMembers: [{ name: '王一' }, { name: '李二' }, { name: '赵三' }], supervisor: '刘监督' };
      await expect(unit.handle(unit.input.parse({ ...record, unitGroup: 'hr-220106' }), createHandlerContext())).rejects.toMatchObject({ code: 'UNIT_REVIEW_INVALID', variables: { unitGroup: 'unit-91220106MA0Y5K8Q7H' } });
      await expect(unit.handle(unit.input.parse({ ...record, unitGroup: 'unit-91220106MA0Y5K8Q7H' }), createHandlerContext())).resolves.toMatchObject({ kind: 'complete', variables: { unitReviewOutcome: 'approve' } });
    });
  });
});
