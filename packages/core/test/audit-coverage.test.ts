import { auditLog, type DatabaseConnection, notifications, outbox } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDITORS_CHANNEL, markRead, runAuditCheckpoint, setLocale, verifyAuditChain } from '../src/index.ts';
import { makeStaff } from '../src/testing/fixtures.ts';

let conn: DatabaseConnection;
beforeAll(async () => {
  conn = await createTestDatabase();
});
afterAll(() => conn.close());

const entries = (entityId: string) =>
  conn.db.select().from(auditLog).where(eq(auditLog.entityId, entityId)).orderBy(auditLog.id);

async function inbox(userId: string, count: number) {
  return conn.db
    .insert(notifications)
    .values(
      Array.from({ length: count }, (_, i) => ({
        recipientId: userId,
        template: 'notify.partner_created',
        params: { i },
      })),
    )
    .returning();
}

describe('state changes that were not audited', () => {
  it('marking one notification read (API, portal) is audited once, with where it happened', async () => {
    const { user, actor } = await makeStaff(conn.db, ['reviewer']);
    const [one, two] = await inbox(user.id, 2);
    expect(await markRead(conn.db, actor, one!.id, 'api')).toBe(1);
    expect(await markRead(conn.db, actor, one!.id, 'api')).toBe(0); // already read: nothing to audit
    expect(await entries(one!.id)).toMatchObject([
      { action: 'notification.read', actorId: user.id, data: { via: 'api' } },
    ]);
    expect(await markRead(conn.db, actor, two!.id)).toBe(1);
    expect(await entries(two!.id)).toMatchObject([{ action: 'notification.read', data: { via: 'portal' } }]);
  });

  it('"mark all read" is one entry with the count; nothing when nothing was unread', async () => {
    const { user, actor } = await makeStaff(conn.db, ['reviewer']);
    await inbox(user.id, 3);
    expect(await markRead(conn.db, actor)).toBe(3);
    expect(await markRead(conn.db, actor)).toBe(0);
    expect(await entries(user.id)).toMatchObject([
      { action: 'notification.read_all', data: { via: 'portal', count: 3 } },
    ]);
  });

  it('changing the language preference is audited; choosing the same one changes and audits nothing', async () => {
    const { user, actor } = await makeStaff(conn.db, ['reviewer']);
    await setLocale(conn.db, actor, 'en');
    await setLocale(conn.db, actor, 'en');
    expect(await entries(user.id)).toMatchObject([
      { action: 'user.locale_changed', data: { from: 'zh-CN', to: 'en' } },
    ]);
    expect(await verifyAuditChain(conn.db)).toMatchObject({ ok: true });
  });
});

describe('the audit-checkpoint job', () => {
  it('signs the head and sends it to the auditors (Slack channel, optional e-mail) in the same transaction', async () => {
    const { actor } = await makeStaff(conn.db, ['reviewer']);
    await setLocale(conn.db, actor, 'en'); // at least one entry
    const checkpoint = await runAuditCheckpoint(conn.db, { email: 'auditors@insurer.test' });
    expect(checkpoint).not.toBeNull();
    const slack = await conn.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.channel, 'slack'), eq(outbox.target, AUDITORS_CHANNEL)));
    expect(slack).toHaveLength(1);
    expect(String(slack[0]!.payload.params && (slack[0]!.payload.params as { line: string }).line)).toContain(
      checkpoint!.mac,
    );
    const mail = await conn.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.channel, 'email'), eq(outbox.target, 'auditors@insurer.test')));
    expect(mail).toHaveLength(1);
    // Head unchanged: no second checkpoint and nothing sent.
    expect(await runAuditCheckpoint(conn.db)).toBeNull();
    expect(await verifyAuditChain(conn.db)).toMatchObject({ ok: true, checkpoints: 1 });
  });
});
