// Office gauges on /metrics, computed from the registry when Prometheus scrapes: applications
// waiting per office and state, overdue per office, and the median time per office and review
// level. A scrape within `ttlMs` of the last one reuses its figures, so scrapes stay cheap.
// /metrics is read by monitoring, not by offices: a unit's group names the unit by its credit code,
// so units are counted together (office="units") and their medians left out.
import { isUnitGroup } from '../domain/offices.js';
import { Gauge, type Registry as PromRegistry } from 'prom-client';
import type { Logger } from '../log.js';
import type { OfficeQueries } from './queries.js';

interface Snapshot {
  at: number;
  waiting: Array<{ office: string; state: string; n: number }>;
  overdue: Array<{ office: string; n: number }>;
  times: Array<{ office: string; level: string; medianSeconds: number }>;
}

/** The office label: an HR office, department or committee group as it is; every unit as `units`. */
export function officeLabel(group: string): string {
  return isUnitGroup(group) ? 'units' : group;
}

/** Sums rows that share their labels once units are counted together. */
function summed<T extends { n: number }>(rows: readonly T[], key: (r: T) => string): Array<T> {
  const out = new Map<string, T>();
  for (const r of rows) {
    const k = key(r);
    const seen = out.get(k);
    out.set(k, seen ? { ...seen, n: seen.n + r.n } : r);
  }
  return [...out.values()];
}

export function registerOfficeMetrics(registry: PromRegistry, queries: OfficeQueries, log: Logger, ttlMs = 15_000): void {
  let snapshot: Snapshot | null = null;
  let loading: Promise<Snapshot> | null = null;
  const current = async (): Promise<Snapshot | null> => {
    if (snapshot && Date.now() - snapshot.at < ttlMs) return snapshot;
    loading ??= (async () => {
      const [counts, times] = await Promise.all([queries.officeCounts(), queries.levelTimes()]);
      return { at: Date.now(), ...counts, times };
    })().finally(() => (loading = null));
    try {
      snapshot = await loading;
    } catch (error) {
      // A registry outage must not break the scrape of every other metric.
      log.warn({ err: error }, 'office metrics: the registry did not answer');
    }
    return snapshot;
  };

  new Gauge({
    name: 'title_review_office_applications',
    help: 'Live applications waiting at an office, by office (engine group) and state',
    labelNames: ['office', 'state'],
    registers: [registry],
    async collect() {
      const s = await current();
      this.reset();
      const rows = summed((s?.waiting ?? []).map((r) => ({ ...r, office: officeLabel(r.office) })), (r) => `${r.office}|${r.state}`);
      for (const r of rows) this.set({ office: r.office, state: r.state }, r.n);
    },
  });
  new Gauge({
    name: 'title_review_office_overdue',
    help: 'Live applications waiting at an office past their deadline, by office',
    labelNames: ['office'],
    registers: [registry],
    async collect() {
      const s = await current();
      this.reset();
      const rows = summed((s?.overdue ?? []).map((r) => ({ ...r, office: officeLabel(r.office) })), (r) => r.office);
      for (const r of rows) this.set({ office: r.office }, r.n);
    },
  });
  new Gauge({
    name: 'title_review_office_level_median_seconds',
    help: 'Median time from a review step opening to its decision, by office and review level',
    labelNames: ['office', 'level'],
    registers: [registry],
    async collect() {
      const s = await current();
      this.reset();
      // A median of medians means nothing: units' times are left out here (the office API has them).
      for (const r of s?.times ?? []) if (officeLabel(r.office) === r.office) this.set({ office: r.office, level: r.level }, r.medianSeconds);
    },
  });
}
