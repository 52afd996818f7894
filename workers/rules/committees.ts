// Committee assignment (notice 三(三)): the provincial HR department assigns an application by
// series, specialty and authorised review level to a committee of the policy's registry.
import type { Application } from '../domain/application.js';
import { committeeGroup as groupOfCommittee, hrGroup } from '../domain/offices.js';
import type { Policy } from './policy.js';
import { reason, type Reason } from './reasons.js';

export type Committee = Policy['committees'][number];

/** The engine group of a committee's office (its Tasklist group and office token scope). */
export const committeeGroup = (c: Pick<Committee, 'id'>): string => groupOfCommittee(c.id);

/** The engine group of the provincial HR department (省人社厅): the HR office group of the province's division. */
export const provinceGroup = (policy: Pick<Policy, 'province'>): string => hrGroup(policy.province.code);

export type CommitteeResult = { ok: true; committee: Committee } | { ok: false; reasons: Reason[] };

/**
 * The committee for the application. The most specific wins: one reserved for the application's
 * subtype (基层卫生), then one naming the specialty, then one taking every specialty (`*`).
 */
export function assignCommittee(app: Application, policy: Policy): CommitteeResult {
  const { series, specialty, level } = app.qualification;
  const candidates = policy.committees.filter(
    (c) => c.series === series && c.levels.includes(level) && (c.subtypes.length === 0 || (app.subtype !== null && c.subtypes.includes(app.subtype))),
  );
  const rank = (c: Committee) => (c.subtypes.length ? 4 : 0) + (c.specialties.includes(specialty) ? 2 : c.specialties.includes('*') ? 1 : -10);
  const ranked = candidates.filter((c) => rank(c) > 0).sort((a, b) => rank(b) - rank(a));
  const [first, second] = ranked;
  if (!first) {
    const bySeries = policy.committees.some((c) => c.series === series);
    return {
      ok: false,
      reasons: [
        bySeries
          ? reason('committee.none', 'qualification.level', `no committee of the series ${series} is authorised for ${specialty} at level ${level}`)
          : reason('committee.none', 'qualification.series', `no committee is authorised for the series ${series}`),
      ],
    };
  }
  if (second && rank(second) === rank(first)) {
    return { ok: false, reasons: [reason('committee.ambiguous', 'qualification.specialty', `both ${first.id} and ${second.id} could review ${series} / ${specialty} at level ${level}`)] };
  }
  return { ok: true, committee: first };
}

/**
 * The committee for the application, or null when none of the registry matches its series,
 * specialty and level (or two match equally): the provincial HR department then assigns it by
 * hand (notice 三(三)).
 */
export function findCommittee(app: Application, policy: Policy): Committee | null {
  const result = assignCommittee(app, policy);
  return result.ok ? result.committee : null;
}

export interface VoteNeed {
  needed: boolean;
  /** Why no vote is held (the policy's entry), null when one is. */
  reason: string | null;
}

/**
 * Whether the committee votes on the application. 初级认定 (a junior title by certification) is
 * recognised, not reviewed: the policy's `withoutVote` lists what goes without a vote.
 */
export function needsCommitteeVote(app: Application, policy: Policy): VoteNeed {
  const { level, procedure } = app.qualification;
  const entry = policy.withoutVote.find((w) => w.procedure === procedure && w.levels.includes(level));
  return entry ? { needed: false, reason: `${entry.name}: ${entry.basis}` } : { needed: true, reason: null };
}
