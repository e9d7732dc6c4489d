import { auditLog, type DatabaseConnection } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { asc, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, systemActor, verifyAuditChain } from '../src/index.ts';

let conn: DatabaseConnection;
beforeAll(async () => {
  conn = await createTestDatabase();
});
afterAll(() => conn.close());

describe('audit log', () => {
  it('chains entries and verifies an untouched chain', async () => {
    for (let i = 0; i < 5; i++) {
      await conn.db.transaction((tx) =>
        audit(tx, systemActor('test'), {
          action: 'thing.done',
          entityType: 'thing',
          entityId: String(i),
          data: { i, nested: { b: 1, a: 2 } },
        }),
      );
    }
    const rows = await conn.db.select().from(auditLog).orderBy(asc(auditLog.id));
    expect(rows).toHaveLength(5);
    expect(rows[1]!.prevHash).toBe(rows[0]!.hash);
    expect(await verifyAuditChain(conn.db)).toEqual({ ok: true, checked: 5 });
  });

  it('keeps the chain intact when writers run concurrently', async () => {
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        conn.db.transaction((tx) =>
          audit(tx, systemActor('test'), { action: 'parallel', entityType: 'thing', entityId: `p${i}` }),
        ),
      ),
    );
    expect(await verifyAuditChain(conn.db)).toMatchObject({ ok: true, checked: 13 });
  });

  it('refuses updates and deletes at the database', async () => {
    // Drizzle wraps the driver's error; the database's reason is its cause.
    const reason = (p: Promise<unknown>) =>
      p.then(
        () => 'succeeded',
        (e: Error) => String((e.cause as Error)?.message ?? e.message),
      );
    expect(await reason(conn.db.execute(sql`update audit_log set action = 'x'`))).toMatch(/append-only/);
    expect(await reason(conn.db.execute(sql`delete from audit_log`))).toMatch(/append-only/);
  });

  it('reports the first altered entry', async () => {
    const rows = await conn.db.select().from(auditLog).orderBy(asc(auditLog.id));
    const victim = rows[2]!;
    // Tampering needs the trigger out of the way — as an attacker with database access would.
    await conn.db.execute(sql`alter table audit_log disable trigger audit_log_no_update`);
    await conn.db.execute(sql`update audit_log set data = '{"i": 99}'::jsonb where id = ${victim.id}`);
    await conn.db.execute(sql`alter table audit_log enable trigger audit_log_no_update`);
    expect(await verifyAuditChain(conn.db)).toMatchObject({ ok: false, brokenAt: victim.id, checked: 2 });
  });

  it('rolls back with the change it records', async () => {
    const before = await conn.db.select().from(auditLog);
    await expect(
      conn.db.transaction(async (tx) => {
        await audit(tx, systemActor('test'), { action: 'doomed', entityType: 'thing' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await conn.db.select().from(auditLog)).toHaveLength(before.length);
  });
});
