import { type Database, slackLinks, users } from '@outpost/db';
import { eq } from 'drizzle-orm';
import type { Actor } from './actor.ts';
import { audit } from './audit.ts';
import { AppError } from './errors.ts';
import { assertCan } from './permissions.ts';

/**
 * Links a staff user to a Slack user. A Slack user can be linked to one person only;
 * linking again replaces the previous link.
 */
export async function linkSlackUser(
  db: Database,
  actor: Actor,
  input: { userId: string; slackUserId: string; slackTeamId?: string | null; via: 'email' | 'portal' },
): Promise<void> {
  assertCan(actor, 'link:slack');
  if (actor.type === 'staff' && actor.userId !== input.userId && !actor.roles.includes('admin')) {
    throw new AppError('forbidden', 'You can link only your own Slack account.', {
      messageKey: 'errors.forbidden',
    });
  }
  await db.transaction(async (tx) => {
    const [user] = await tx.select({ kind: users.kind }).from(users).where(eq(users.id, input.userId));
    if (user?.kind !== 'staff') throw new AppError('bad_request', 'Only staff users can be linked to Slack.');
    await tx.delete(slackLinks).where(eq(slackLinks.slackUserId, input.slackUserId));
    await tx
      .insert(slackLinks)
      .values({
        userId: input.userId,
        slackUserId: input.slackUserId,
        slackTeamId: input.slackTeamId ?? null,
        linkedVia: input.via,
      })
      .onConflictDoUpdate({
        target: slackLinks.userId,
        set: {
          slackUserId: input.slackUserId,
          slackTeamId: input.slackTeamId ?? null,
          linkedVia: input.via,
          createdAt: new Date(),
        },
      });
    await audit(tx, actor, {
      action: 'slack.linked',
      entityType: 'user',
      entityId: input.userId,
      data: { slackUserId: input.slackUserId, via: input.via },
    });
  });
}

export async function unlinkSlackUser(db: Database, actor: Actor): Promise<void> {
  if (actor.type !== 'staff') throw new AppError('forbidden', 'Only staff users have Slack links.');
  await db.transaction(async (tx) => {
    const removed = await tx.delete(slackLinks).where(eq(slackLinks.userId, actor.userId)).returning();
    if (removed.length) {
      await audit(tx, actor, { action: 'slack.unlinked', entityType: 'user', entityId: actor.userId });
    }
  });
}

export async function slackLinkOf(db: Database, userId: string) {
  const [link] = await db.select().from(slackLinks).where(eq(slackLinks.userId, userId));
  return link ?? null;
}
