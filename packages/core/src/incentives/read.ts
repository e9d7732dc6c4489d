import {
  type Database,
  incentiveRecordStatuses,
  incentiveRecords,
  partners,
  serviceCategories,
} from '@outpost/db';
import { and, asc, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { notFound } from '../errors.ts';
import { quarterText } from '../reviews/quarters.ts';
import { reviewScope } from '../reviews/read.ts';
import { isUuid, parse } from '../validation.ts';

type RecordRow = typeof incentiveRecords.$inferSelect;

/**
 * What a reader sees of a record. The partner sees what, how much, why (tier, score, grade, the
 * review it rests on, the fee base) and where it stands — never who approved or how anyone voted.
 */
function visible(record: RecordRow, scope: string | undefined) {
  if (scope === undefined) return record;
  const { approverIds: _a, appliedBy: _b, ...rest } = record;
  return rest;
}

export const listIncentivesInput = z.object({
  quarter: quarterText.optional(),
  serviceCategory: z.enum(serviceCategories).optional(),
  status: z.enum(incentiveRecordStatuses).optional(),
  partnerId: z.uuid().optional(),
});

/** Records, newest quarter first: staff all; a partner its own only. */
export async function listIncentiveRecords(
  db: Database,
  actor: Actor,
  raw: z.input<typeof listIncentivesInput> = {},
) {
  const scope = reviewScope(actor);
  const input = parse(listIncentivesInput, raw);
  const rows = await db
    .select({ record: incentiveRecords, partnerName: partners.legalName })
    .from(incentiveRecords)
    .innerJoin(partners, eq(partners.id, incentiveRecords.partnerId))
    .where(
      and(
        scope === undefined ? undefined : eq(incentiveRecords.partnerId, scope),
        input.partnerId ? eq(incentiveRecords.partnerId, input.partnerId) : undefined,
        input.quarter ? eq(incentiveRecords.quarter, input.quarter) : undefined,
        input.serviceCategory ? eq(incentiveRecords.serviceCategory, input.serviceCategory) : undefined,
        input.status ? eq(incentiveRecords.status, input.status) : undefined,
      ),
    )
    .orderBy(desc(incentiveRecords.quarter), asc(partners.legalName), asc(incentiveRecords.serviceCategory))
    .limit(500);
  return rows.map(({ record, partnerName }) => ({ ...visible(record, scope), partnerName }));
}

/** One record; another partner's is "not found". */
export async function getIncentiveRecord(db: Database, actor: Actor, recordId: string) {
  const scope = reviewScope(actor);
  if (!isUuid(recordId)) throw notFound('Incentive record');
  const [row] = await db
    .select({ record: incentiveRecords, partnerName: partners.legalName })
    .from(incentiveRecords)
    .innerJoin(partners, eq(partners.id, incentiveRecords.partnerId))
    .where(eq(incentiveRecords.id, recordId));
  if (!row || (scope !== undefined && row.record.partnerId !== scope)) throw notFound('Incentive record');
  return { ...visible(row.record, scope), partnerName: row.partnerName };
}

/** The partner's latest applied recognition (its portal home shows it), or null. */
export async function latestRecognition(db: Database, actor: Actor) {
  const scope = reviewScope(actor);
  if (scope === undefined) return null;
  const rows = await db
    .select()
    .from(incentiveRecords)
    .where(and(eq(incentiveRecords.partnerId, scope), eq(incentiveRecords.status, 'applied')))
    .orderBy(desc(incentiveRecords.quarter))
    .limit(10);
  const hit = rows.find((r) => r.tier.recognition === true);
  return hit
    ? { quarter: hit.quarter, tierName: hit.tierName, serviceCategory: hit.serviceCategory, id: hit.id }
    : null;
}
