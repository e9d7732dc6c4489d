import { linkSlackUser, systemActor } from '@outpost/core';
import { type Database, users } from '@outpost/db';
import { randomUUID } from 'node:crypto';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';
export const BOT_TOKEN = 'xoxb-test-token';
export const PUBLIC_URL = 'https://outpost.example';

/** A staff user as the portal would create one (unique e-mail per call). */
export async function createStaff(
  db: Database,
  input: {
    name: string;
    locale?: 'zh-CN' | 'en';
    roles?: ('reviewer' | 'auditor' | 'admin' | 'committee' | 'risk_officer' | 'legal')[];
    email?: string;
    status?: 'active' | 'disabled';
  },
) {
  const [user] = await db
    .insert(users)
    .values({
      kind: 'staff',
      email:
        input.email ??
        `${input.name.toLowerCase().replace(/\W+/g, '.')}.${randomUUID().slice(0, 8)}@insurer.test`,
      displayName: input.name,
      locale: input.locale ?? 'en',
      staffRoles: input.roles ?? ['reviewer'],
      status: input.status ?? 'active',
    })
    .returning();
  return user!;
}

export async function linkStaff(db: Database, userId: string, slackUserId: string) {
  await linkSlackUser(db, systemActor('test'), {
    userId,
    slackUserId,
    slackTeamId: 'T0OUTPOST',
    via: 'portal',
  });
}

export const uniqueSlackId = () => `U${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`;
