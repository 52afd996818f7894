// Saved Tasklist filters for the offices. Each filter lists the tasks of the logged-in user's own
// groups (`${currentUserGroups()}`), so one set of filters serves every office level (unit,
// competent department, county, city, province, committee) and each sees its own work only; the
// global READ grant on filters (identity.ts) lets every office user read them. Creating them is
// idempotent: a filter of the same name is updated to this definition.
import type { Logger } from '../../log.js';
import type { CamundaRest } from './rest-client.js';

/**
 * The variables an office sorts and tells applications apart by, shown on every task card (the
 * applicant's name is in the task's name, above them; the due date beside it).
 */
export const FILTER_VARIABLES = [
  { name: 'unitName', label: '单位' },
  { name: 'categoryName', label: '申报类别' },
  { name: 'titleApplied', label: '申报职称' },
  { name: 'applicationId', label: '申请编号' },
  { name: 'divisionName', label: '行政区划' },
] as const;

/** A saved task filter as the engine's REST API takes it. */
export interface FilterSpec {
  name: string;
  query: Record<string, unknown>;
  properties: { description: string; priority: number; color: string; refresh: boolean; variables: readonly { name: string; label: string }[] };
}

const mine = { candidateGroupsExpression: '${currentUserGroups()}', includeAssignedTasks: true };
const byDueDate = [{ sortBy: 'dueDate', sortOrder: 'asc' }];

/** The offices' filters, in the order Tasklist lists them (by priority). */
export const OFFICE_FILTERS: readonly FilterSpec[] = [
  {
    name: '本单位待审 · 按截止日期',
    query: { ...mine, sorting: byDueDate },
    properties: { description: "My group's open reviews, by due date", priority: -30, color: '#2f6fb3', refresh: true, variables: FILTER_VARIABLES },
  },
  {
    name: '3个工作日内到期',
    // A review task's follow-up date is the first of the last three working days before its
    // deadline (workers/rules/follow-up.ts): it has passed exactly when the task is due within three.
    query: { ...mine, followUpBeforeExpression: '${now()}', sorting: byDueDate },
    properties: { description: 'Due within 3 working days', priority: -20, color: '#c0392b', refresh: true, variables: FILTER_VARIABLES },
  },
  {
    name: '退回补正后重新提交',
    // The review of an application the same level returned for correction, back after the correction.
    query: {
      ...mine,
      orQueries: [{ processVariables: [{ name: 'unitReviewOutcome', operator: 'eq', value: 'return' }, { name: 'levelReviewOutcome', operator: 'eq', value: 'return' }] }],
      sorting: byDueDate,
    },
    properties: { description: 'Returned for correction, corrected and back for review', priority: -10, color: '#d68910', refresh: true, variables: FILTER_VARIABLES },
  },
];

interface FilterRow {
  id: string;
  name: string;
}

/** Creates the offices' filters, or brings existing ones of the same name up to date. */
export async function ensureOfficeFilters(rest: CamundaRest, log?: Logger): Promise<{ created: number; updated: number; ids: Record<string, string> }> {
  let created = 0;
  let updated = 0;
  const ids: Record<string, string> = {};
  for (const spec of OFFICE_FILTERS) {
    const body = { resourceType: 'Task', name: spec.name, owner: null, query: spec.query, properties: spec.properties };
    const [existing] = await rest.request<FilterRow[]>('GET', `/filter?resourceType=Task&name=${encodeURIComponent(spec.name)}`);
    if (existing) {
      await rest.request('PUT', `/filter/${encodeURIComponent(existing.id)}`, body);
      ids[spec.name] = existing.id;
      updated++;
    } else {
      const made = await rest.request<FilterRow>('POST', '/filter/create', body);
      ids[spec.name] = made.id;
      created++;
    }
  }
  log?.info({ created, updated }, 'Tasklist filters of the offices in place');
  return { created, updated, ids };
}
