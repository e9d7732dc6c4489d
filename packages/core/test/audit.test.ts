import { createHash } from 'node:crypto';
import { auditCheckpoints, auditLog, type DatabaseConnection } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { asc, desc, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  audit,
  checkpointAuditChain,
  checkpointLine,
  parseCheckpointLine,
  systemActor,
  verifyAuditChain,
} from '../src/index.ts';

// Each test gets its own database, so none depends on what another one wrote.
let conn: DatabaseConnection;
beforeEach(async () => {
  conn = await createTestDatabase();
});
afterEach(() => conn.close());

async function write(n: number, prefix = 'e') {
  for (let i = 0; i < n; i++) {
    await conn.db.transaction((tx) =>
      audit(tx, systemActor('test'), {
        action: 'thing.done',
        entityType: 'thing',
        entityId: `${prefix}${i}`,
        data: { i, nested: { b: 1, a: 2 } },
      }),
    );
  }
}

/** Tampering needs the trigger out of the way — as an attacker with database access would. */
async function asAttacker(change: () => Promise<unknown>) {
  await conn.db.execute(sql`alter table audit_log disable trigger user`);
  await conn.db.execute(sql`alter table audit_checkpoints disable trigger user`);
  try {
    await change();
  } finally {
    await conn.db.execute(sql`alter table audit_log enable trigger user`);
    await conn.db.execute(sql`alter table audit_checkpoints enable trigger user`);
  }
}

describe('audit log', () => {
  it('chains and signs entries and verifies an untouched chain', async () => {
    await write(5);
    const rows = await conn.db.select().from(auditLog).orderBy(asc(auditLog.id));
    expect(rows).toHaveLength(5);
    expect(rows[1]!.prevHash).toBe(rows[0]!.hash);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.mac ?? ''))).toBe(true);
    expect(await verifyAuditChain(conn.db)).toEqual({ ok: true, checked: 5, unsigned: 0, checkpoints: 0 });
  });

  it('keeps the chain intact when writers run concurrently', async () => {
    await write(2);
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        conn.db.transaction((tx) =>
          audit(tx, systemActor('test'), { action: 'parallel', entityType: 'thing', entityId: `p${i}` }),
        ),
      ),
    );
    expect(await verifyAuditChain(conn.db)).toMatchObject({ ok: true, checked: 10 });
  });

  it('refuses updates and deletes at the database, on entries and checkpoints', async () => {
    await write(1);
    await checkpointAuditChain(conn.db);
    // Drizzle wraps the driver's error; the database's reason is its cause.
    const reason = (p: Promise<unknown>) =>
      p.then(
        () => 'succeeded',
        (e: Error) => String((e.cause as Error)?.message ?? e.message),
      );
    expect(await reason(conn.db.execute(sql`update audit_log set action = 'x'`))).toMatch(/append-only/);
    expect(await reason(conn.db.execute(sql`delete from audit_log`))).toMatch(/append-only/);
    expect(await reason(conn.db.execute(sql`delete from audit_checkpoints`))).toMatch(/append-only/);
    expect(await reason(conn.db.execute(sql`truncate audit_checkpoints`))).toMatch(/append-only/);
  });

  it('reports the first altered entry', async () => {
    await write(5);
    const rows = await conn.db.select().from(auditLog).orderBy(asc(auditLog.id));
    const victim = rows[2]!;
    await asAttacker(() =>
      conn.db.execute(sql`update audit_log set data = '{"i": 99}'::jsonb where id = ${victim.id}`),
    );
    expect(await verifyAuditChain(conn.db)).toMatchObject({ ok: false, brokenAt: victim.id, checked: 2 });
  });

  it('rolls back with the change it records', async () => {
    await write(2);
    await expect(
      conn.db.transaction(async (tx) => {
        await audit(tx, systemActor('test'), { action: 'doomed', entityType: 'thing' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await conn.db.select().from(auditLog)).toHaveLength(2);
  });
});

describe('audit anchors', () => {
  it('a checkpoint signs the head once; nothing new when the head has not moved', async () => {
    expect(await checkpointAuditChain(conn.db)).toBeNull(); // empty log
    await write(3);
    const first = await checkpointAuditChain(conn.db);
    const [head] = await conn.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    expect(first).toMatchObject({ headId: head!.id, headHash: head!.hash, entries: 3 });
    expect(await checkpointAuditChain(conn.db)).toBeNull();
    await write(1, 'later');
    expect(await checkpointAuditChain(conn.db)).toMatchObject({ entries: 4 });
    expect(await verifyAuditChain(conn.db)).toEqual({ ok: true, checked: 4, unsigned: 0, checkpoints: 2 });
  });

  it('detects the newest entries deleted below a checkpoint', async () => {
    await write(5);
    await checkpointAuditChain(conn.db);
    await asAttacker(() =>
      conn.db.execute(
        sql`delete from audit_log where id in (select id from audit_log order by id desc limit 2)`,
      ),
    );
    const report = await verifyAuditChain(conn.db);
    expect(report).toMatchObject({ ok: false, checked: 3 });
    expect(report.ok === false && report.reason).toMatch(/missing .*truncated/);
  });

  it('detects a forged append with a recomputed hash (no valid MAC)', async () => {
    await write(3);
    await checkpointAuditChain(conn.db);
    const [last] = await conn.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    // The attacker knows the hash recipe (it is in the code) but not the signing key.
    await asAttacker(async () => {
      const at = new Date();
      const forged = {
        at,
        actorType: 'system' as const,
        actorId: 'test',
        action: 'partner.approved',
        entityType: 'partner',
        entityId: 'x',
        partnerId: null,
        data: {},
        requestId: null,
      };
      const body = JSON.stringify({
        action: forged.action,
        actorId: forged.actorId,
        actorType: forged.actorType,
        at: at.toISOString(),
        data: {},
        entityId: forged.entityId,
        entityType: forged.entityType,
        partnerId: null,
        requestId: null,
      });
      const hash = createHash('sha256').update(last!.hash).update('\n').update(body).digest('hex');
      const guessedMac = createHash('sha256').update(hash).digest('hex');
      await conn.db.insert(auditLog).values({ ...forged, prevHash: last!.hash, hash, mac: guessedMac });
    });
    const report = await verifyAuditChain(conn.db);
    expect(report).toMatchObject({ ok: false, checked: 3, brokenAt: last!.id + 1 });
    expect(report.ok === false && report.reason).toMatch(/no valid signature/);
  });

  it('detects a forged checkpoint', async () => {
    await write(4);
    await checkpointAuditChain(conn.db);
    const report = async () => verifyAuditChain(conn.db);
    await asAttacker(() => conn.db.execute(sql`update audit_checkpoints set entries = 3`));
    expect(await report()).toMatchObject({ ok: false });
    expect(((await report()) as { reason: string }).reason).toMatch(/checkpoint #\d+ is not validly signed/);
  });

  it('a checkpoint kept outside the database still catches truncation after the stored ones are deleted', async () => {
    await write(4);
    const line = checkpointLine((await checkpointAuditChain(conn.db))!);
    await asAttacker(async () => {
      await conn.db.delete(auditCheckpoints);
      await conn.db.execute(sql`delete from audit_log where id = (select max(id) from audit_log)`);
    });
    expect(await verifyAuditChain(conn.db)).toMatchObject({ ok: true, checked: 3 });
    const external = parseCheckpointLine(line)!;
    expect(external).not.toBeNull();
    expect(await verifyAuditChain(conn.db, { external: [external] })).toMatchObject({
      ok: false,
      checked: 3,
    });
    expect(
      await verifyAuditChain(conn.db, { external: [{ ...external, mac: '0'.repeat(64) }] }),
    ).toMatchObject({ ok: false, reason: 'external checkpoint 1 is not validly signed' });
  });
});
