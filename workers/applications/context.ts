// What the parts of the application service share: their dependencies, the flow of a category,
// which client an application belongs to, and the policy it was submitted under.
import type { Logger } from '../log.js';
import type { Application } from '../domain/application.js';
import type { WorkflowEngine } from '../adapters/camunda7/workflow-engine.js';
import type { PolicyProvider } from '../policy/provider.js';
import type { Registry, ApplicationRow } from '../registry/registry.js';
import type { Policy } from '../rules/index.js';

export interface ApplicationServiceDeps {
  registry: Registry;
  engine: WorkflowEngine;
  policies: PolicyProvider;
  clock: () => Date;
  log: Logger;
  /** The link reviewers open an application's document with from Tasklist (reviewDocumentLink). */
  documentLink?: (ref: { applicationId: string; name: string; sha256: string; fileName: string }) => string;
}

/** The process key of a category's top-level flow. */
export const processKeyOf = (category: Application['category']): string => `title-${category}`;

/** Whether `client` (an API client's name) submitted the application; no client: the product itself asks. */
export function submittedBy(row: ApplicationRow, client: string | undefined): boolean {
  return client === undefined || row.caller === client;
}

/** The policy an application was submitted under (the active one when that is no longer shipped). */
export function policyOf(policies: PolicyProvider, row: ApplicationRow): Policy {
  try {
    return policies.get(row.policy_id);
  } catch {
    return policies.active();
  }
}
