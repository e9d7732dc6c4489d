import {
  type ContractVersionStatus,
  contracts,
  contractVersions,
  type Database,
  openVersionStatuses,
} from '@outpost/db';
import { and, eq, inArray } from 'drizzle-orm';
import { AppError, notFound } from '../errors.ts';
import { isUuid } from '../validation.ts';

type Contract = typeof contracts.$inferSelect;
type Version = typeof contractVersions.$inferSelect;

/**
 * The version being worked on (draft … signing) — the original before signature, or an
 * amendment of a contract in force — or, when none is open, the version in force.
 * Decision record 040: the contract's own status and current version describe what is in force;
 * the open version's status says where the work stands.
 */
export async function openVersionOf(db: Database, contractId: string) {
  const [open] = await db
    .select()
    .from(contractVersions)
    .where(
      and(
        eq(contractVersions.contractId, contractId),
        inArray(contractVersions.status, [...openVersionStatuses]),
      ),
    );
  return open ?? null;
}

/** The contract row locked for a change, with the version work applies to and where it stands. */
export async function lockedWork(tx: Database, contractId: string) {
  if (!isUuid(contractId)) throw notFound('Contract');
  const [contract] = await tx.select().from(contracts).where(eq(contracts.id, contractId)).for('update');
  if (!contract) throw notFound('Contract');
  const open = await openVersionOf(tx, contract.id);
  const version =
    open ??
    (
      await tx
        .select()
        .from(contractVersions)
        .where(
          and(
            eq(contractVersions.contractId, contract.id),
            eq(contractVersions.version, contract.currentVersion),
          ),
        )
    )[0]!;
  return { contract, version, amendment: version.kind === 'amendment' && open !== null };
}

/**
 * Moves a version on. An original carries its contract along (the contract's status is the
 * original's until it is signed); an amendment moves alone, the contract staying in force.
 */
export async function moveVersion(
  tx: Database,
  contract: Contract,
  version: Version,
  status: ContractVersionStatus,
  extra: Partial<Pick<Version, 'approverIds' | 'submittedAt' | 'submittedBy' | 'legalReviewRequired'>> = {},
) {
  await tx
    .update(contractVersions)
    .set({ status, ...extra, updatedAt: new Date() })
    .where(eq(contractVersions.id, version.id));
  if (version.kind === 'original' && status !== 'returned' && status !== 'superseded') {
    const contractStatus = status === 'signed' ? 'active' : status === 'withdrawn' ? 'draft' : status;
    await tx
      .update(contracts)
      .set({ status: contractStatus, updatedAt: new Date() })
      .where(eq(contracts.id, contract.id));
  } else {
    await tx.update(contracts).set({ updatedAt: new Date() }).where(eq(contracts.id, contract.id));
  }
}

/**
 * A return (by legal or an approver): the returned version stays as it was and the work continues
 * as the next version, a draft. An original's contract follows it back to draft.
 */
export async function continueAsNextVersion(tx: Database, contract: Contract, version: Version, by: string) {
  const next = (await latestVersionNumber(tx, contract.id)) + 1;
  await moveVersion(tx, contract, version, 'returned');
  await tx.insert(contractVersions).values({
    contractId: contract.id,
    version: next,
    kind: version.kind,
    renewal: version.renewal,
    status: 'draft',
    reason: version.reason,
    terms: version.terms,
    values: version.values,
    slaTargets: version.slaTargets,
    clauses: version.clauses,
    createdBy: by,
  });
  if (version.kind === 'original') {
    await tx
      .update(contracts)
      .set({ status: 'draft', currentVersion: next, updatedAt: new Date() })
      .where(eq(contracts.id, contract.id));
  }
  return next;
}

export async function latestVersionNumber(tx: Database, contractId: string) {
  const rows = await tx
    .select({ version: contractVersions.version })
    .from(contractVersions)
    .where(eq(contractVersions.contractId, contractId));
  return Math.max(0, ...rows.map((r) => r.version));
}

/** Refuses a change unless the version is a draft; the version in force is locked (409). */
export function refuseUnlessDraftVersion(version: Version) {
  if (version.status === 'draft') return;
  if (version.status === 'signed') {
    throw new AppError(
      'conflict',
      'The version in force is locked; start an amendment to change it (it needs its own review and approval).',
      { messageKey: 'errors.contracts.version_locked', details: { status: version.status } },
    );
  }
  throw new AppError(
    'conflict',
    'Only a draft can be changed; a contract in review, approval or in force changes through a new version or an amendment.',
    { messageKey: 'errors.contracts.not_draft', details: { status: version.status } },
  );
}
