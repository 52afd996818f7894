// A handler context for calling handlers directly in unit tests.
import { createLogger } from '../../workers/log.js';
import type { HandlerContext } from '../../workers/runtime/handler.js';

export function createHandlerContext(over: Partial<HandlerContext> = {}): HandlerContext {
  return {
    taskId: 'task-1',
    businessKey: 'JL2024-ABCDEFGHJK',
    processInstanceId: 'pi-1',
    attempt: 1,
    log: createLogger('silent'),
    signal: new AbortController().signal,
    ...over,
  };
}
