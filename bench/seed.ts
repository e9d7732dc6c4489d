/**
 * Demo seed cost: a fresh embedded (PGlite) database in a temp dir is migrated and given its
 * reference data (the baseline every first start pays), then seeded; prints wall and CPU time
 * of both and their ratio. CPU time is what transfers to an idle machine (the seed is
 * single-threaded); wall time on a shared box is inflated by the others' load.
 *
 *   node bench/seed.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalDiskStorage } from '@outpost/core';
import { migrate, openDatabase, rowsOf } from '@outpost/db';
import { sql } from 'drizzle-orm';
import { ensureReferenceData } from '../apps/server/src/prepare.ts';
import { seedDemo } from '../apps/server/src/seed/index.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'outpost-bench-seed-'));
const measure = async (label: string, run: () => Promise<unknown>) => {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await run();
  const used = process.cpuUsage(cpu);
  const figures = { wall: (performance.now() - start) / 1000, cpu: (used.user + used.system) / 1e6 };
  console.log(`${label.padEnd(34)} wall ${figures.wall.toFixed(1)} s   cpu ${figures.cpu.toFixed(1)} s`);
  return figures;
};
try {
  const conn = await openDatabase({ dataDir: path.join(dir, 'db') });
  try {
    const base = await measure('migrate + reference data', async () => {
      await migrate(conn);
      await ensureReferenceData(conn.db);
    });
    const seed = await measure('demo seed', () =>
      seedDemo(conn.db, new LocalDiskStorage(path.join(dir, 'files'))),
    );
    // A seed that silently did nothing would look very fast: check it left the demo behind.
    const [left] = rowsOf<{ partners: number; audit: number }>(
      await conn.db.execute(
        sql`select (select count(*) from partners)::int as partners, (select count(*) from audit_log)::int as audit`,
      ),
    );
    if (!left?.partners || !left.audit) throw new Error(`the demo seed left ${JSON.stringify(left)}`);
    console.log(`demo data: ${left.partners} partners, ${left.audit} audit entries`);
    console.log(
      `seed / baseline: wall ${(seed.wall / base.wall).toFixed(2)}×, cpu ${(seed.cpu / base.cpu).toFixed(2)}×; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.availableParallelism()} cores`,
    );
  } finally {
    await conn.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
