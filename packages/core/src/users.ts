import {
  type Database,
  notifications,
  partnerMemberships,
  partners,
  type Session,
  sessions,
  slackLinks,
  type User,
  users,
} from '@outpost/db';
import { eq, getTableColumns, sql } from 'drizzle-orm';
import type { Actor } from './actor.ts';
import { audit } from './audit.ts';
import { preparedPerDatabase } from './prepared.ts';

/** A user as the rest of the request sees it: never with the password hash. */
export type PersonUser = Omit<User, 'passwordHash'>;

export interface Person {
  user: PersonUser;
  actor: Actor;
  partner?: { id: string; legalName: string; status: string };
}

// The user and, for partner users, its membership: what an acting identity is built from.
const { passwordHash: _hash, ...userColumns } = getTableColumns(users);
const personColumns = {
  user: userColumns,
  role: partnerMemberships.role,
  partnerId: partners.id,
  legalName: partners.legalName,
  status: partners.status,
};
type PersonRow = {
  user: PersonUser;
  role: (typeof partnerMemberships.$inferSelect)['role'] | null;
  partnerId: string | null;
  legalName: string | null;
  status: string | null;
};

/**
 * Builds the acting identity of a user: staff with their roles, or a partner user
 * bound to its organisation. Disabled users and partner users without a membership
 * get no actor at all.
 */
function toPerson(row: PersonRow | undefined, via: 'web' | 'slack' | 'api'): Person | null {
  if (row?.user.status !== 'active') return null;
  const { user } = row;
  if (user.kind === 'staff') {
    return { user, actor: { type: 'staff', userId: user.id, roles: user.staffRoles, via } };
  }
  const { role, partnerId, legalName, status } = row;
  if (!role || !partnerId || !legalName || !status) return null; // no membership
  return {
    user,
    actor: {
      type: 'partner',
      userId: user.id,
      partnerId,
      role,
      via: via === 'slack' ? 'web' : via,
    },
    partner: { id: partnerId, legalName, status },
  };
}

export async function personById(
  db: Database,
  userId: string,
  via: 'web' | 'slack' | 'api' = 'web',
): Promise<Person | null> {
  const [row] = await db
    .select(personColumns)
    .from(users)
    .leftJoin(partnerMemberships, eq(partnerMemberships.userId, users.id))
    .leftJoin(partners, eq(partners.id, partnerMemberships.partnerId))
    .where(eq(users.id, userId))
    .limit(1);
  return toPerson(row, via);
}

/**
 * What every signed-in request needs, in one round trip: the session row (the caller checks
 * its secret and age), the person behind it and how many notifications they have not read.
 */
export async function signedInPerson(
  db: Database,
  sessionId: string,
): Promise<{ session: Session; person: Person | null; unread: number } | null> {
  const [row] = await signedInStatement(db).execute({ sessionId });
  if (!row) return null;
  return { session: row.session, person: toPerson(row, 'web'), unread: Number(row.unread) };
}

const signedInStatement = preparedPerDatabase((db) =>
  db
    .select({
      session: sessions,
      ...personColumns,
      unread: sql<number>`(select count(*)::int from ${notifications}
        where ${notifications.recipientId} = ${sessions.userId} and ${notifications.readAt} is null)`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(partnerMemberships, eq(partnerMemberships.userId, users.id))
    .leftJoin(partners, eq(partners.id, partnerMemberships.partnerId))
    .where(eq(sessions.id, sql.placeholder('sessionId')))
    .limit(1)
    .prepare('signed_in_person'),
);

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
  const userId = actor.userId;
  await db.transaction(async (tx) => {
    const [before] = await tx.select({ locale: users.locale }).from(users).where(eq(users.id, userId));
    if (!before || before.locale === locale) return;
    await tx.update(users).set({ locale, updatedAt: new Date() }).where(eq(users.id, userId));
    await audit(tx, actor, {
      action: 'user.locale_changed',
      entityType: 'user',
      entityId: userId,
      data: { from: before.locale, to: locale },
    });
  });
}
