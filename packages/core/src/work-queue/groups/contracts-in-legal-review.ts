import { contracts, contractVersions, partners } from '@outpost/db';
import { and, asc, eq } from 'drizzle-orm';
import { countAndItems, totalRows } from '../total.ts';
import type { WorkSource } from '../types.ts';
import { contractWorkHref, contractWorkSubject } from './contract-work-item.ts';

/** Legal: contract versions (originals and amendments) waiting for legal review, oldest first. */
export const contractsInLegalReview: WorkSource = {
  key: 'contractsInLegalReview',
  permission: 'review:contract',
  // The contract list filters by the contract's status; an amendment's contract stays active.
  listHref: null,
  async load(db, { limit }) {
    const rows = await db
      .select({
        id: contracts.id,
        reference: contracts.reference,
        kind: contractVersions.kind,
        renewal: contractVersions.renewal,
        partnerName: partners.legalName,
        since: contractVersions.submittedAt,
        total: totalRows(),
      })
      .from(contractVersions)
      .innerJoin(contracts, eq(contracts.id, contractVersions.contractId))
      .innerJoin(partners, eq(partners.id, contracts.partnerId))
      .where(and(eq(contractVersions.status, 'legal_review')))
      .orderBy(asc(contractVersions.submittedAt), asc(contracts.id))
      .limit(limit);
    return countAndItems(rows, (r) => ({
      id: r.id,
      href: contractWorkHref(r.id, r.kind, 'contract-review'),
      partnerName: r.partnerName,
      subject: contractWorkSubject(r.reference, r.kind, r.renewal),
      stage: null,
      since: r.since,
      dueDate: null,
    }));
  },
};
