import { contractSignedFiles, contractVersions, type Database, users } from '@outpost/db';
import { and, asc, eq } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import { can } from '../permissions.ts';
import { amendmentChanges } from './amendments.ts';
import { editedClause, libraryTextsOf } from './drafts.ts';
import { textDiff } from './clause-diff.ts';
import { getContract } from './read.ts';
import { openVersionOf } from './working-version.ts';

/**
 * The amendment under way on a contract in force, or null: staff see it from its draft on,
 * with what it changes against the version in force (and, in legal review, its departures from
 * the library); the partner only from signing on, without anything internal.
 */
export async function contractAmendment(db: Database, actor: Actor, contractId: string) {
  const contract = await getContract(db, actor, contractId); // not found for anyone who may not see it
  const open = await openVersionOf(db, contract.id);
  if (!open || open.kind !== 'amendment') return null;
  const staff = can(actor, 'read:contract:any');
  if (!staff && open.status !== 'signing') return null;
  const changes = amendmentChanges(contract.version, open);
  let libraryChanges: {
    index: number;
    kind: string;
    added: boolean;
    zh: ReturnType<typeof textDiff>;
    en: ReturnType<typeof textDiff>;
  }[] = [];
  if (staff) {
    const library = await libraryTextsOf(db, open.clauses);
    libraryChanges = open.clauses.flatMap((c, index) => {
      if (!editedClause(c, library)) return [];
      const source = c.clauseVersionId ? library.get(c.clauseVersionId) : undefined;
      return [
        {
          index,
          kind: c.kind,
          added: !source,
          zh: textDiff(source?.bodyZh ?? '', c.bodyZh, 'zh'),
          en: textDiff(source?.bodyEn ?? '', c.bodyEn, 'en'),
        },
      ];
    });
  }
  return {
    contractId: contract.id,
    reference: contract.reference,
    inForceVersion: contract.version.version,
    version: open,
    status: open.status,
    reason: open.reason ?? '',
    changes,
    libraryChanges,
  };
}

/**
 * Every countersigned copy of a contract: which version, who uploaded it and when, its size and
 * SHA-256 (both portals show it; the partner sees only its own contracts).
 */
export async function signedCopies(db: Database, actor: Actor, contractId: string) {
  const contract = await getContract(db, actor, contractId);
  return db
    .select({
      version: contractSignedFiles.version,
      kind: contractVersions.kind,
      renewal: contractVersions.renewal,
      fileName: contractSignedFiles.fileName,
      sizeBytes: contractSignedFiles.sizeBytes,
      sha256: contractSignedFiles.sha256,
      uploadedAt: contractSignedFiles.uploadedAt,
      uploadedBy: users.displayName,
      uploaderKind: users.kind,
    })
    .from(contractSignedFiles)
    .innerJoin(
      contractVersions,
      and(
        eq(contractVersions.contractId, contractSignedFiles.contractId),
        eq(contractVersions.version, contractSignedFiles.version),
      ),
    )
    .leftJoin(users, eq(users.id, contractSignedFiles.uploadedBy))
    .where(eq(contractSignedFiles.contractId, contract.id))
    .orderBy(asc(contractSignedFiles.version));
}
