import { type Database, partnerMemberships, partners, slackLinks, type User, users } from '@outpost/db';
import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from './actor.ts';

export interface Person {
  user: User;
  actor: Actor;
  partner?: { id: string; legalName: string; status: string };
}

/**
 * Builds the acting identity of a user: staff with their roles, or a partner user
 * bound to its organisation. Disabled users and partner users without a membership
 * get no actor at all.
 */
export async function personById(
  db: Database,
  userId: string,
  via: 'web' | 'slack' | 'api' = 'web',
): Promise<Person | null> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (user?.status !== 'active') return null;
  if (user.kind === 'staff') {
    return { user, actor: { type: 'staff', userId: user.id, roles: user.staffRoles, via } };
  }
  const [membership] = await db
    .select({
      role: partnerMemberships.role,
      partnerId: partners.id,
      legalName: partners.legalName,
      status: partners.status,
    })
    .from(partnerMemberships)
    .innerJoin(partners, eq(partners.id, partnerMemberships.partnerId))
    .where(eq(partnerMemberships.userId, user.id))
    .limit(1);
  if (!membership) return null;
  return {
    user,
    actor: {
      type: 'partner',
      userId: user.id,
      partnerId: membership.partnerId,
      role: membership.role,
      via: via === 'slack' ? 'web' : via,
    },
    partner: { id: membership.partnerId, legalName: membership.legalName, status: membership.status },
  };
}

export async function userByEmail(db: Database, email: string): Promise<User | undefined> {
  const [user] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`);
  return user;
}

/** The staff person behind a Slack user id, if that Slack user is linked. */
export async function personBySlackUser(db: Database, slackUserId: string): Promise<Person | null> {
  const [link] = await db.select().from(slackLinks).where(eq(slackLinks.slackUserId, slackUserId));
  if (!link) return null;
  const person = await personById(db, link.userId, 'slack');
  return person && person.user.kind === 'staff' ? person : null;
}

export async function setLocale(db: Database, actor: Actor, locale: 'zh-CN' | 'en'): Promise<void> {
  if (actor.type !== 'staff' && actor.type !== 'partner') return;
  await db
    .update(users)
    .set({ locale, updatedAt: new Date() })
    .where(and(eq(users.id, actor.userId)));
}
