// Committee assignment (notice 三(三)): by series, specialty and authorised review level.
import type { Application } from '../domain/application.js';
import type { Policy } from './policy.js';
import { reason, type Reason } from './reasons.js';

export type Committee = Policy['committees'][number];

export type CommitteeResult = { ok: true; committee: Committee } | { ok: false; reasons: Reason[] };

/** The committee for the application; one naming the specialty wins over a `*` one. */
export function assignCommittee(app: Application, policy: Policy): CommitteeResult {
  const { series, specialty, level } = app.qualification;
  const bySeriesAndLevel = policy.committees.filter((c) => c.series === series && c.levels.includes(level));
  const committee =
    bySeriesAndLevel.find((c) => c.specialties.includes(specialty) || (app.subtype === 'grassroots-health' && c.specialties.includes('基层卫生'))) ??
    bySeriesAndLevel.find((c) => c.specialties.includes('*'));
  if (committee) return { ok: true, committee };
  return { ok: false, reasons: [reason('committee.none', 'qualification.series', `no committee is authorised for ${series} / ${specialty} at level ${level}`)] };
}
