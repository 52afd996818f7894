// 三（一）: the materials of a withdrawn or refused application are deleted once its policy's
// retention (materials.retentionDays, 365 days in 2024) has passed since it ended; a certified one
// keeps them. The registry decides on its own clock; the rows stay, marked, and the history says
// how many went under which rule; bytes another application still carries stay in the store.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { ROOT } from '../../workers/config.js';
import { createLogger } from '../../workers/log.js';
import { FsMaterialStore } from '../../workers/materials/fs-store.js';
import { MaterialService } from '../../workers/materials/service.js';
import { createPolicyProvider } from '../../workers/policy/provider.js';
import { openRegistryDatabase, type RegistryDatabase } from '../../workers/registry/db.js';
import { Registry, type EndState } from '../../workers/registry/registry.js';
import { recordOf } from '../support/registry-records.js';

const DAY = 24 * 3600_000;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'materials-retention-'));
const store = new FsMaterialStore(path.join(tmp, 'store'));
let database: RegistryDatabase;
let registry: Registry;
let materials: MaterialService;
let now = new Date('2024-03-01T02:00:00Z');

beforeAll(async () => {
  database = await openRegistryDatabase({ dir: 'memory://' });
  registry = new Registry(database.db, () => now);
  const policies = createPolicyProvider({ dir: path.join(ROOT, 'policy'), activeId: '2024', demoBaseId: '2024', today: now });
  materials = new MaterialService({ registry, store, policies, clock: () => now, log: createLogger('silent'), maxBytes: 1 << 20, unattachedTtlMs: DAY });
}, 60_000);
afterAll(async () => {
  await database?.close();
  rmSync(tmp, { recursive: true, force: true });
});

let n = 0;
/** An application of policy 2024 carrying one material of `content` (stored), ended `daysAgo` days before now in `end`, or live. */
async function applicationWith(content: string, end: EndState | null, daysAgo = 0) {
  const blob = await store.put(Readable.from([Buffer.from(content)]));
  const materialId = `M-TEST${String(++n).padStart(12, '0')}`;
  await registry.addMaterial({ id: materialId, caller: 'portal-a', kind: 'education', label: '学历（学位）证书', fileName: 'scan.pdf', contentType: 'application/pdf', bytes: blob.bytes, sha256: blob.sha256, pages: 1, expiresAt: new Date(now.getTime() + DAY) });
  const record = recordOf(now, { materials: [materialId] });
  await registry.createApplication(record);
  if (end) {
    const at = now;
    now = new Date(at.getTime() - daysAgo * DAY);
    await registry.finish(record.id, end, `${record.id}:end`);
    now = at;
  }
  return { id: record.id, materialId, sha256: blob.sha256 };
}

describe('三（一）: materials kept for the retention of the policy, then deleted', () => {
  it('deletes a withdrawn application\'s materials 366 days after it ended, keeps them at 364 days and for a certified one', async () => {
    const old = await applicationWith('withdrawn a year and a day ago', 'withdrawn', 366);
    const refused = await applicationWith('refused long ago', 'refused', 400);
    const recent = await applicationWith('withdrawn 364 days ago', 'withdrawn', 364);
    const certified = await applicationWith('certified long ago', 'certified', 800);
    const live = await applicationWith('still under review', null);

    expect(await materials.deleteRetained()).toBe(2);
    // Marked, not dropped: the status and the openings still name them.
    const [gone] = await registry.materialsOf(old.id);
    expect(gone).toMatchObject({ id: old.materialId, deleted_at: now });
    expect((await registry.materialsOf(refused.id))[0]!.deleted_at).toEqual(now);
    expect(await store.has(old.sha256)).toBe(false);
    expect(await store.has(refused.sha256)).toBe(false);
    for (const kept of [recent, certified, live]) {
      expect((await registry.materialsOf(kept.id))[0]!.deleted_at).toBeNull();
      expect(await store.has(kept.sha256)).toBe(true);
    }
    const event = (await registry.events(old.id)).find((e) => e.kind === 'materials-deleted');
    expect(event).toMatchObject({ at: now, step_name: '电子材料已按保存期限删除', data: { count: 1, retentionDays: 365, policyId: '2024' } });
    expect(event!.comment).toContain('保存365天后删除');

    // A second sweep finds nothing more; two days later the 364-day one is due.
    expect(await materials.deleteRetained()).toBe(0);
    now = new Date(now.getTime() + 2 * DAY);
    expect(await materials.deleteRetained()).toBe(1);
    expect(await store.has(recent.sha256)).toBe(false);
    expect((await registry.events(old.id)).filter((e) => e.kind === 'materials-deleted')).toHaveLength(1);
  });

  it('keeps the bytes another application still carries', async () => {
    const shared = 'the same scan, carried by two applications';
    const ended = await applicationWith(shared, 'withdrawn', 500);
    const live = await applicationWith(shared, null);
    expect(ended.sha256).toBe(live.sha256);
    expect(await materials.deleteRetained()).toBe(1);
    expect((await registry.materialsOf(ended.id))[0]!.deleted_at).not.toBeNull();
    expect(await store.has(live.sha256)).toBe(true);
    // Once the last record that names them is deleted too, the bytes go.
    expect(await registry.unnamedBlobs([live.sha256])).toEqual([]);
  });
});
