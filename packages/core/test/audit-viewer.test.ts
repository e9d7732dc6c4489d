import { auditLog, type DatabaseConnection, rowsOf } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  audit,
  changesOf,
  checkpointAuditChain,
  exportAuditLog,
  searchAuditLog,
  systemActor,
  verifyAuditChain,
  verifyAuditLog,
} from '../src/index.ts';
import { makePartner, makePartnerUser, makeStaff } from '../src/testing/fixtures.ts';

let conn: DatabaseConnection;
let auditor: Awaited<ReturnType<typeof makeStaff>>;
let reviewer: Awaited<ReturnType<typeof makeStaff>>;
let partnerA: Awaited<ReturnType<typeof makePartner>>;
let partnerB: Awaited<ReturnType<typeof makePartner>>;

beforeAll(async () => {
  conn = await createTestDatabase();
  auditor = await makeStaff(conn.db, ['auditor']);
  reviewer = await makeStaff(conn.db, ['reviewer'], { email: 'li.reviewer@outpost.test' });
  partnerA = await makePartner(conn.db, { legalName: '甲代理有限公司' });
  partnerB = await makePartner(conn.db, { legalName: '乙公估有限公司' });
  const write = (actor: Parameters<typeof audit>[1], entry: Parameters<typeof audit>[2]) =>
    conn.db.transaction((tx) => audit(tx, actor, entry));
  await write(reviewer.actor, {
    action: 'document.accepted',
    entityType: 'document',
    entityId: 'doc-1',
    partnerId: partnerA.id,
    data: { before: { status: 'submitted', note: null }, after: { status: 'accepted', note: 'ok' } },
  });
  await write(reviewer.actor, {
    action: 'document.rejected',
    entityType: 'document',
    entityId: 'doc-2',
    partnerId: partnerB.id,
    data: { reason: 'blurred scan' },
  });
  for (let i = 0; i < 5; i++) {
    await write(systemActor('risk-evaluate'), {
      action: 'risk.alert_raised',
      entityType: 'risk_alert',
      entityId: `a${i}`,
    });
  }
});
afterAll(() => conn.close());

describe('audit-log search (decision record 053)', () => {
  it('only those with read:audit read it: auditors and administrators, not reviewers or partners', async () => {
    const admin = await makeStaff(conn.db, ['admin']);
    expect((await searchAuditLog(conn.db, admin.actor, {})).entries.length).toBeGreaterThan(0);
    await expect(searchAuditLog(conn.db, reviewer.actor, {})).rejects.toMatchObject({ code: 'forbidden' });
    const partnerUser = await makePartnerUser(conn.db, partnerA.id, 'partner_admin');
    await expect(searchAuditLog(conn.db, partnerUser.actor, {})).rejects.toMatchObject({ status: 403 });
  });

  it('filters by actor (by name or e-mail), partner, entity, action (or prefix) and date', async () => {
    const actions = async (f: Parameters<typeof searchAuditLog>[2]) =>
      (await searchAuditLog(conn.db, auditor.actor, f)).entries.map((e) => e.action);
    expect(await actions({ actor: 'li.reviewer' })).toEqual(['document.rejected', 'document.accepted']);
    expect(await actions({ actor: 'risk-evaluate' })).toHaveLength(5);
    expect(await actions({ partnerId: partnerB.id })).toEqual(['document.rejected']);
    expect(await actions({ entityType: 'document', entityId: 'doc-1' })).toEqual(['document.accepted']);
    expect(await actions({ action: 'document.' })).toEqual(['document.rejected', 'document.accepted']);
    expect(await actions({ action: 'document' })).toEqual([]);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    expect(await actions({ from: today, to: today, action: 'risk.alert_raised' })).toHaveLength(5);
    expect(await actions({ to: '2020-01-01' })).toEqual([]);
    const first = (await searchAuditLog(conn.db, auditor.actor, { action: 'document.accepted' })).entries[0]!;
    expect(first).toMatchObject({ actorName: reviewer.user.displayName, partnerName: '甲代理有限公司' });
  });

  it('pages newest first by id; the last page has no next', async () => {
    const one = await searchAuditLog(conn.db, auditor.actor, { action: 'risk.', pageSize: 2 });
    expect(one.entries.map((e) => e.entityId)).toEqual(['a4', 'a3']);
    const two = await searchAuditLog(conn.db, auditor.actor, {
      action: 'risk.',
      pageSize: 2,
      before: one.nextBefore!,
    });
    expect(two.entries.map((e) => e.entityId)).toEqual(['a2', 'a1']);
    const three = await searchAuditLog(conn.db, auditor.actor, {
      action: 'risk.',
      pageSize: 2,
      before: two.nextBefore!,
    });
    expect(three.entries.map((e) => e.entityId)).toEqual(['a0']);
    expect(three.nextBefore).toBeNull();
  });

  it('refuses a malformed filter with a 422 naming it', async () => {
    await expect(searchAuditLog(conn.db, auditor.actor, { from: '2026-13-45' })).rejects.toMatchObject({
      status: 422,
    });
    await expect(
      searchAuditLog(conn.db, auditor.actor, { from: '2026-05-02', to: '2026-05-01' }),
    ).rejects.toMatchObject({ status: 422 });
    await expect(searchAuditLog(conn.db, auditor.actor, { partnerId: 'nope' })).rejects.toMatchObject({
      status: 422,
    });
  });

  it('the search plans on the new indexes, not a scan of the whole log', async () => {
    await conn.db.execute(sql`set enable_seqscan = off`);
    try {
      const plan = rowsOf<Record<string, string>>(
        await conn.db.execute(
          sql`explain select * from audit_log where action = 'risk.alert_raised' order by id desc limit 51`,
        ),
      );
      expect(plan.map((r) => Object.values(r)[0]).join('\n')).toMatch(/audit_log_action_idx/);
    } finally {
      await conn.db.execute(sql`set enable_seqscan = on`);
    }
  });
});

describe('vocabulary', () => {
  it('lists the entity types in the log', async () => {
    const { auditVocabulary } = await import('../src/index.ts');
    expect((await auditVocabulary(conn.db, auditor.actor)).entityTypes).toEqual(['document', 'risk_alert']);
  });
});

describe('before and after', () => {
  it('shows the fields that changed, then the rest of the entry', () => {
    expect(
      changesOf({
        before: { status: 'submitted', roles: ['a'], same: 1, nested: { x: 1 } },
        after: { status: 'accepted', roles: ['a', 'b'], same: 1, nested: { x: 2 } },
        reason: 'fine',
      }),
    ).toEqual([
      { field: 'status', before: 'submitted', after: 'accepted' },
      { field: 'roles', before: '["a"]', after: '["a","b"]' },
      { field: 'nested.x', before: '1', after: '2' },
      { field: 'reason', before: null, after: 'fine' },
    ]);
    expect(changesOf({ after: { title: 'New' } })).toEqual([{ field: 'title', before: null, after: 'New' }]);
    expect(changesOf({ count: 3 })).toEqual([{ field: 'count', before: null, after: '3' }]);
    expect(changesOf({})).toEqual([]);
  });
});

describe('CSV export of the current search', () => {
  it('holds every matching entry (not one page), headed in the reader’s language, and is itself audited', async () => {
    const file = await exportAuditLog(
      conn.db,
      auditor.actor,
      { action: 'document.', pageSize: 1 },
      { locale: 'zh-CN' },
    );
    const lines = file.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toContain('操作人');
    // Each code is followed by its name in the reader's language.
    const header = lines[0]!.split(',');
    expect(header.indexOf('操作（名称）')).toBe(header.indexOf('操作') + 1);
    expect(header.indexOf('对象类型（名称）')).toBe(header.indexOf('对象类型') + 1);
    expect(file.body).toContain('document.accepted,文件通过审核,document,文件');
    expect(file.rows).toBe(2);
    expect(file.body).toContain('status: submitted → accepted');
    expect(file.body).toContain(reviewer.user.displayName);
    const [exported] = await conn.db.select().from(auditLog).where(eq(auditLog.action, 'audit_log.exported'));
    expect(exported).toMatchObject({
      actorId: auditor.user.id,
      data: { rows: 2, filters: { action: 'document.' } },
    });
    await expect(exportAuditLog(conn.db, reviewer.actor, {}, { locale: 'en' })).rejects.toMatchObject({
      status: 403,
    });
  });
});

describe('verification from the viewer', () => {
  it('is the CLI’s check, reports progress per batch, and names the first broken link with its entry', async () => {
    const db = await createTestDatabase();
    try {
      const who = await makeStaff(db.db, ['auditor']);
      for (let i = 0; i < 3; i++) {
        await db.db.transaction((tx) =>
          audit(tx, systemActor('t'), {
            action: 'x.done',
            entityType: 'x',
            entityId: `x${i}`,
            data: { before: { n: i }, after: { n: i + 1 } },
          }),
        );
      }
      await checkpointAuditChain(db.db);
      const seen: number[] = [];
      const ok = await verifyAuditLog(db.db, who.actor, { onProgress: (checked) => void seen.push(checked) });
      expect(ok.report).toEqual(await verifyAuditChain(db.db));
      expect(ok.report).toMatchObject({ ok: true, checked: 3, checkpoints: 1 });
      expect(ok.total).toBe(3);
      expect(seen.at(-1)).toBe(3);

      // An attacker edits the middle entry's data.
      const [victim] = await db.db.select().from(auditLog).where(eq(auditLog.entityId, 'x1'));
      await db.db.execute(sql`alter table audit_log disable trigger user`);
      await db.db
        .update(auditLog)
        .set({ data: { before: { n: 1 }, after: { n: 99 } } })
        .where(eq(auditLog.id, victim!.id));
      await db.db.execute(sql`alter table audit_log enable trigger user`);
      const broken = await verifyAuditLog(db.db, who.actor);
      expect(broken.report).toMatchObject({ ok: false, brokenAt: victim!.id, checked: 1, code: 'content' });
      expect(broken.report).toEqual(await verifyAuditChain(db.db));
      expect(broken.brokenEntry).toMatchObject({
        id: victim!.id,
        changes: [{ field: 'n', before: '1', after: '99' }],
      });

      const reviewerThere = await makeStaff(db.db, ['reviewer']);
      await expect(verifyAuditLog(db.db, reviewerThere.actor)).rejects.toMatchObject({ status: 403 });
    } finally {
      await db.close();
    }
  });
});
