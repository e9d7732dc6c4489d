import { type Database, slackLinkRequests, slackLinks, users } from '@outpost/db';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Actor } from './actor.ts';
import { audit } from './audit.ts';
import { AppError } from './errors.ts';
import { assertCan } from './permissions.ts';
import { isUuid } from './validation.ts';

/**
 * Links a staff user to a Slack user. A Slack user can be linked to one person only.
 *
 * Automatic links (`via: 'email'`, a Slack user whose Slack e-mail matches) never move
 * an existing link to a different Slack user: that would let anyone who controls a
 * Slack account with the same e-mail take the person over. Instead a link request is
 * recorded (and audited) and the answer is `pending`; the staff member confirms it on
 * their account page (confirmSlackLinkRequest). A link made by the signed-in person in
 * the portal (`via: 'portal'`) is that confirmation and replaces the previous link.
 */
export async function linkSlackUser(
  db: Database,
  actor: Actor,
  input: { userId: string; slackUserId: string; slackTeamId?: string | null; via: 'email' | 'portal' },
): Promise<'linked' | 'pending'> {
  assertCan(actor, 'link:slack');
  if (actor.type === 'staff' && actor.userId !== input.userId && !actor.roles.includes('admin')) {
    throw new AppError('forbidden', 'You can link only your own Slack account.', {
      messageKey: 'errors.forbidden',
    });
  }
  return db.transaction((tx) => applyLink(tx, actor, input));
}

type LinkInput = Parameters<typeof linkSlackUser>[2];

async function applyLink(tx: Database, actor: Actor, input: LinkInput): Promise<'linked' | 'pending'> {
  const [user] = await tx.select({ kind: users.kind }).from(users).where(eq(users.id, input.userId));
  if (user?.kind !== 'staff') throw new AppError('bad_request', 'Only staff users can be linked to Slack.');
  const [current] = await tx.select().from(slackLinks).where(eq(slackLinks.userId, input.userId));
  if (input.via === 'email' && current && current.slackUserId !== input.slackUserId) {
    await requestLinkMove(tx, actor, { ...input, fromSlackUserId: current.slackUserId });
    return 'pending' as const;
  }
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
    data: {
      slackUserId: input.slackUserId,
      slackTeamId: input.slackTeamId ?? null,
      via: input.via,
      ...(current && current.slackUserId !== input.slackUserId
        ? { previousSlackUserId: current.slackUserId }
        : {}),
    },
  });
  // Linking settles any open request to move the link.
  await tx
    .update(slackLinkRequests)
    .set({ resolvedAt: new Date(), resolution: 'declined' })
    .where(and(eq(slackLinkRequests.userId, input.userId), isNull(slackLinkRequests.resolvedAt)));
  return 'linked' as const;
}

/** One open request per person: a newer one replaces the older (which is declined). */
async function requestLinkMove(
  tx: Database,
  actor: Actor,
  input: { userId: string; slackUserId: string; slackTeamId?: string | null; fromSlackUserId: string },
) {
  const [open] = await tx
    .select()
    .from(slackLinkRequests)
    .where(and(eq(slackLinkRequests.userId, input.userId), isNull(slackLinkRequests.resolvedAt)));
  if (open?.slackUserId === input.slackUserId) return; // asked again: nothing new to record
  if (open) {
    await tx
      .update(slackLinkRequests)
      .set({ resolvedAt: new Date(), resolution: 'declined' })
      .where(eq(slackLinkRequests.id, open.id));
  }
  const [request] = await tx
    .insert(slackLinkRequests)
    .values({ userId: input.userId, slackUserId: input.slackUserId, slackTeamId: input.slackTeamId ?? null })
    .returning({ id: slackLinkRequests.id });
  await audit(tx, actor, {
    action: 'slack.link_requested',
    entityType: 'user',
    entityId: input.userId,
    data: {
      requestId: request!.id,
      slackUserId: input.slackUserId,
      slackTeamId: input.slackTeamId ?? null,
      currentSlackUserId: input.fromSlackUserId,
    },
  });
}

/** The open request to move the person's Slack link, if any (shown on their account page). */
export async function pendingSlackLinkRequest(db: Database, userId: string) {
  const [request] = await db
    .select()
    .from(slackLinkRequests)
    .where(and(eq(slackLinkRequests.userId, userId), isNull(slackLinkRequests.resolvedAt)))
    .orderBy(desc(slackLinkRequests.createdAt))
    .limit(1);
  return request ?? null;
}

/**
 * The staff member, signed in to the portal, confirms (the link moves to the requesting
 * Slack user) or declines (nothing changes) their open link request. Only their own.
 */
export async function resolveSlackLinkRequest(
  db: Database,
  actor: Actor,
  input: { requestId: string; confirm: boolean },
): Promise<void> {
  if (actor.type !== 'staff')
    throw new AppError('forbidden', 'Only staff users have Slack links.', { messageKey: 'errors.forbidden' });
  const noRequest = () =>
    new AppError('not_found', 'There is no open Slack link request.', { messageKey: 'errors.not_found' });
  if (!isUuid(input.requestId)) throw noRequest();
  await db.transaction(async (tx) => {
    const [open] = await tx
      .select()
      .from(slackLinkRequests)
      .where(
        and(
          eq(slackLinkRequests.id, input.requestId),
          eq(slackLinkRequests.userId, actor.userId),
          isNull(slackLinkRequests.resolvedAt),
        ),
      );
    if (!open)
      throw new AppError('not_found', 'There is no open Slack link request.', {
        messageKey: 'errors.not_found',
      });
    await tx
      .update(slackLinkRequests)
      .set({ resolvedAt: new Date(), resolution: input.confirm ? 'confirmed' : 'declined' })
      .where(eq(slackLinkRequests.id, open.id));
    if (!input.confirm) {
      await audit(tx, actor, {
        action: 'slack.link_request_declined',
        entityType: 'user',
        entityId: actor.userId,
        data: { requestId: open.id, slackUserId: open.slackUserId },
      });
      return;
    }
    // The move and the request's confirmation commit together; the audit entry names both.
    await applyLink(tx, actor, {
      userId: actor.userId,
      slackUserId: open.slackUserId,
      slackTeamId: open.slackTeamId,
      via: 'portal',
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
