import { type Database, partnerMemberships } from '@outpost/db';
import { eq } from 'drizzle-orm';

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
