import { contracts, contractVersions, type Database } from '@outpost/db';
import { addDays } from '@outpost/i18n';
import { and, eq, inArray } from 'drizzle-orm';

/**
 * The earliest effective date the partner's contracts in force allow: today plus the longest
 * notice period among them (ours in the terms, or the partner's in the register when longer).
 * Null when no contract is in force: nothing then binds the date.
 */
export async function earliestEffectiveDate(
  db: Database,
  partnerId: string,
  today: string,
): Promise<{ earliest: string; noticeDays: number; contractIds: string[] } | null> {
  const rows = await db
    .select({ id: contracts.id, terms: contractVersions.terms, register: contracts.register })
    .from(contracts)
    .innerJoin(
      contractVersions,
      and(
        eq(contractVersions.contractId, contracts.id),
        eq(contractVersions.version, contracts.currentVersion),
      ),
    )
    .where(and(eq(contracts.partnerId, partnerId), inArray(contracts.status, ['active', 'expiring'])));
  if (rows.length === 0) return null;
  const noticeDays = Math.max(
    ...rows.map((r) => Math.max(r.terms.noticeDays ?? 0, r.register.partnerNoticeDays ?? 0)),
  );
  return { earliest: addDays(today, noticeDays), noticeDays, contractIds: rows.map((r) => r.id) };
}
