// Committee intake (SPEC 2.5): the provincial HR department assigns the application to a review
// committee's office by series, specialty and authorised level; the committee's office group
// reviews the qualification.
import { z } from 'zod';
import { applicationSchema } from '../domain/application.js';
import type { PolicyProvider } from '../policies.js';
import { defineHandler } from '../runtime/handler.js';
import { BusinessError, complete } from '../runtime/outcome.js';
import { assignCommittee } from '../rules/index.js';

export const topic = 'assign-committee';

export const input = z.object({ application: applicationSchema, policyId: z.string().min(1) });

export const createAssignCommittee = (deps: { policies: PolicyProvider }) =>
  defineHandler({
    topic,
    description: 'Assigns the review committee by series, specialty and level',
    input,
    outputs: ['committeeId', 'committeeName', 'committeeGroup', 'committeeMembers', 'voteMembers'],
    errors: ['NO_COMMITTEE'],
    async handle({ application, policyId }) {
      const result = assignCommittee(application, deps.policies.get(policyId));
      if (!result.ok) throw new BusinessError('NO_COMMITTEE', result.reasons.map((r) => `${r.field}: ${r.message}`).join('; '));
      const c = result.committee;
      // voteMembers pre-fills the vote form with the registry's size; the committee corrects it if needed.
      return complete({ committeeId: c.id, committeeName: c.name, committeeGroup: `committee-${c.id}`, committeeMembers: c.members, voteMembers: c.members });
    },
  });
