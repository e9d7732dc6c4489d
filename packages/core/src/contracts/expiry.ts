import {
  type ContractTerms,
  contractReminders,
  contracts,
  contractVersions,
  type Database,
} from '@outpost/db';
import { addDays, todayInChina } from '@outpost/i18n';
import { and, eq, inArray } from 'drizzle-orm';
import { systemActor } from '../actor.ts';
import { audit } from '../audit.ts';
import { notify } from '../notifications.ts';
import { inForceStatuses } from './in-force.ts';

/** Reminders go out this many days before a term ends and before its notice deadline (issue 13). */
export const CONTRACT_REMINDER_DAYS = [90, 60, 30] as const;

const dayMs = 86_400_000;
const daysFrom = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs);

/**
 * The end of the term in force on `today`. A contract that renews automatically runs on in terms
 * of its term's length (the renewed term's, after a manual renewal) until someone gives notice;
 * one that does not simply ends.
 */
export function currentTermEnd(
  terms: Pick<ContractTerms, 'startDate' | 'endDate' | 'autoRenew' | 'termStartDate'>,
  today: string,
): string {
  if (!terms.autoRenew || terms.endDate >= today) return terms.endDate;
  const length = Math.max(daysFrom(terms.termStartDate ?? terms.startDate, terms.endDate) + 1, 1);
  const renewals = Math.ceil(daysFrom(terms.endDate, today) / length);
  return addDays(terms.endDate, renewals * length);
}

/**
 * The daily contract job: a contract in force (active, expiring or renewed) that does not renew
 * automatically becomes "expiring" within 90 days of its end and "expired" after it — a renewed
 * contract likewise near the end of its new term (decision record 047); the owner (else legal) is reminded 90, 60 and 30 days before the
 * term ends and before the last day to give notice — in the inbox, by e-mail and, when linked,
 * in Slack. Each reminder is claimed in the table before it is sent, in the same transaction, so a
 * rerun or a second worker sends nothing twice; a job that missed days sends one reminder for the
 * nearest threshold passed, not three.
 */
export async function runContractExpiry(db: Database, today = todayInChina()) {
  const rows = await db
    .select({
      id: contracts.id,
      reference: contracts.reference,
      partnerId: contracts.partnerId,
      ownerId: contracts.ownerId,
      status: contracts.status,
      terms: contractVersions.terms,
    })
    .from(contracts)
    .innerJoin(
      contractVersions,
      and(
        eq(contractVersions.contractId, contracts.id),
        eq(contractVersions.version, contracts.currentVersion),
      ),
    )
    .where(inArray(contracts.status, [...inForceStatuses]));
  const actor = systemActor('contract-expiry');
  let reminders = 0;
  let changed = 0;
  for (const row of rows) {
    const termEnd = currentTermEnd(row.terms, today);
    let next: typeof row.status = row.status;
    if (!row.terms.autoRenew && termEnd < today) next = 'expired';
    else if (!row.terms.autoRenew && daysFrom(today, termEnd) <= 90) next = 'expiring';
    await db.transaction(async (tx) => {
      if (next !== row.status) {
        await tx
          .update(contracts)
          .set({ status: next, updatedAt: new Date() })
          .where(eq(contracts.id, row.id));
        await audit(tx, actor, {
          action: `contract.${next}`,
          entityType: 'contract',
          entityId: row.id,
          partnerId: row.partnerId,
          data: { termEnd },
        });
        changed += 1;
      }
      if (next === 'expired') return;
      const deadlines = [
        { kind: 'expiry' as const, date: termEnd },
        { kind: 'notice' as const, date: addDays(termEnd, -row.terms.noticeDays) },
      ];
      for (const { kind, date } of deadlines) {
        const left = daysFrom(today, date);
        if (left < 0) continue;
        const reached = CONTRACT_REMINDER_DAYS.filter((d) => left <= d);
        if (reached.length === 0) continue;
        const claimed = await tx
          .insert(contractReminders)
          .values(reached.map((days) => ({ contractId: row.id, termEnd, kind, days })))
          .onConflictDoNothing()
          .returning();
        if (claimed.length === 0) continue;
        await notify(tx, {
          ...(row.ownerId ? { userIds: [row.ownerId] } : { staffRoles: ['legal'] }),
          template: kind === 'expiry' ? 'notify.contract_expiring' : 'notify.contract_notice_deadline',
          params: { reference: row.reference, date, days: left },
          link: `/s/contracts/${row.id}`,
          email: 'contracts',
        });
        reminders += 1;
      }
    });
  }
  return { contracts: rows.length, changed, reminders };
}
