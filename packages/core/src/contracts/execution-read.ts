import {
  contractExecutionResults as r,
  contracts,
  type Database,
  partners,
  serviceCategories,
} from '@outpost/db';
import { and, asc, desc, eq, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { notFound } from '../errors.ts';
import { pageNumber } from '../fields.ts';
import { assertCan, can } from '../permissions.ts';
import { isUuid, parse } from '../validation.ts';
import { contractReadScope } from './read.ts';

/**
 * A contract's execution results, newest period first (a quarter before its last month, which it restates). Staff and
 * the contract's own partner (from signing on) may read them; anyone else gets "not found". The
 * partner sees its figures and credits, never who ran the evaluation.
 */
export async function listContractExecution(db: Database, actor: Actor, contractId: string) {
  if (!isUuid(contractId)) throw notFound('Contract');
  const [contract] = await db
    .select({ id: contracts.id })
    .from(contracts)
    .where(and(eq(contracts.id, contractId), contractReadScope(actor)));
  if (!contract) throw notFound('Contract');
  const rows = await db
    .select()
    .from(r)
    .where(eq(r.contractId, contractId))
    .orderBy(desc(r.periodTo), desc(r.periodKind), desc(r.period))
    .limit(24);
  const staff = can(actor, 'read:contract:any');
  return rows.map(({ runId, partnerId: _p, ...row }) => (staff ? { ...row, runId } : row));
}

export const executionListInput = z.object({
  period: z
    .string()
    .trim()
    .regex(/^\d{4}-(Q[1-4]|0[1-9]|1[0-2])$/, 'Write the period as 2026-Q3 or 2026-07.')
    .optional(),
  serviceCategory: z.enum(serviceCategories, { message: 'Unknown service category.' }).optional(),
  page: pageNumber().default(1),
});

const PAGE = 25;

/**
 * Staff's list of contracts by worst execution in one period (the newest evaluated one unless
 * chosen): highest deviation first, then most misses; not-measured contracts last.
 */
export async function listWorstExecution(
  db: Database,
  actor: Actor,
  raw: z.input<typeof executionListInput> = {},
) {
  assertCan(actor, 'read:contract:any');
  const input = parse(executionListInput, raw);
  const periods = await db
    .select({ period: r.period, periodKind: r.periodKind, periodTo: sql<string>`max(${r.periodTo})` })
    .from(r)
    .groupBy(r.period, r.periodKind)
    .orderBy(desc(sql`max(${r.periodTo})`), desc(r.periodKind))
    .limit(36);
  const period = input.period ?? periods[0]?.period;
  const empty = { period: period ?? null, periods, rows: [], total: 0, page: input.page, pageSize: PAGE };
  if (!period) return empty;
  const where: SQL[] = [eq(r.period, period)];
  if (input.serviceCategory) where.push(eq(contracts.serviceCategory, input.serviceCategory));
  const [rows, [count]] = await Promise.all([
    db
      .select({
        contractId: r.contractId,
        reference: contracts.reference,
        partnerId: contracts.partnerId,
        partnerName: partners.legalName,
        serviceCategory: contracts.serviceCategory,
        status: contracts.status,
        period: r.period,
        committed: r.committed,
        measured: r.measured,
        missed: r.missed,
        deviation: r.deviation,
        creditCents: r.creditCents,
        provisional: r.provisional,
        evaluatedAt: r.evaluatedAt,
      })
      .from(r)
      .innerJoin(contracts, eq(contracts.id, r.contractId))
      .innerJoin(partners, eq(partners.id, contracts.partnerId))
      .where(and(...where))
      .orderBy(sql`${r.deviation} desc nulls last`, desc(r.missed), asc(contracts.reference))
      .limit(PAGE)
      .offset((input.page - 1) * PAGE),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(r)
      .innerJoin(contracts, eq(contracts.id, r.contractId))
      .where(and(...where)),
  ]);
  return { ...empty, period, rows, total: count?.n ?? 0 };
}
