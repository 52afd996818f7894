// Types for the parts of camunda-external-task-client-js 3.x that the Camunda 7 adapter uses.
// The package ships none.
declare module 'camunda-external-task-client-js' {
  /** A typed variable as the REST API carries it. */
  export interface TypedValue {
    value: unknown;
    type: string;
    valueInfo?: Record<string, unknown>;
  }

  /** A task as /external-task/fetchAndLock returns it. */
  export interface LockedExternalTask {
    id: string;
    topicName: string;
    workerId: string;
    processInstanceId: string;
    processDefinitionKey: string;
    activityId: string;
    businessKey: string | null;
    retries: number | null;
    lockExpirationTime: string;
    variables: Record<string, TypedValue>;
  }

  /** got options after our interceptors ran. */
  export type RequestConfig = Record<string, unknown> & { json?: Record<string, unknown> };
  export type Interceptor = (config: RequestConfig) => RequestConfig;

  export interface FetchTopic {
    topicName: string;
    lockDuration: number;
    variables?: string[];
  }

  /** The client's engine service: thin REST calls with the worker id filled in. */
  export interface EngineService {
    workerId: string;
    fetchAndLock(body: {
      maxTasks: number;
      usePriority?: boolean;
      asyncResponseTimeout?: number;
      topics: FetchTopic[];
    }): Promise<LockedExternalTask[]>;
    complete(body: { id: string; variables?: Record<string, TypedValue>; localVariables?: Record<string, TypedValue> }): Promise<unknown>;
    handleFailure(
      task: { id: string },
      options: { errorMessage: string; errorDetails?: string; retries: number; retryTimeout: number },
    ): Promise<unknown>;
    handleBpmnError(
      task: { id: string },
      errorCode: string,
      errorMessage?: string,
      variables?: Record<string, TypedValue>,
    ): Promise<unknown>;
    extendLock(task: { id: string }, newDuration: number): Promise<unknown>;
    unlock(task: { id: string }): Promise<unknown>;
  }

  export interface ClientOptions {
    baseUrl: string;
    workerId?: string;
    maxTasks?: number;
    maxParallelExecutions?: number;
    interval?: number;
    lockDuration?: number;
    autoPoll?: boolean;
    asyncResponseTimeout?: number;
    usePriority?: boolean;
    interceptors?: Interceptor | Interceptor[];
    use?: ((client: Client) => void) | Array<(client: Client) => void>;
  }

  export class Client {
    constructor(options: ClientOptions);
    readonly options: ClientOptions;
    readonly engineService: EngineService;
    start(): void;
    stop(): void;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }

  /** Adds an Authorization: Basic header to every request. */
  /** Its constructor returns an interceptor adding an Authorization: Basic header. */
  export const BasicAuthInterceptor: new (options: { username: string; password: string }) => Interceptor;
}
