// The offices' queries on PGlite: the filters the office page offers (overdue, applicant or unit
// search) and the statistics it charts (by division, median working days per review level).
import { openRegistryDatabase, type RegistryDatabase } from '../../workers/registry/db.js';
import { Registry } from '../../workers/registry/registry.js';
import { OfficeQueries, officeFilterSchema } from '../../workers/offices/queries.js';
import { officeClock, recordOfficeWork, type OfficeRecords } from '../support/office-records.js';

let database: RegistryDatabase;
let queries: OfficeQueries;
let work: OfficeRecords;

beforeAll(async () => {
  database = await openRegistryDatabase({ dir: 'memory://' });
  work = await recordOfficeWork(new Registry(database.db, () => officeClock.now));
  queries = new OfficeQueries(database.db, () => officeClock.now);
}, 60_000);
afterAll(() => database?.close());

const ids = async (query: Record<string, unknown>) => {
  const { items } = await queries.list('hr-220100', officeFilterSchema.parse(query), { page: 1, pageSize: 50 });
  return items.map((a) => a.id).sort();
};

describe('office filters', () => {
  it('selects what is past its deadline now, or not', async () => {
    expect(await ids({ overdue: 'true' })).toEqual([work.overdue]);
    expect(await ids({ overdue: false })).toEqual([work.senior]);
    expect(await ids({})).toEqual([work.overdue, work.senior].sort());
  });

  it('finds applications by part of the applicant or unit name, wildcards taken literally', async () => {
    expect(await ids({ q: '晓明' })).toEqual([work.overdue]);
    expect(await ids({ q: '医院' })).toEqual([work.senior]);
    expect(await ids({ q: '  ' })).toEqual([work.overdue, work.senior].sort());
    expect(await ids({ q: '%' })).toEqual([]);
    expect(await ids({ q: '_' })).toEqual([]);
  });

  it('names a bad overdue or search', () => {
    const result = officeFilterSchema.safeParse({ overdue: 'maybe', q: 'x'.repeat(41) });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['overdue', 'q']);
  });
});

describe('office statistics', () => {
  it('counts what waits by division and the median working days per review level', async () => {
    const stats = await queries.statistics('hr-220100');
    expect(stats).toMatchObject({ waiting: 2, overdue: 1, byState: { 'in-review': 2 }, byLevel: { intermediate: 1, senior: 1 }, byDivision: { '220106': 1, '220102': 1 }, handled: 4 });
    expect(stats.medianWorkingDaysPerLevel).toEqual([{ level: 'city-hr', decisions: 2, medianWorkingDays: 2 }]);
    expect(stats.medianTimePerLevel).toEqual([{ level: 'city-hr', decisions: 2, medianSeconds: 3 * 86400 }]);
    const county = await queries.statistics('hr-220102');
    expect(county).toMatchObject({ waiting: 1, overdue: 1, byDivision: { '220102': 1 }, medianWorkingDaysPerLevel: [] });
  });
});
