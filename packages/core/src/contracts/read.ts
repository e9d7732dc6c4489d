import {
  contractReviews,
  contractStatuses,
  contracts,
  contractVersions,
  type Database,
  partners,
  serviceCategories,
  users,
} from '@outpost/db';
import { and, asc, desc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { notFound } from '../errors.ts';
import { pageSize } from '../fields.ts';
import { assertCan, can } from '../permissions.ts';
import { isUuid, parse } from '../validation.ts';
import { textDiff } from './clause-diff.ts';
import { editedClause, libraryTextsOf } from './drafts.ts';
import { withWorkUnderWay } from './archive-search.ts';
import { ownershipConditions, ownershipFilterInput } from '../ownership/ownership.ts';

/** What a partner may see of its contracts: from signing on (nothing still being negotiated inside). */
const partnerVisible = ['signing', 'active', 'expiring', 'renewed', 'expired', 'terminated'] as const;

export const contractListInput = z.object({
  status: z.enum(contractStatuses).optional(),
  serviceCategory: z.enum(serviceCategories).optional(),
  partnerId: z.uuid().optional(),
  q: z.string().trim().max(200).optional(),
  /** Decision record 050: the owning department and the responsible person. */
  ...ownershipFilterInput,
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: pageSize(100).default(20),
});

/** Staff see every contract; a partner's people only their own partner's, from signing on. */
function scope(actor: Actor): SQL | undefined {
  if (can(actor, 'read:contract:any')) return undefined;
  assertCan(actor, 'read:contract:own');
  if (actor.type !== 'partner') return sql`false`;
  return and(eq(contracts.partnerId, actor.partnerId), inArray(contracts.status, [...partnerVisible]));
}

export async function listContracts(db: Database, actor: Actor, raw: z.input<typeof contractListInput> = {}) {
  const input = parse(contractListInput, raw);
  const conditions: (SQL | undefined)[] = [scope(actor)];
  if (input.status) conditions.push(eq(contracts.status, input.status));
  if (input.serviceCategory) conditions.push(eq(contracts.serviceCategory, input.serviceCategory));
  if (input.partnerId) conditions.push(eq(contracts.partnerId, input.partnerId));
  conditions.push(...ownershipConditions('contract', input));
  if (input.q) {
    const like = `%${input.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(contracts.reference, like), ilike(partners.legalName, like)));
  }
  const where = and(...conditions);
  const [rows, [count]] = await Promise.all([
    db
      .select({
        id: contracts.id,
        reference: contracts.reference,
        partnerId: contracts.partnerId,
        partnerName: partners.legalName,
        serviceCategory: contracts.serviceCategory,
        status: contracts.status,
        version: contracts.currentVersion,
        startDate: sql<string>`${contractVersions.terms}->>'startDate'`,
        endDate: sql<string>`${contractVersions.terms}->>'endDate'`,
        updatedAt: contracts.updatedAt,
        ownerId: contracts.ownerId,
        departmentId: contracts.departmentId,
      })
      .from(contracts)
      .innerJoin(partners, eq(partners.id, contracts.partnerId))
      .innerJoin(
        contractVersions,
        and(
          eq(contractVersions.contractId, contracts.id),
          eq(contractVersions.version, contracts.currentVersion),
        ),
      )
      .where(where)
      .orderBy(desc(contracts.updatedAt), asc(contracts.id))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(contracts)
      .innerJoin(partners, eq(partners.id, contracts.partnerId))
      .where(where),
  ]);
  return {
    items: await withWorkUnderWay(db, actor, rows),
    total: count?.n ?? 0,
    page: input.page,
    pageSize: input.pageSize,
  };
}

/**
 * One contract: its current version, and for staff the review history and, for each clause that
 * departs from the library, a word diff in both languages (what legal is asked to read).
 * Anything a partner may not see is "not found".
 */
export async function getContract(db: Database, actor: Actor, contractId: string) {
  if (!isUuid(contractId)) throw notFound('Contract');
  const [row] = await db
    .select({ contract: contracts, partnerName: partners.legalName, criticality: partners.criticality })
    .from(contracts)
    .innerJoin(partners, eq(partners.id, contracts.partnerId))
    .where(and(eq(contracts.id, contractId), scope(actor)));
  if (!row) throw notFound('Contract');
  const [version] = await db
    .select()
    .from(contractVersions)
    .where(
      and(
        eq(contractVersions.contractId, contractId),
        eq(contractVersions.version, row.contract.currentVersion),
      ),
    );
  const staff = can(actor, 'read:contract:any');
  const base = {
    ...row.contract,
    partnerName: row.partnerName,
    criticality: row.criticality,
    version: version!,
  };
  if (!staff) return { ...base, reviews: [], changes: [] };
  const library = await libraryTextsOf(db, version!.clauses);
  const changes = version!.clauses.flatMap((c, index) => {
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
  const reviews = await db
    .select({
      version: contractReviews.version,
      decision: contractReviews.decision,
      comments: contractReviews.comments,
      reviewer: users.displayName,
      at: contractReviews.createdAt,
    })
    .from(contractReviews)
    .innerJoin(users, eq(users.id, contractReviews.reviewerId))
    .where(eq(contractReviews.contractId, contractId))
    .orderBy(asc(contractReviews.createdAt), asc(contractReviews.id));
  return { ...base, reviews, changes };
}

/** The rows of `contracts` an actor may read (staff all; a partner its own, from signing on). */
export const contractReadScope = scope;
