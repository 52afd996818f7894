// What the portal API does with applications, independent of HTTP: validate, decide, start the
// category's flow with the application id as business key, report status, take corrections.
import type { Logger } from '../log.js';
import { applicationSchema, fieldErrors, type Application, type FieldError } from '../domain/application.js';
import { shanghaiYear, toShanghaiIso } from '../domain/time.js';
import { EngineRequestError, type CamundaRest } from '../engine/camunda-rest.js';
import type { PolicyProvider } from '../policies.js';
import { checkEligibility, type Reason } from '../rules/index.js';
import { newApplicationId } from './ids.js';


export type SubmitResult =
  | { kind: 'invalid'; errors: FieldError[] }
  | { kind: 'refused'; reasons: Reason[] }
  | { kind: 'started'; id: string; processInstanceId: string; status: string };

/** No flow is deployed for the application's category. */
export class FlowNotDeployedError extends Error {
  override readonly name = 'FlowNotDeployedError';
}

/** The process key of a category's top-level flow. */
export const processKeyOf = (category: Application['category']): string => `title-${category}`;

/** Status of an ended instance by the end event it reached. */
const END_STATUS: Record<string, string> = {
  refused: 'refused',
  rejected: 'rejected',
  withdrawn: 'withdrawn',
  'unit-approved': 'unit-approved',
};

export interface ApplicationServiceDeps {
  rest: CamundaRest;
  policies: PolicyProvider;
  clock: () => Date;
  log: Logger;
}

export class ApplicationService {
  constructor(private readonly deps: ApplicationServiceDeps) {}

  /** Validates, decides eligibility under the active policy at the server's time, and starts the flow. */
  async submit(body: unknown): Promise<SubmitResult> {
    const parsed = applicationSchema.safeParse(body);
    if (!parsed.success) return { kind: 'invalid', errors: fieldErrors(parsed.error) };
    const at = this.deps.clock();
    const application: Application = { ...parsed.data, submittedAt: toShanghaiIso(at) };
    const policy = this.deps.policies.active();
    const eligibility = checkEligibility(application, policy, at);
    if (!eligibility.eligible) return { kind: 'refused', reasons: eligibility.reasons };

    const id = newApplicationId(shanghaiYear(at));
    const key = processKeyOf(application.category);
    try {
      const instance = await this.deps.rest.startProcess(key, id, {
        applicationId: id,
        application,
        policyId: this.deps.policies.activeId,
        submittedAt: application.submittedAt,
      });
      this.deps.log.info({ applicationId: id, processInstanceId: instance.id, category: application.category }, 'application submitted');
      return { kind: 'started', id, processInstanceId: instance.id, status: 'submitted' };
    } catch (error) {
      if (error instanceof EngineRequestError && (error.status === 404 || /no processes deployed/i.test(error.message))) {
        throw new FlowNotDeployedError(`no flow "${key}" is deployed for category "${application.category}"`);
      }
      throw error;
    }
  }

  /** The status of an application, or null when the id is unknown. */
  async status(id: string): Promise<Record<string, unknown> | null> {
    const [root] = await this.deps.rest.historicProcessInstances({ processInstanceBusinessKey: id, rootProcessInstances: true });
    if (!root) return null;
    const tasks = await this.deps.rest.tasks({ processInstanceBusinessKey: id });
    let status = 'in-review';
    if (root.state !== 'ACTIVE') {
      const ends = await this.deps.rest.historicActivities({ processInstanceId: root.id, activityType: 'noneEndEvent' });
      const end = ends.map((e) => END_STATUS[String(e.activityId)]).find(Boolean);
      status = end ?? (root.state === 'COMPLETED' ? 'completed' : String(root.state).toLowerCase());
    } else if (tasks.length === 0) {
      status = 'processing';
    }
    return {
      id,
      processInstanceId: root.id,
      status,
      startedAt: root.startTime,
      endedAt: root.endTime ?? null,
      currentSteps: tasks.map((t) => ({ step: t.taskDefinitionKey, name: t.name, since: t.created, deadline: t.due })),
    };
  }
}
