import { type Database, partnerMemberships, partners } from '@outpost/db';
import { eq } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import { AppError } from '../errors.ts';
import { assertCan } from '../permissions.ts';

/** Everyone of a partner organisation: they all receive its review notifications. */
export async function partnerUserIds(tx: Database, partnerId: string): Promise<string[]> {
  const rows = await tx
    .select({ userId: partnerMemberships.userId })
    .from(partnerMemberships)
    .where(eq(partnerMemberships.partnerId, partnerId));
  return rows.map((r) => r.userId);
}

/** The person behind a staff or partner actor (reviews are answered by people, not keys). */
export function personId(actor: { type: string; userId?: string }): string | null {
  return 'userId' in actor && actor.userId ? actor.userId : null;
}

/**
 * The partner organisation answering a review or rectifying its items: only a partner
 * administrator may (an API key or staff member is refused with `refusal`).
 */
export function respondingPartner(actor: Actor, refusal: string): string {
  assertCan(actor, 'respond:review:own');
  if (actor.type === 'partner') return actor.partnerId;
  throw new AppError('forbidden', refusal, { messageKey: 'errors.forbidden' });
}

/** A partner's legal name for a notification ('' if it is gone). */
export async function partnerName(tx: Database, partnerId: string): Promise<string> {
  const [row] = await tx
    .select({ legalName: partners.legalName })
    .from(partners)
    .where(eq(partners.id, partnerId));
  return row?.legalName ?? '';
}
