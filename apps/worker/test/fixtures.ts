import { linkSlackUser, notify, systemActor } from '@outpost/core';
import { type Database, users } from '@outpost/db';
import { randomUUID } from 'node:crypto';

export const BOT_TOKEN = 'xoxb-test-token';
export const PUBLIC_URL = 'https://outpost.example';

/** A staff user linked to a fresh Slack user id. */
export async function linkedStaff(db: Database, input: { name: string; locale?: 'zh-CN' | 'en' }) {
  const [user] = await db
    .insert(users)
    .values({
      kind: 'staff',
      email: `${randomUUID()}@insurer.test`,
      displayName: input.name,
      locale: input.locale ?? 'en',
      staffRoles: ['reviewer'],
    })
    .returning();
  const slackUserId = `U${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`;
  await linkSlackUser(db, systemActor('test'), { userId: user!.id, slackUserId, via: 'portal' });
  return { user: user!, slackUserId };
}

/** What a domain event does: notify in a transaction (inbox row + outbox row). */
export async function notifyPartnerCreated(
  db: Database,
  userIds: string[],
  name = 'Acme Claims Ltd',
  slackChannel?: string,
) {
  return db.transaction((tx) =>
    notify(tx, {
      userIds,
      template: 'notify.partner_created',
      params: { name, creditCode: '91310000MA1FL8XQ3N' },
      link: '/s/partners/42',
      slackChannel: slackChannel ?? null,
    }),
  );
}

/** A moment safely after every row inserted so far (the database clock set their next_attempt_at). */
export const soon = () => new Date(Date.now() + 1_000);
export const plus = (date: Date, ms: number) => new Date(date.getTime() + ms);
