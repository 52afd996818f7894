// Prometheus metrics of one process, on a registry of its own (tests create several).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The metrics the runtime and the API record. */
export interface Metrics {
  registry: Registry;
  /** Tasks finished per topic and outcome (complete, bpmn-error, retry, incident, abandoned). */
  tasks: Counter<'topic' | 'outcome'>;
  /** Handler latency per topic. */
  handlerSeconds: Histogram<'topic'>;
  /** Tasks being handled right now. */
  inFlight: Gauge;
  /** Failed attempts to fetch work from the engine. */
  pollErrors: Counter;
  /** Documents rendered, per template. */
  documents: Counter<'template'>;
}

/** Creates the metrics on a fresh registry (with Node's default process metrics). */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    tasks: new Counter({
      name: 'title_review_tasks_total',
      help: 'External tasks finished, by topic and outcome',
      labelNames: ['topic', 'outcome'],
      registers: [registry],
    }),
    handlerSeconds: new Histogram({
      name: 'title_review_handler_seconds',
      help: 'Time a handler took, by topic',
      labelNames: ['topic'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    inFlight: new Gauge({
      name: 'title_review_tasks_in_flight',
      help: 'External tasks being handled now',
      registers: [registry],
    }),
    pollErrors: new Counter({
      name: 'title_review_poll_errors_total',
      help: 'Failed fetch-and-lock requests (engine unreachable or refusing)',
      registers: [registry],
    }),
    documents: new Counter({
      name: 'title_review_documents_rendered_total',
      help: 'Documents rendered, by template',
      labelNames: ['template'],
      registers: [registry],
    }),
  };
}
