import { type Database, targetComplianceSnapshots } from '@outpost/db';
import { eq, sql } from 'drizzle-orm';
import { formatPeriod, quarterOf } from '../performance/periods.ts';
import { currentCompliance } from './compliance-check.ts';
import { quarterSpan } from './quarters.ts';

/**
 * The daily `targets-snapshot` job (decision record 046): the running quarter's compliance record,
 * replaced whole in one transaction, so a closed quarter keeps what its last run saw. Derived data
 * (no audit entry: nothing a person decided changes). Returns the partners recorded.
 */
export async function snapshotQuarterCompliance(db: Database, now = new Date(), quarter?: string) {
  const q = quarter ?? formatPeriod(quarterOf(now));
  const rows = await currentCompliance(db, quarterSpan(q, now).lastDay, now);
  await db.transaction(async (tx) => {
    await tx.delete(targetComplianceSnapshots).where(eq(targetComplianceSnapshots.quarter, q));
    if (rows.length > 0) {
      await tx
        .insert(targetComplianceSnapshots)
        .values(rows.map((r) => ({ quarter: q, partnerId: r.partnerId, reasons: r.reasons, takenAt: now })));
    }
  });
  return { quarter: q, partners: rows.length, compliant: rows.filter((r) => r.reasons.length === 0).length };
}

/** Seed and tests: record a past quarter as it was (reasons given per partner). */
export async function recordQuarterCompliance(
  db: Database,
  quarter: string,
  rows: { partnerId: string; reasons: string[] }[],
  takenAt: Date,
) {
  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from target_compliance_snapshots where quarter = ${quarter}`);
    if (rows.length > 0)
      await tx
        .insert(targetComplianceSnapshots)
        .values(rows.map((r) => ({ quarter, partnerId: r.partnerId, reasons: r.reasons, takenAt })));
  });
}
