// Offices in the engine's identity service, so that each office sees only its own tasks in Tasklist.
//
// Tasks name their office as candidate group (hr-220106, committee-jl-arts, unit-<credit code>, ...).
// With authorization on, the engine grants a task's candidate groups READ and UPDATE on that task
// and nothing else, so Tasklist's "All tasks" filter shows each user the tasks of their groups.
// Provisioning creates a group per office of the policy (every HR office of the province, every
// committee, the federations' office), lets every user open Tasklist and read its shared filters,
// and, for local runs only, demo users for one application's whole route.
// Every call is idempotent: existing groups, users, memberships and grants are left as they are.
import { FEDERATION_GROUP, hrGroup } from '../../domain/offices.js';
import type { Logger } from '../../log.js';
import type { Policy } from '../../rules/index.js';
import { allDivisions, committeeGroup, officeName } from '../../rules/index.js';
import { EngineRequestError, type CamundaRest } from './rest-client.js';
import { ensureOfficeFilters } from './filters.js';

export interface GroupSpec {
  id: string;
  name: string;
}

export interface UserSpec {
  id: string;
  firstName: string;
  lastName: string;
  groups: string[];
}

/** Authorization resource types and the global authorization type of the engine's REST API. */
const RESOURCE = { application: 0, filter: 5, processDefinition: 6 } as const;
const GLOBAL = 0;

/** The groups of the offices a policy's flows address, competent departments from the policy's registry included. */
export function officeGroups(policy: Policy): GroupSpec[] {
  return [
    ...allDivisions(policy).map((d) => ({ id: hrGroup(d.code), name: officeName(d, policy) })),
    ...policy.competentDepartments.entries.map((d) => ({ id: d.group, name: d.name })),
    ...policy.committees.map((c) => ({ id: committeeGroup(c), name: c.name })),
    { id: FEDERATION_GROUP, name: '省文联、省作协（自由职业者审核）' },
  ];
}

/** Demo users (local runs): one per office on the route of the example application, and its committee. */
export const DEMO_USERS: UserSpec[] = [
  { id: 'unit-hr', firstName: '单位人事', lastName: '长春某某科技有限公司', groups: ['unit-91220106MA0Y5K8Q7H'] },
  { id: 'lvyuan-hr', firstName: '区人社局', lastName: '绿园区', groups: ['hr-220106'] },
  { id: 'changchun-education', firstName: '主管部门', lastName: '长春市教育局', groups: ['dept-220100-education'] },
  { id: 'changchun-hr', firstName: '市人社局', lastName: '长春市', groups: ['hr-220100'] },
  { id: 'province-hr', firstName: '省人社厅', lastName: '吉林省', groups: ['hr-220000'] },
  { id: 'engineering-committee', firstName: '工程系列中级评委会', lastName: '办公室', groups: ['committee-jl-engineering-intermediate'] },
];
export const DEMO_GROUPS: GroupSpec[] = [{ id: 'unit-91220106MA0Y5K8Q7H', name: '长春某某科技有限公司人事部门' }];

const isNotFound = (error: unknown) => error instanceof EngineRequestError && error.status === 404;

async function exists(rest: CamundaRest, path: string): Promise<boolean> {
  try {
    await rest.request('GET', path);
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

export async function ensureGroup(rest: CamundaRest, group: GroupSpec): Promise<boolean> {
  if (await exists(rest, `/group/${encodeURIComponent(group.id)}`)) return false;
  await rest.request('POST', '/group/create', { id: group.id, name: group.name, type: 'office' });
  return true;
}

export async function ensureUser(rest: CamundaRest, user: UserSpec, password: string): Promise<boolean> {
  let created = false;
  if (!(await exists(rest, `/user/${encodeURIComponent(user.id)}/profile`))) {
    await rest.request('POST', '/user/create', { profile: { id: user.id, firstName: user.firstName, lastName: user.lastName }, credentials: { password } });
    created = true;
  }
  for (const group of user.groups) {
    // A second PUT of the same membership fails in the engine's database: look first.
    const members = await rest.request<unknown[]>('GET', `/user?id=${encodeURIComponent(user.id)}&memberOfGroup=${encodeURIComponent(group)}`);
    if (members.length === 0) await rest.request('PUT', `/group/${encodeURIComponent(group)}/members/${encodeURIComponent(user.id)}`);
  }
  return created;
}

/** A global grant (every user) of `permissions` on a resource, unless one exists. */
export async function ensureGlobalGrant(rest: CamundaRest, resourceType: number, resourceId: string, permissions: string[]): Promise<boolean> {
  const found = await rest.request<unknown[]>('GET', `/authorization?type=${GLOBAL}&resourceType=${resourceType}&resourceId=${encodeURIComponent(resourceId)}`);
  if (found.length > 0) return false;
  await rest.request('POST', '/authorization/create', { type: GLOBAL, permissions, userId: '*', groupId: null, resourceType, resourceId });
  return true;
}

/** Office groups, the grants every office needs and the offices' Tasklist filters; with `demo`, the demo users too. */
export async function provisionIdentity(
  rest: CamundaRest,
  policy: Policy,
  options: { demo: boolean; demoPassword: string; log: Logger },
): Promise<{ groups: number; users: number; grants: number }> {
  let groups = 0;
  let users = 0;
  let grants = 0;
  for (const group of [...officeGroups(policy), ...(options.demo ? DEMO_GROUPS : [])]) if (await ensureGroup(rest, group)) groups++;
  // Every user may open Tasklist, read the shared task filters and see the diagrams of the flows.
  if (await ensureGlobalGrant(rest, RESOURCE.application, 'tasklist', ['ACCESS'])) grants++;
  if (await ensureGlobalGrant(rest, RESOURCE.filter, '*', ['READ'])) grants++;
  if (await ensureGlobalGrant(rest, RESOURCE.processDefinition, '*', ['READ'])) grants++;
  if (options.demo) for (const user of DEMO_USERS) if (await ensureUser(rest, user, options.demoPassword)) users++;
  // The offices' saved filters (their own open reviews by due date, due soon, back from correction).
  await ensureOfficeFilters(rest, options.log);
  options.log.info({ groups, users, grants, demoUsers: options.demo ? DEMO_USERS.map((u) => u.id) : [] }, 'identity provisioned (office groups, grants, demo users)');
  return { groups, users, grants };
}
