// A small client of the Camunda 7 REST API for what the HTTP API, deployment and tests need
// (the workers talk through camunda-external-task-client-js instead).
import { fromTypedVariables, toTypedVariables, type TypedValue } from './variables.js';

/** The engine could not be reached or answered 5xx. */
export class EngineUnavailableError extends Error {
  override readonly name = 'EngineUnavailableError';
}

/** The engine answered 4xx (or another non-success status). */
export class EngineRequestError extends Error {
  override readonly name = 'EngineRequestError';
  constructor(
    readonly status: number,
    readonly type: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

export interface EngineAuth {
  username: string;
  password: string;
}

export interface ProcessInstance {
  id: string;
  definitionId: string;
  businessKey: string | null;
  ended: boolean;
  suspended: boolean;
}

export interface EngineTask {
  id: string;
  name: string;
  assignee: string | null;
  created: string;
  due: string | null;
  taskDefinitionKey: string;
  processInstanceId: string;
  processDefinitionId: string;
  formKey: string | null;
  /** The task's Camunda Form: `camundaFormRef` on Camunda 7, `operatonFormRef` on Operaton. */
  camundaFormRef?: FormRef | null;
  operatonFormRef?: FormRef | null;
}

/** A user task's reference to a deployed Camunda Form. */
export interface FormRef {
  key: string;
  binding: string;
  version: number | null;
}

/** The key of a task's Camunda Form, from either engine's field. */
export function formRefKey(task: EngineTask): string | undefined {
  return (task.camundaFormRef ?? task.operatonFormRef)?.key;
}

export interface Deployment {
  id: string;
  name: string;
  deployedProcessDefinitions: Record<string, { id: string; key: string; version: number }> | null;
}

/** One resource of a deployment. */
export interface DeploymentFile {
  name: string;
  content: string | Buffer;
}

/** Thin, typed wrapper over fetch() for the Camunda 7 REST API. */
/** One row of the history's variable instances, its value as stored (deserializeValues=false). */
interface HistoricVariableRow {
  name: string;
  type: string;
  value: unknown;
  valueInfo?: Record<string, unknown>;
  processInstanceId: string;
  createTime: string;
}

const typedValue = (r: HistoricVariableRow): TypedValue => ({ type: r.type, value: r.value, valueInfo: r.valueInfo }) as TypedValue;

export class CamundaRest {
  /** The nodes of the engine (one, or the nodes of a cluster sharing one database). */
  private readonly bases: string[];
  /** The node that answered last: requests go there first. */
  private current = 0;
  private readonly headers: Record<string, string>;

  constructor(
    baseUrl: string | readonly string[],
    auth?: EngineAuth,
    private readonly timeoutMs = 30_000,
  ) {
    this.bases = (typeof baseUrl === 'string' ? [baseUrl] : [...baseUrl]).map((b) => b.replace(/\/$/, ''));
    if (this.bases.length === 0) throw new Error('CamundaRest needs at least one engine URL');
    this.headers = auth
      ? { authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}` }
      : {};
  }

  /** The node requests go to first. */
  get base(): string {
    return this.bases[this.current]!;
  }

  /**
   * Sends a request; JSON bodies are encoded, JSON answers decoded. When a node of a cluster does
   * not answer, the next one is tried and becomes the first for later requests.
   */
  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    let last: unknown;
    for (let i = 0; i < this.bases.length; i++) {
      const node = (this.current + i) % this.bases.length;
      try {
        const answer = await this.requestAt<T>(this.bases[node]!, method, path, body);
        this.current = node;
        return answer;
      } catch (error) {
        if (!(error instanceof EngineUnavailableError)) throw error;
        last = error;
      }
    }
    throw last;
  }

  private async requestAt<T>(base: string, method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    const init: RequestInit = { method, headers: { ...this.headers }, signal: AbortSignal.timeout(this.timeoutMs) };
    if (body instanceof FormData) {
      init.body = body;
    } else if (body !== undefined) {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
    }
    try {
      response = await fetch(base + path, init);
    } catch (error) {
      throw new EngineUnavailableError(`engine unreachable at ${base}: ${(error as Error).message}`);
    }
    const text = await response.text();
    if (!response.ok) {
      let type: string | undefined;
      let message = text;
      try {
        const parsed = JSON.parse(text) as { type?: string; message?: string };
        type = parsed.type;
        message = parsed.message ?? text;
      } catch {
        // not JSON: keep the text
      }
      if (response.status >= 500 && !type) throw new EngineUnavailableError(`engine ${response.status}: ${message}`);
      throw new EngineRequestError(response.status, type, `${method} ${path}: ${response.status} ${message}`);
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }

  version(): Promise<{ version: string }> {
    return this.request('GET', '/version');
  }

  /** Deploys resources; with duplicate filtering only changed resources make a new version. */
  deploy(name: string, files: DeploymentFile[], source = 'title-review'): Promise<Deployment> {
    const form = new FormData();
    form.set('deployment-name', name);
    form.set('deployment-source', source);
    form.set('enable-duplicate-filtering', 'true');
    form.set('deploy-changed-only', 'true');
    for (const file of files) {
      form.set(file.name, new Blob([file.content]), file.name);
    }
    return this.request('POST', '/deployment/create', form);
  }

  /** Starts the latest version of `key` with a business key. */
  async startProcess(key: string, businessKey: string, variables: Record<string, unknown>): Promise<ProcessInstance> {
    return this.request('POST', `/process-definition/key/${encodeURIComponent(key)}/start`, {
      businessKey,
      variables: toTypedVariables(variables),
    });
  }

  /** Correlates a message to the instance(s) holding `businessKey`; returns how many it reached. */
  async correlate(messageName: string, businessKey: string, variables: Record<string, unknown> = {}): Promise<number> {
    const result = await this.request<unknown[]>('POST', '/message', {
      messageName,
      businessKey,
      processVariables: toTypedVariables(variables),
      resultEnabled: true,
      all: false,
    });
    return result.length;
  }

  tasks(query: Record<string, unknown>): Promise<EngineTask[]> {
    return this.request('POST', '/task', query);
  }

  /** The candidate groups of a task (the offices that may work on it). */
  async candidateGroups(taskId: string): Promise<string[]> {
    const links = await this.request<Array<{ type: string; groupId: string | null }>>('GET', `/task/${taskId}/identity-links?type=candidate`);
    return links.map((l) => l.groupId).filter((g): g is string => g !== null);
  }

  completeTask(taskId: string, variables: Record<string, unknown>): Promise<void> {
    return this.request('POST', `/task/${taskId}/complete`, { variables: toTypedVariables(variables) });
  }

  async variables(processInstanceId: string): Promise<Record<string, unknown>> {
    const typed = await this.request<Record<string, TypedValue>>(
      'GET',
      `/process-instance/${processInstanceId}/variables?deserializeValues=false`,
    );
    return fromTypedVariables(typed);
  }

  processInstances(query: Record<string, unknown>): Promise<ProcessInstance[]> {
    return this.request('POST', '/process-instance', query);
  }

  historicProcessInstances(query: Record<string, unknown>): Promise<Array<Record<string, unknown> & { id: string; state: string }>> {
    return this.request('POST', '/history/process-instance', query);
  }

  /** Rows of the history's variable instances of some names in some instances, values as stored. */
  private historicVariableRows(processInstanceIds: string[], names: string[]): Promise<HistoricVariableRow[]> {
    return this.request('POST', '/history/variable-instance?deserializeValues=false', { processInstanceIdIn: processInstanceIds, variableNameIn: names });
  }

  /**
   * Values of some variables across instances (history, so ended instances answer too). When
   * several instances hold a name, the first id of `processInstanceIds` wins, then the newest.
   */
  async historicVariables(processInstanceIds: string | string[], names: string[]): Promise<Record<string, unknown>> {
    const ids = Array.isArray(processInstanceIds) ? processInstanceIds : [processInstanceIds];
    const rows = await this.historicVariableRows(ids, names);
    const rank = (r: HistoricVariableRow) => (r.processInstanceId === ids[0] ? '~' : r.createTime);
    rows.sort((a, b) => (rank(a) < rank(b) ? -1 : 1));
    return fromTypedVariables(Object.fromEntries(rows.map((r) => [r.name, typedValue(r)])));
  }

  /** Ids of the instances (history, ended ones too) whose variable `name` holds the string `value`. */
  async historicInstancesWithVariable(name: string, value: string): Promise<string[]> {
    const rows = await this.request<Array<{ processInstanceId: string }>>('POST', '/history/variable-instance', { variableName: name, variableValue: value });
    return [...new Set(rows.map((r) => r.processInstanceId))];
  }

  /** Values of some variables per instance (history), for reports across many applications. */
  async historicVariablesByInstance(processInstanceIds: string[], names: string[]): Promise<Map<string, Record<string, unknown>>> {
    const typed = new Map<string, Record<string, TypedValue>>();
    for (let i = 0; i < processInstanceIds.length; i += 200) {
      for (const r of await this.historicVariableRows(processInstanceIds.slice(i, i + 200), names)) {
        typed.set(r.processInstanceId, { ...typed.get(r.processInstanceId), [r.name]: typedValue(r) });
      }
    }
    return new Map([...typed].map(([id, vars]) => [id, fromTypedVariables(vars)]));
  }

  historicActivities(query: Record<string, unknown>): Promise<Array<Record<string, unknown>>> {
    return this.request('POST', '/history/activity-instance', query);
  }

  externalTasks(query: Record<string, unknown>): Promise<Array<Record<string, unknown> & { id: string }>> {
    return this.request('POST', '/external-task', query);
  }

  incidents(processInstanceId: string): Promise<Array<Record<string, unknown>>> {
    return this.request('GET', `/incident?processInstanceId=${encodeURIComponent(processInstanceId)}`);
  }

  deleteProcessInstance(id: string): Promise<void> {
    return this.request('DELETE', `/process-instance/${id}?skipCustomListeners=true&skipIoMappings=true`);
  }
}
