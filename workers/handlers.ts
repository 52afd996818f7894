// Every topic handler of the product, built from its dependencies. One list, one place.
import type { PolicyProvider } from './policies.js';
import type { AnyHandler } from './runtime/handler.js';
import { HandlerRegistry } from './runtime/registry.js';
import { createCheckEligibility } from './topics/check-eligibility.js';
import { createRecordLevelReview } from './topics/record-level-review.js';
import { createRecordUnitReview } from './topics/record-unit-review.js';
import { createRouteNextLevel } from './topics/route-next-level.js';

export interface HandlerDeps {
  policies: PolicyProvider;
}

/** All handlers; a duplicate topic fails here, at start-up. */
export function createRegistry(deps: HandlerDeps): HandlerRegistry {
  const handlers: AnyHandler[] = [createCheckEligibility(deps), createRecordUnitReview(), createRouteNextLevel(), createRecordLevelReview()];
  return new HandlerRegistry(handlers);
}
