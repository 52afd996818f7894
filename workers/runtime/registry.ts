// The registry: one handler per topic, a duplicate topic is an error at start-up.
import type { AnyHandler } from './handler.js';

/** Topic -> handler, frozen after construction. */
export class HandlerRegistry {
  private readonly byTopic = new Map<string, AnyHandler>();

  constructor(handlers: readonly AnyHandler[]) {
    for (const handler of handlers) {
      if (this.byTopic.has(handler.topic)) {
        throw new Error(`duplicate handler for topic "${handler.topic}"`);
      }
      this.byTopic.set(handler.topic, handler);
    }
  }

  get(topic: string): AnyHandler | undefined {
    return this.byTopic.get(topic);
  }

  topics(): string[] {
    return [...this.byTopic.keys()].sort();
  }

  all(): AnyHandler[] {
    return [...this.byTopic.values()];
  }

  /** The variable names a topic's input schema reads (fetched with its tasks). */
  variablesOf(topic: string): string[] {
    const handler = this.byTopic.get(topic);
    return handler ? Object.keys(handler.input.shape) : [];
  }
}
