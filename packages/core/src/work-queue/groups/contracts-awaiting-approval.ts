import { contractApprovals, contractApprovers, contracts, contractVersions, partners } from '@outpost/db';
import { and, asc, eq, sql } from 'drizzle-orm';
import { countAndItems, totalRows } from '../total.ts';
import type { WorkSource } from '../types.ts';
import { contractWorkHref, contractWorkSubject } from './contract-work-item.ts';

/**
 * Contract approvers: versions in approval whose frozen approver list names this person and that
 * have no decision of theirs yet. Shown to people configured as approvers (or with one waiting).
 */
export const contractsAwaitingApproval: WorkSource = {
  key: 'contractsAwaitingApproval',
  permission: 'read:contract:any',
  // The contract list filters by the contract's status; an amendment's contract stays active.
  listHref: null,
  async relevant(db, { userId }) {
    const [row] = await db
      .select({
        yes: sql<boolean>`exists (select 1 from ${contractApprovers} where ${contractApprovers.userId} = ${userId})
          or exists (select 1 from ${contractVersions} where ${contractVersions.status} = 'approval'
            and ${userId}::uuid = any(${contractVersions.approverIds}))`,
      })
      .from(sql`(select 1) as me`);
    return Boolean(row?.yes);
  },
  async load(db, { userId, limit }) {
    const rows = await db
      .select({
        id: contracts.id,
        reference: contracts.reference,
        kind: contractVersions.kind,
        renewal: contractVersions.renewal,
        partnerName: partners.legalName,
        since: contractVersions.updatedAt,
        total: totalRows(),
      })
      .from(contractVersions)
      .innerJoin(contracts, eq(contracts.id, contractVersions.contractId))
      .innerJoin(partners, eq(partners.id, contracts.partnerId))
      .where(
        and(
          eq(contractVersions.status, 'approval'),
          sql`${userId}::uuid = any(${contractVersions.approverIds})`,
          sql`not exists (select 1 from ${contractApprovals} where ${contractApprovals.contractId} = ${contractVersions.contractId} and ${contractApprovals.version} = ${contractVersions.version} and ${contractApprovals.approverId} = ${userId})`,
        ),
      )
      .orderBy(asc(contractVersions.updatedAt), asc(contracts.id))
      .limit(limit);
    return countAndItems(rows, (r) => ({
      id: r.id,
      href: contractWorkHref(r.id, r.kind, 'contract-approval'),
      partnerName: r.partnerName,
      subject: contractWorkSubject(r.reference, r.kind, r.renewal),
      stage: null,
      since: r.since,
      dueDate: null,
    }));
  },
};
