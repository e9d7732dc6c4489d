import {
  clauseKinds,
  contractStatuses,
  contracts,
  contractVersions,
  type Database,
  openVersionStatuses,
  partners,
  serviceCategories,
} from '@outpost/db';
import { addDays, type Locale, todayInChina, translate } from '@outpost/i18n';
import { and, asc, desc, eq, ilike, inArray, like, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { csvDocument } from '../csv.ts';
import { writeXlsx } from '../exports/xlsx-write.ts';
import { pageSize } from '../fields.ts';
import { assertCan, can } from '../permissions.ts';
import { parse } from '../validation.ts';
import { ownershipConditions, ownershipFilterInput } from '../ownership/ownership.ts';

/** What a partner may see of its contracts: from signing on (the same rule as read.ts). */
const partnerVisible = ['signing', 'active', 'expiring', 'renewed', 'expired', 'terminated'] as const;

const day = z.iso.date('Use a date as YYYY-MM-DD.');

/** The archive's filters (decision record 039); every one optional, all combined with AND. */
export const contractArchiveFilters = z
  .object({
    partnerId: z.uuid('Choose a partner from the list.').optional(),
    status: z.enum(contractStatuses).optional(),
    serviceCategory: z.enum(serviceCategories).optional(),
    /** Contracts whose current version has a clause of this kind. */
    clauseKind: z.enum(clauseKinds).optional(),
    /** The term ends on or after / on or before (ISO dates). */
    endsFrom: day.optional(),
    endsTo: day.optional(),
    /** A quick window: the term ends within the next 30, 60 or 90 days (from today). */
    endsWithinDays: z.union([z.literal(30), z.literal(60), z.literal(90)]).optional(),
    /** Words in the reference, the partner's name or any clause text (either language). */
    q: z.string().trim().max(200).optional(),
    /** Decision record 050: the owning department and the responsible person. */
    ...ownershipFilterInput,
  })
  .refine((f) => !(f.endsFrom && f.endsTo) || f.endsFrom <= f.endsTo, {
    path: ['endsTo'],
    message: 'The end of the window must not be before its start.',
  });

export const contractArchiveInput = z.intersection(
  contractArchiveFilters,
  z.object({
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: pageSize(100).default(20),
  }),
);
export type ContractArchiveFilters = z.input<typeof contractArchiveFilters>;

/** Staff see every contract; a partner's people only their own partner's, from signing on. */
function scope(actor: Actor): SQL | undefined {
  if (can(actor, 'read:contract:any')) return undefined;
  assertCan(actor, 'read:contract:own');
  if (actor.type !== 'partner') return sql`false`;
  return and(eq(contracts.partnerId, actor.partnerId), inArray(contracts.status, [...partnerVisible]));
}

const escapeLike = (s: string) => s.replace(/[%_\\]/g, (c) => `\\${c}`);

/**
 * The WHERE of a search. Clause texts are matched against the version's `search_text` (JSON text
 * of the titles and bodies, lower-cased): the query is lower-cased and JSON-escaped the same way,
 * so a quote or a line break in the query still matches. The clause kind uses the jsonb GIN index.
 */
function whereOf(actor: Actor, f: z.output<typeof contractArchiveFilters>, today: string): SQL | undefined {
  const conditions: (SQL | undefined)[] = [scope(actor)];
  if (f.partnerId) conditions.push(eq(contracts.partnerId, f.partnerId));
  if (f.status) conditions.push(eq(contracts.status, f.status));
  conditions.push(...ownershipConditions('contract', f));
  if (f.serviceCategory) conditions.push(eq(contracts.serviceCategory, f.serviceCategory));
  if (f.clauseKind) {
    conditions.push(sql`${contractVersions.clauses} @> ${JSON.stringify([{ kind: f.clauseKind }])}::jsonb`);
  }
  const endDate = sql`(${contractVersions.terms}->>'endDate')`;
  if (f.endsWithinDays) {
    conditions.push(sql`${endDate} between ${today} and ${addDays(today, f.endsWithinDays)}`);
  }
  if (f.endsFrom) conditions.push(sql`${endDate} >= ${f.endsFrom}`);
  if (f.endsTo) conditions.push(sql`${endDate} <= ${f.endsTo}`);
  if (f.q) {
    const plain = `%${escapeLike(f.q)}%`;
    const jsonEscaped = `%${escapeLike(JSON.stringify(f.q.toLowerCase()).slice(1, -1))}%`;
    conditions.push(
      or(
        ilike(contracts.reference, plain),
        ilike(partners.legalName, plain),
        like(contractVersions.searchText, jsonEscaped),
      ),
    );
  }
  return and(...conditions);
}

const columns = {
  id: contracts.id,
  reference: contracts.reference,
  partnerId: contracts.partnerId,
  partnerName: partners.legalName,
  serviceCategory: contracts.serviceCategory,
  status: contracts.status,
  version: contracts.currentVersion,
  startDate: sql<string>`${contractVersions.terms}->>'startDate'`,
  endDate: sql<string>`${contractVersions.terms}->>'endDate'`,
  annualValueCents: sql<number>`(${contractVersions.terms}->>'annualValueCents')::bigint`,
  currency: sql<string>`${contractVersions.terms}->>'currency'`,
  criticality: partners.criticality,
  updatedAt: contracts.updatedAt,
  ownerId: contracts.ownerId,
  departmentId: contracts.departmentId,
};

function base(db: Database) {
  return db
    .select(columns)
    .from(contracts)
    .innerJoin(partners, eq(partners.id, contracts.partnerId))
    .innerJoin(
      contractVersions,
      and(
        eq(contractVersions.contractId, contracts.id),
        eq(contractVersions.version, contracts.currentVersion),
      ),
    );
}

/** The contract archive: a page of contracts matching the filters, newest change first. */
export async function searchContracts(
  db: Database,
  actor: Actor,
  raw: z.input<typeof contractArchiveInput> = {},
  today = todayInChina(),
) {
  const input = parse(contractArchiveInput, raw);
  const where = whereOf(actor, input, today);
  const [items, [count]] = await Promise.all([
    base(db)
      .where(where)
      .orderBy(desc(contracts.updatedAt), asc(contracts.id))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(contracts)
      .innerJoin(partners, eq(partners.id, contracts.partnerId))
      .innerJoin(
        contractVersions,
        and(
          eq(contractVersions.contractId, contracts.id),
          eq(contractVersions.version, contracts.currentVersion),
        ),
      )
      .where(where),
  ]);
  return {
    items: await withWorkUnderWay(db, actor, items),
    total: count?.n ?? 0,
    page: input.page,
    pageSize: input.pageSize,
  };
}

/**
 * Marks the contracts with an amendment or renewal under way (decision record 047), for the
 * list's "amendment under way" / "renewal under way". Staff see it from the draft on; a partner,
 * as everywhere, only once it awaits its signature. One query for the page.
 */
export async function withWorkUnderWay<T extends { id: string }>(db: Database, actor: Actor, items: T[]) {
  if (items.length === 0) return items.map((i) => ({ ...i, underWay: null }));
  const staff = can(actor, 'read:contract:any');
  const open = await db
    .select({ contractId: contractVersions.contractId, renewal: contractVersions.renewal })
    .from(contractVersions)
    .where(
      and(
        inArray(
          contractVersions.contractId,
          items.map((i) => i.id),
        ),
        eq(contractVersions.kind, 'amendment'),
        inArray(contractVersions.status, staff ? [...openVersionStatuses] : ['signing']),
      ),
    );
  const byContract = new Map(open.map((o) => [o.contractId, o.renewal ? 'renewal' : 'amendment']));
  return items.map((i) => ({
    ...i,
    underWay: (byContract.get(i.id) ?? null) as 'amendment' | 'renewal' | null,
  }));
}

export const archiveExportColumns = [
  'reference',
  'partner',
  'category',
  'status',
  'version',
  'startDate',
  'endDate',
  'annualValue',
  'currency',
  'criticality',
] as const;

/** At most this many rows in one export (the whole archive of a large insurer fits many times). */
const EXPORT_LIMIT = 50_000;

/**
 * Every contract matching the filters (not one page) as CSV or XLSX, headings and codes in
 * `locale`. The export itself is audited (who took which list out, with which filters).
 */
export async function exportContractArchive(
  db: Database,
  actor: Actor,
  raw: ContractArchiveFilters,
  options: { format: 'csv' | 'xlsx'; locale: Locale; today?: string },
) {
  const filters = parse(contractArchiveFilters, raw);
  const today = options.today ?? todayInChina();
  const rows = await base(db)
    .where(whereOf(actor, filters, today))
    .orderBy(asc(contracts.reference))
    .limit(EXPORT_LIMIT);
  const t = (key: string) => translate(options.locale, key);
  const header = archiveExportColumns.map((c) => t(`contracts.archive.column.${c}`));
  const body = rows.map((r) => [
    r.reference,
    r.partnerName,
    t(`category.${r.serviceCategory}`),
    t(`contracts.status.${r.status}`),
    r.version,
    r.startDate,
    r.endDate,
    Number(r.annualValueCents) / 100,
    r.currency ?? 'CNY',
    t(`criticality.${r.criticality}`),
  ]);
  await audit(db, actor, {
    action: 'contract.archive_exported',
    entityType: 'contract',
    partnerId: actor.type === 'partner' ? actor.partnerId : null,
    data: { format: options.format, filters, rows: rows.length },
  });
  const name = `contracts-${today}`;
  if (options.format === 'xlsx') {
    return {
      fileName: `${name}.xlsx`,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      body: writeXlsx(t('contracts.archive.sheet'), [header, ...body]) as Uint8Array | string,
      rows: rows.length,
    };
  }
  return {
    fileName: `${name}.csv`,
    contentType: 'text/csv; charset=utf-8',
    body: csvDocument(
      header,
      body.map((r) => r.map((v) => String(v ?? ''))),
    ) as Uint8Array | string,
    rows: rows.length,
  };
}

/** The partners that have contracts (the archive's partner filter), by name; scoped like the search. */
export async function contractPartners(db: Database, actor: Actor) {
  return db
    .selectDistinct({ id: partners.id, name: partners.legalName })
    .from(contracts)
    .innerJoin(partners, eq(partners.id, contracts.partnerId))
    .where(scope(actor))
    .orderBy(asc(partners.legalName), asc(partners.id));
}
