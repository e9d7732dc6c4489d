import {
  allocationShares,
  allocationTables,
  type Database,
  incentiveRecords,
  partners,
  serviceCategories,
} from '@outpost/db';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { csvDocument } from '../csv.ts';
import { AppError, notFound } from '../errors.ts';
import { writeXlsx } from '../exports/xlsx-write.ts';
import { formatPeriod } from '../performance/periods.ts';
import { can } from '../permissions.ts';
import { parseQuarter, quarterText } from '../reviews/quarters.ts';
import { reviewScope } from '../reviews/read.ts';
import { parse } from '../validation.ts';
import { largestRemainderShares } from './allocation-shares.ts';

type Category = (typeof serviceCategories)[number];

/** The quarter after `2026-Q3` is `2026-Q4`; after Q4 the next year's Q1. */
export function nextQuarter(quarter: string): string {
  const p = parseQuarter(quarter);
  return formatPeriod(p.index === 4 ? { ...p, year: p.year + 1, index: 1 } : { ...p, index: p.index + 1 });
}

/**
 * Recomputes the category's table for the quarter after `sourceQuarter`, inside the caller's
 * transaction (a record changed): every active partner admitted for the category takes part;
 * its weight is its applied record's business weight, or 1 (neutral) while its record is
 * pending, on hold, rejected or absent. Serialised per table by an advisory lock, so two
 * reviews finalised at once leave one consistent table.
 */
export async function refreshAllocation(
  tx: Database,
  actor: Actor,
  category: Category,
  sourceQuarter: string,
) {
  const quarter = nextQuarter(sourceQuarter);
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtext('allocation'), hashtext(${`${category}:${quarter}`}))`,
  );
  const eligible = await tx
    .select({ id: partners.id })
    .from(partners)
    .where(and(eq(partners.status, 'active'), sql`${category} = any(${partners.serviceCategories})`))
    .orderBy(asc(partners.id));
  const records = await tx
    .select()
    .from(incentiveRecords)
    .where(and(eq(incentiveRecords.quarter, sourceQuarter), eq(incentiveRecords.serviceCategory, category)));
  const byPartner = new Map(records.map((r) => [r.partnerId, r]));
  const weights = eligible.map((p) => {
    const record = byPartner.get(p.id);
    const applied = record?.status === 'applied';
    return {
      key: p.id,
      weight: applied ? record!.tier.businessWeight : 1,
      priority: applied && record!.tier.routingPriority === true,
      recordId: record?.id ?? null,
    };
  });
  const shares = largestRemainderShares(weights);
  const [table] = await tx
    .insert(allocationTables)
    .values({ serviceCategory: category, quarter, sourceQuarter })
    .onConflictDoUpdate({
      target: [allocationTables.serviceCategory, allocationTables.quarter],
      set: { sourceQuarter, updatedAt: new Date() },
    })
    .returning();
  const before = await tx.select().from(allocationShares).where(eq(allocationShares.tableId, table!.id));
  await tx.delete(allocationShares).where(eq(allocationShares.tableId, table!.id));
  if (weights.length) {
    await tx.insert(allocationShares).values(
      weights.map((w) => ({
        tableId: table!.id,
        partnerId: w.key,
        weight: w.weight,
        shareBasisPoints: shares.get(w.key)!,
        routingPriority: w.priority ? ('yes' as const) : ('no' as const),
        recordId: w.recordId,
      })),
    );
  }
  const changed =
    before.length !== weights.length || before.some((b) => shares.get(b.partnerId) !== b.shareBasisPoints);
  if (changed) {
    await audit(tx, actor, {
      action: 'incentive.allocation_computed',
      entityType: 'allocation_table',
      entityId: table!.id,
      data: {
        serviceCategory: category,
        quarter,
        sourceQuarter,
        shares: Object.fromEntries(shares),
      },
    });
  }
  return table!;
}

export const allocationQuery = z.object({
  serviceCategory: z.enum(serviceCategories, { message: 'Choose a service category.' }).optional(),
  quarter: quarterText.optional(),
});

/**
 * The allocation tables (staff: every partner's share; a partner: its own share only, never the
 * others' — it learns its part, not its peers'). Newest quarter first; one table per category and
 * quarter, so the list is the history.
 */
export async function listAllocations(db: Database, actor: Actor, raw: z.input<typeof allocationQuery> = {}) {
  // A staff key with allocations:read (decision record 059) reads every share, as staff do.
  const scope = can(actor, 'read:allocation:any') ? undefined : reviewScope(actor);
  const input = parse(allocationQuery, raw);
  const tables = await db
    .select()
    .from(allocationTables)
    .where(
      and(
        input.serviceCategory ? eq(allocationTables.serviceCategory, input.serviceCategory) : undefined,
        input.quarter ? eq(allocationTables.quarter, input.quarter) : undefined,
      ),
    )
    .orderBy(desc(allocationTables.quarter), asc(allocationTables.serviceCategory));
  if (tables.length === 0) return [];
  const rows = await db
    .select({
      tableId: allocationShares.tableId,
      partnerId: allocationShares.partnerId,
      partnerName: partners.legalName,
      weight: allocationShares.weight,
      shareBasisPoints: allocationShares.shareBasisPoints,
      routingPriority: allocationShares.routingPriority,
    })
    .from(allocationShares)
    .innerJoin(partners, eq(partners.id, allocationShares.partnerId))
    .where(
      and(
        sql`${allocationShares.tableId} in (${sql.join(
          tables.map((t) => sql`${t.id}`),
          sql`, `,
        )})`,
        scope === undefined ? undefined : eq(allocationShares.partnerId, scope),
      ),
    )
    .orderBy(desc(allocationShares.shareBasisPoints), asc(partners.legalName));
  return tables
    .map((t) => ({
      ...t,
      shares: rows
        .filter((r) => r.tableId === t.id)
        .map(({ tableId: _t, ...r }) => ({ ...r, routingPriority: r.routingPriority === 'yes' })),
    }))
    .filter((t) => scope === undefined || t.shares.length > 0);
}

/** One table (by category and quarter), as listAllocations reads it. */
export async function getAllocation(db: Database, actor: Actor, serviceCategory: string, quarter: string) {
  const [table] = await listAllocations(db, actor, { serviceCategory: serviceCategory as Category, quarter });
  if (!table) throw notFound('Allocation table');
  return table;
}

export const routingAllocationInput = z.strictObject({
  serviceCategory: z.enum(serviceCategories, { message: 'Choose a service category.' }),
  quarter: quarterText,
});

/**
 * The whole table of one category and quarter for the insurer's routing system (the REST API,
 * decision record 059): staff and staff keys with allocations:read only. A partner, by any
 * credential, is refused here: it learns its own share in the portal, never the table.
 */
export async function allocationForRouting(
  db: Database,
  actor: Actor,
  raw: z.input<typeof routingAllocationInput>,
) {
  if (!can(actor, 'read:allocation:any') && !can(actor, 'read:review:any')) {
    throw new AppError(
      'forbidden',
      'The allocation table is for staff and staff API keys with allocations:read.',
      {
        messageKey: 'errors.forbidden',
        details: { permission: 'read:allocation:any' },
      },
    );
  }
  const input = parse(routingAllocationInput, raw);
  return getAllocation(db, actor, input.serviceCategory, input.quarter);
}

const percentText = (basisPoints: number) => (basisPoints / 100).toFixed(2);

/**
 * The table as CSV or XLSX for the systems that route work: partner id, name, share in percent
 * (two decimals, adding up to 100.00), share in basis points, routing priority. Headers are
 * given by the caller in the reader's language; the partner id column lets a machine match rows.
 */
export async function exportAllocation(
  db: Database,
  actor: Actor,
  input: { serviceCategory: string; quarter: string; format: 'csv' | 'xlsx'; headers: string[] },
) {
  const table = await getAllocation(db, actor, input.serviceCategory, input.quarter);
  const rows = table.shares.map((s) => [
    s.partnerId,
    s.partnerName,
    percentText(s.shareBasisPoints),
    String(s.shareBasisPoints),
    s.routingPriority ? 'yes' : 'no',
  ]);
  const fileName = `allocation-${table.serviceCategory}-${table.quarter}.${input.format}`;
  if (can(actor, 'read:review:any')) {
    await db.transaction((tx) =>
      audit(tx, actor, {
        action: 'incentive.allocation_exported',
        entityType: 'allocation_table',
        entityId: table.id,
        data: { format: input.format, rows: rows.length },
      }),
    );
  }
  if (input.format === 'csv') {
    return { fileName, contentType: 'text/csv; charset=utf-8', body: csvDocument(input.headers, rows) };
  }
  return {
    fileName,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: writeXlsx(table.quarter, [
      input.headers,
      ...rows.map((r) => [r[0]!, r[1]!, Number(r[2]), Number(r[3]), r[4]!]),
    ]),
  };
}
