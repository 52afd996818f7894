// The one interface between the product and a workflow engine: the engine only acts. The API and
// the rules never call an engine client directly; a second engine adapter implements these
// verbs and nothing above it changes. Facts are never read back from an engine: they live in the
// registry (workers/registry).
import { EngineRequestError, type CamundaRest } from './rest-client.js';
import { toTypedVariables } from './variables.js';

/** No flow is deployed under the key. */
export class FlowNotDeployedError extends Error {
  override readonly name = 'FlowNotDeployedError';
}

/** Nobody in the flow waits for the message now (the application is in another phase). */
export class NotWaitingError extends Error {
  override readonly name = 'NotWaitingError';
}

export interface WorkflowEngine {
  /** Which engine this is, recorded with each application it drives. */
  readonly name: string;
  /**
   * Starts the flow `processKey` for `businessKey` (the application id). With `resume`, idempotent
   * per business key and flow: a start repeated after a crash returns the instance already running
   * (a first start of a new id skips that look-up).
   */
  start(processKey: string, businessKey: string, variables: Record<string, unknown>, options?: { resume?: boolean }): Promise<{ id: string }>;
  /** Delivers a message to the application's flow; NotWaitingError when no step waits for it. */
  correlate(message: string, businessKey: string, variables?: Record<string, unknown>): Promise<void>;
  /** Cancels a running instance (a duplicate started by a race, an application withdrawn). */
  cancel(instanceId: string, reason: string): Promise<void>;
  /**
   * Shows the flows waiting in user task `taskKey` of office `group` a value to read (a form's
   * options, never a fact: the registry keeps those); how many tasks it reached.
   */
  showWaitingTasks(taskKey: string, group: string, variables: Record<string, unknown>): Promise<number>;
}

/** Camunda 7 (and its REST-compatible continuations) through its REST API. */
export class Camunda7Engine implements WorkflowEngine {
  readonly name = 'camunda7';

  constructor(private readonly rest: CamundaRest) {}

  async start(processKey: string, businessKey: string, variables: Record<string, unknown>, options: { resume?: boolean } = {}): Promise<{ id: string }> {
    if (options.resume) {
      const [running] = await this.rest.processInstances({ businessKey, processDefinitionKey: processKey });
      if (running) return { id: running.id };
    }
    try {
      const instance = await this.rest.startProcess(processKey, businessKey, variables);
      if (options.resume) return { id: await this.keepEarliest(processKey, businessKey, instance.id) };
      return { id: instance.id };
    } catch (error) {
      if (error instanceof EngineRequestError && (error.status === 404 || /no processes deployed/i.test(error.message))) {
        throw new FlowNotDeployedError(`no flow "${processKey}" is deployed`);
      }
      throw error;
    }
  }

  /**
   * A resumed start can meet a start of the process that died, still running at the engine: of two
   * instances of one application the earliest stays, the other is cancelled.
   */
  private async keepEarliest(processKey: string, businessKey: string, started: string): Promise<string> {
    const running = await this.rest.historicProcessInstances({ processDefinitionKey: processKey, processInstanceBusinessKey: businessKey, unfinished: true, rootProcessInstances: true, sorting: [{ sortBy: 'startTime', sortOrder: 'asc' }] });
    const [earliest, ...later] = running;
    if (!earliest) return started;
    for (const duplicate of later) await this.cancel(duplicate.id, `a second start of application ${businessKey}`);
    return earliest.id;
  }

  async correlate(message: string, businessKey: string, variables: Record<string, unknown> = {}): Promise<void> {
    try {
      await this.rest.correlate(message, businessKey, variables);
    } catch (error) {
      // The engine refuses a message nobody waits for.
      if (error instanceof EngineRequestError && error.status === 400) throw new NotWaitingError(error.message);
      throw error;
    }
  }

  async cancel(instanceId: string, _reason: string): Promise<void> {
    await this.rest.deleteProcessInstance(instanceId);
  }

  async showWaitingTasks(taskKey: string, group: string, variables: Record<string, unknown>): Promise<number> {
    const tasks = await this.rest.tasks({ taskDefinitionKey: taskKey, candidateGroup: group });
    for (const instance of new Set(tasks.map((t) => t.processInstanceId))) {
      await this.rest.request('POST', `/process-instance/${instance}/variables`, { modifications: toTypedVariables(variables) });
    }
    return tasks.length;
  }
}
