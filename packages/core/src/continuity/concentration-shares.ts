import { inForceStatuses } from '../contracts/in-force.ts';
import {
  contracts,
  contractVersions,
  type Database,
  kpiDailyRollups,
  partners,
  type serviceCategories,
} from '@outpost/db';
import { and, arrayOverlaps, eq, gte, inArray, lte, sql } from 'drizzle-orm';

type Category = (typeof serviceCategories)[number];

/**
 * The one computation of "how concentrated is a service category on one partner" (decision
 * records 041 and 050). The concentration view and the `concentration` risk rule both read the
 * volumes with `categoryVolumes`, turn them into shares with `sharesOf` and decide with
 * `aboveLimit`, so the page and the alert can never disagree on the same data.
 */
export interface PartnerAmount {
  partnerId: string;
  legalName: string;
  amount: number;
}

export interface PartnerShare extends PartnerAmount {
  /** Unrounded percent of the category's total; the shares of a category sum to 100. */
  percent: number;
}

/** Each partner's share of the total, largest first (ties by name); partners with nothing are left out. */
export function sharesOf(amounts: readonly PartnerAmount[]): { total: number; shares: PartnerShare[] } {
  const members = amounts.filter((a) => a.amount > 0);
  const total = members.reduce((sum, m) => sum + m.amount, 0);
  const shares = members
    .map((m) => ({ ...m, percent: total === 0 ? 0 : (m.amount / total) * 100 }))
    .sort((a, b) => b.amount - a.amount || a.legalName.localeCompare(b.legalName));
  return { total, shares };
}

/** The shares strictly above the limit (a share equal to the limit is within it). */
export function aboveLimit(shares: readonly PartnerShare[], limitPercent: number): PartnerShare[] {
  return shares.filter((s) => s.percent > limitPercent);
}

export interface VolumeRow {
  id: string;
  legalName: string;
  serviceCategories: Category[];
  volume: number;
}

/**
 * Cases opened per partner serving any of `categories`, from the daily rollups between `from` and
 * `to` (both included). Events carry no category, so a partner in two categories counts its whole
 * volume in both (decision record 041). One grouped read.
 */
export async function categoryVolumes(
  db: Database,
  categories: readonly Category[],
  from: string,
  to: string,
): Promise<VolumeRow[]> {
  if (categories.length === 0) return [];
  const rows = await db
    .select({
      id: partners.id,
      legalName: partners.legalName,
      serviceCategories: partners.serviceCategories,
      volume: sql<number>`sum(${kpiDailyRollups.casesOpened})::int`,
    })
    .from(kpiDailyRollups)
    .innerJoin(partners, eq(partners.id, kpiDailyRollups.partnerId))
    .where(
      and(
        arrayOverlaps(partners.serviceCategories, [...categories]),
        gte(kpiDailyRollups.day, from),
        lte(kpiDailyRollups.day, to),
      ),
    )
    .groupBy(partners.id);
  return rows.map((r) => ({ ...r, volume: Number(r.volume) }));
}

/** The volume amounts of one category, for `sharesOf`. */
export function volumesIn(rows: readonly VolumeRow[], category: Category): PartnerAmount[] {
  return rows
    .filter((r) => r.serviceCategories.includes(category))
    .map((r) => ({ partnerId: r.id, legalName: r.legalName, amount: r.volume }));
}

/**
 * The annual value (cents) of the contracts in force (active, expiring or renewed; the terms of the
 * latest signed version — a renewal or amendment replaces the earlier ones, an amendment being
 * drafted counts for nothing yet) per category and partner. A contract has one category and one
 * version in force, so nothing is counted twice.
 */
export async function contractValues(
  db: Database,
): Promise<{ category: Category; partnerId: string; legalName: string; amount: number }[]> {
  const rows = await db
    .select({
      category: contracts.serviceCategory,
      partnerId: contracts.partnerId,
      legalName: partners.legalName,
      amount: sql<string>`coalesce(sum((${contractVersions.terms}->>'annualValueCents')::bigint), 0)::text`,
    })
    .from(contracts)
    .innerJoin(partners, eq(partners.id, contracts.partnerId))
    .innerJoin(
      contractVersions,
      and(
        eq(contractVersions.contractId, contracts.id),
        sql`${contractVersions.version} = (select max(s.version) from contract_versions s where s.contract_id = ${contracts.id} and s.status = 'signed')`,
      ),
    )
    .where(inArray(contracts.status, [...inForceStatuses]))
    .groupBy(contracts.serviceCategory, contracts.partnerId, partners.legalName);
  return rows.map((r) => ({ ...r, amount: Number(r.amount) }));
}
