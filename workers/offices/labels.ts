// Chinese labels of what an office's lists and workbooks print.
import { APPLICATION_STATES } from '../domain/steps.js';

export { LEVEL_LABELS } from '../domain/application.js';

/** Application states (README, "Flows, offices and deadlines") as offices call them: the step catalogue's labels. */
export const STATE_LABELS: Readonly<Record<string, string>> = APPLICATION_STATES;
