import {
  type Database,
  partners,
  quarterlyReviews,
  rectificationItems,
  rectificationStatuses,
  users,
} from '@outpost/db';
import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { pageNumber } from '../fields.ts';
import { assertCan, can } from '../permissions.ts';
import { parse } from '../validation.ts';
import { ownershipConditions, ownershipFilterInput } from './ownership.ts';

export const RECTIFICATION_PAGE_SIZE = 25;

export const rectificationListInput = z.object({
  status: z.enum(rectificationStatuses).optional(),
  partnerId: z.uuid().optional(),
  ...ownershipFilterInput,
  page: pageNumber().default(1),
});

/**
 * Rectification items across reviews, with their responsible person and department, filterable by
 * both (decision record 050). Staff see every partner's; a partner's people only their own.
 */
export async function listRectificationItems(
  db: Database,
  actor: Actor,
  raw: z.input<typeof rectificationListInput> = {},
) {
  const input = parse(rectificationListInput, raw);
  const where: SQL[] = [];
  if (!can(actor, 'read:review:any')) {
    assertCan(actor, 'read:review:own');
    where.push(actor.type === 'partner' ? eq(rectificationItems.partnerId, actor.partnerId) : sql`false`);
  }
  if (input.status) where.push(eq(rectificationItems.status, input.status));
  if (input.partnerId) where.push(eq(rectificationItems.partnerId, input.partnerId));
  where.push(...ownershipConditions('rectification_item', input));
  const rows = await db
    .select({
      id: rectificationItems.id,
      reviewId: rectificationItems.reviewId,
      quarter: quarterlyReviews.quarter,
      partnerId: rectificationItems.partnerId,
      partnerName: partners.legalName,
      description: rectificationItems.description,
      dueDate: rectificationItems.dueDate,
      status: rectificationItems.status,
      ownerId: rectificationItems.ownerId,
      ownerName: users.displayName,
      departmentId: rectificationItems.departmentId,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(rectificationItems)
    .innerJoin(quarterlyReviews, eq(quarterlyReviews.id, rectificationItems.reviewId))
    .innerJoin(partners, eq(partners.id, rectificationItems.partnerId))
    .leftJoin(users, eq(users.id, rectificationItems.ownerId))
    .where(and(...where))
    .orderBy(asc(rectificationItems.dueDate), asc(rectificationItems.id))
    .limit(RECTIFICATION_PAGE_SIZE)
    .offset((input.page - 1) * RECTIFICATION_PAGE_SIZE);
  return {
    page: input.page,
    pageSize: RECTIFICATION_PAGE_SIZE,
    total: rows[0]?.total ?? 0,
    // A partner's people see the item, not who inside the insurer answers for it.
    items: rows.map(({ total: _t, ...r }) =>
      actor.type === 'partner' ? { ...r, ownerId: null, ownerName: null, departmentId: null } : r,
    ),
  };
}
