import { contracts, contractVersions, partners } from '@outpost/db';
import { and, asc, eq } from 'drizzle-orm';
import { countAndItems, totalRows } from '../total.ts';
import type { WorkSource } from '../types.ts';
import { contractWorkHref, contractWorkSubject } from './contract-work-item.ts';

/** Contract owners: their approved contracts and amendments waiting for the countersigned copy. */
export const contractsAwaitingSignature: WorkSource = {
  key: 'contractsAwaitingSignature',
  permission: 'manage:contract',
  // The contract list filters by the contract's status; an amendment's contract stays active.
  listHref: null,
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
      .where(and(eq(contractVersions.status, 'signing'), eq(contracts.ownerId, userId)))
      .orderBy(asc(contractVersions.updatedAt), asc(contracts.id))
      .limit(limit);
    return countAndItems(rows, (r) => ({
      id: r.id,
      href: contractWorkHref(r.id, r.kind, 'contract-actions'),
      partnerName: r.partnerName,
      subject: contractWorkSubject(r.reference, r.kind, r.renewal),
      stage: null,
      since: r.since,
      dueDate: null,
    }));
  },
};
