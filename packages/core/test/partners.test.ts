import { auditLog, type DatabaseConnection, notifications, outbox } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPartner, getPartner, listPartners } from '../src/index.ts';
import { makePartner, makePartnerUser, makeStaff, validCreditCode } from '../src/testing/fixtures.ts';

let conn: DatabaseConnection;
beforeAll(async () => {
  conn = await createTestDatabase();
});
afterAll(() => conn.close());

describe('partners', () => {
  it('an admin registers a partner: normalised code, audit entry and notifications in one go', async () => {
    const { actor } = await makeStaff(conn.db, ['admin']);
    const reviewer = await makeStaff(conn.db, ['reviewer']);
    const code = validCreditCode();
    const partner = await createPartner(conn.db, actor, {
      legalName: '测试代理有限公司',
      creditCode: ` ${code.toLowerCase()} `,
      serviceCategories: ['agency'],
    });
    expect(partner.creditCode).toBe(code);
    const entries = await conn.db.select().from(auditLog).where(eq(auditLog.entityId, partner.id));
    expect(entries.map((e) => e.action)).toEqual(['partner.created']);
    const inbox = await conn.db
      .select()
      .from(notifications)
      .where(eq(notifications.recipientId, reviewer.user.id));
    expect(inbox.map((n) => n.template)).toContain('notify.partner_created');
  });

  it('refuses a duplicate credit code and leaves nothing behind', async () => {
    const { actor } = await makeStaff(conn.db, ['admin']);
    const existing = await makePartner(conn.db);
    const auditBefore = (await conn.db.select().from(auditLog)).length;
    const outboxBefore = (await conn.db.select().from(outbox)).length;
    await expect(
      createPartner(conn.db, actor, {
        legalName: 'Copy Co',
        creditCode: existing.creditCode,
        serviceCategories: ['it'],
      }),
    ).rejects.toMatchObject({ code: 'conflict', status: 409 });
    expect(await conn.db.select().from(auditLog)).toHaveLength(auditBefore);
    expect(await conn.db.select().from(outbox)).toHaveLength(outboxBefore);
  });

  it('validates input with field-level details', async () => {
    const { actor } = await makeStaff(conn.db, ['admin']);
    await expect(
      createPartner(conn.db, actor, { legalName: 'X', creditCode: validCreditCode(), serviceCategories: [] }),
    ).rejects.toMatchObject({
      code: 'validation_failed',
      details: { fields: expect.arrayContaining([expect.objectContaining({ path: 'serviceCategories' })]) },
    });
    await expect(
      createPartner(conn.db, actor, {
        legalName: 'Good Name Co',
        creditCode: '91440300708461136A',
        serviceCategories: ['it'],
      }),
    ).rejects.toMatchObject({ code: 'invalid_credit_code' });
  });

  it('only admins register partners; auditors and partner users cannot', async () => {
    const auditor = await makeStaff(conn.db, ['auditor']);
    const partner = await makePartner(conn.db);
    const partnerUser = await makePartnerUser(conn.db, partner.id);
    for (const actor of [auditor.actor, partnerUser.actor]) {
      await expect(
        createPartner(conn.db, actor, {
          legalName: 'Nope Co',
          creditCode: validCreditCode(),
          serviceCategories: ['it'],
        }),
      ).rejects.toMatchObject({ code: 'forbidden' });
    }
  });

  it('a partner user sees only its own organisation; another id is "not found"', async () => {
    const mine = await makePartner(conn.db);
    const theirs = await makePartner(conn.db);
    const { actor } = await makePartnerUser(conn.db, mine.id, 'partner_member');
    expect((await getPartner(conn.db, actor, mine.id)).id).toBe(mine.id);
    await expect(getPartner(conn.db, actor, theirs.id)).rejects.toMatchObject({ code: 'not_found' });
    const listed = await listPartners(conn.db, actor, {});
    expect(listed.items.map((p) => p.id)).toEqual([mine.id]);
    const searched = await listPartners(conn.db, actor, { q: theirs.legalName });
    expect(searched.items).toEqual([]);
  });

  it('staff search by name or code with pagination', async () => {
    const { actor } = await makeStaff(conn.db, ['reviewer']);
    const target = await makePartner(conn.db, { legalName: 'Needle Search Claims Ltd' });
    expect((await listPartners(conn.db, actor, { q: 'needle search' })).items.map((p) => p.id)).toEqual([
      target.id,
    ]);
    expect(
      (await listPartners(conn.db, actor, { q: target.creditCode.slice(0, 12) })).items.map((p) => p.id),
    ).toContain(target.id);
    const page = await listPartners(conn.db, actor, { pageSize: 2, page: 1 });
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThan(2);
    await expect(listPartners(conn.db, actor, { pageSize: 1000 })).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });
});
