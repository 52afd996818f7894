// The states an application passes through and the steps it waits in, one catalogue: what the
// registry's `state` and `current_step` columns hold, what the status and the offices' lists show,
// and what each topic's record step opens. A step's name is bilingual ("单位审核 Unit review"): the
// Chinese for reviewers, offices and the public, the English for operators' logs.

/** Every state of an application, with the label offices read in their lists and workbooks. */
export const APPLICATION_STATES = {
  starting: '已受理',
  submitted: '已提交',
  /** An instance carried over from an engine's history, between two tasks. */
  processing: '办理中',
  'in-review': '审核中',
  returned: '退回补正',
  'in-unit-publicity': '单位公示中',
  'awaiting-payment': '待缴费',
  'in-publicity': '结果公示中',
  refused: '不符合申报条件',
  rejected: '审核不通过',
  withdrawn: '视为放弃',
  failed: '评审未通过',
  revoked: '已撤销',
  certified: '已发证',
  appointed: '已聘任',
} as const;
export type ApplicationState = keyof typeof APPLICATION_STATES;

/** States an application ends in; a row in one of them is no longer live. */
export const END_STATES = ['refused', 'rejected', 'withdrawn', 'failed', 'revoked', 'certified', 'appointed'] as const satisfies readonly ApplicationState[];
export type EndState = (typeof END_STATES)[number];
export const isEndState = (state: string): state is EndState => (END_STATES as readonly string[]).includes(state);

/**
 * The outcome an end event of a top-level flow stands for: its id starts with it
 * (`withdrawn-committee` -> withdrawn), or undefined for an id that names none.
 */
export function endStateOf(endEventId: string | undefined): EndState | undefined {
  const state = endEventId?.split('-')[0];
  return state !== undefined && isEndState(state) ? state : undefined;
}

/** The route's levels and the committee: who reviews at a step. */
export type StepLevel = 'unit' | 'federation' | 'competent-department' | 'county-hr' | 'city-hr' | 'province-hr' | 'committee';

interface WaitingStep {
  /** The state the application is in while the step is open. */
  state: ApplicationState;
  /** Who acts at the step, where the step alone says it. */
  level?: StepLevel;
  zh: string;
  en: string;
}

/** The steps an application waits in: the registry opens one at a time (`current_step`). */
export const WAITING_STEPS = {
  'unit-review-task': { state: 'in-review', level: 'unit', zh: '单位审核', en: 'Unit review' },
  'level-review-task': { state: 'in-review', zh: '逐级审核', en: 'Level review' },
  'await-correction': { state: 'returned', zh: '退回补正', en: 'Returned for correction' },
  'unit-publicity': { state: 'in-unit-publicity', zh: '单位公示', en: 'Unit publicity' },
  'assign-committee-task': { state: 'in-review', level: 'province-hr', zh: '指定评审委员会', en: 'Committee assignment by the provincial HR department' },
  'await-payment': { state: 'awaiting-payment', zh: '缴费', en: 'Payment' },
  'committee-vote': { state: 'in-review', level: 'committee', zh: '组织评审', en: 'Committee review' },
  'waive-vote': { state: 'in-review', level: 'committee', zh: '初级认定', en: 'No committee vote needed' },
  'result-publicity': { state: 'in-publicity', zh: '结果公示', en: 'Result publicity' },
  'investigate-objection': { state: 'in-review', zh: '异议调查', en: 'Objection investigation' },
  'investigate-unit-objection': { state: 'in-review', zh: '异议调查', en: 'Objection investigation' },
} as const satisfies Record<string, WaitingStep>;
export type WaitingStepId = keyof typeof WAITING_STEPS;

/** A step's bilingual name as the registry records it. */
export const stepName = (id: WaitingStepId): string => `${WAITING_STEPS[id].zh} ${WAITING_STEPS[id].en}`;

/** What opening a step records by default: its id, its state, its name and, where fixed, its level. */
export function waitingStep<Id extends WaitingStepId>(id: Id): { step: Id; state: (typeof WAITING_STEPS)[Id]['state']; name: string; level?: StepLevel } {
  const s: WaitingStep = WAITING_STEPS[id];
  return { step: id, state: s.state as (typeof WAITING_STEPS)[Id]['state'], name: stepName(id), ...(s.level ? { level: s.level } : {}) };
}

/** The step after the fee: the committee's vote, or for what goes without one (初级认定) the step that records why. */
export const stepAfterFee = (needsVote: boolean) => waitingStep(needsVote ? 'committee-vote' : 'waive-vote');
