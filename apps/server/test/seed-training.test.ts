import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LocalDiskStorage, listMyCourses, trainingCompliance } from '@outpost/core';
import { type DatabaseConnection, partnerMemberships, partners, trainingPeople, users } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/seed.ts';

let conn: DatabaseConnection;
beforeAll(async () => {
  conn = await createTestDatabase();
  await seedDemo(conn.db, new LocalDiskStorage(await mkdtemp(path.join(os.tmpdir(), 'outpost-seed-'))));
}, 120_000);
afterAll(() => conn.close());

describe('training in the first-run demo', () => {
  it('puts every active partner’s people on a roster with a training figure', async () => {
    const active = await conn.db.select().from(partners).where(eq(partners.status, 'active'));
    expect(active.length).toBeGreaterThan(0);
    const year = new Date().getUTCFullYear();
    for (const partner of active) {
      const roster = await conn.db
        .select()
        .from(trainingPeople)
        .where(eq(trainingPeople.partnerId, partner.id));
      expect(roster.length).toBeGreaterThanOrEqual(4);
      const compliance = await trainingCompliance(conn.db, partner.id, year);
      expect(compliance?.people).toBe(roster.length);
    }
  });

  it('leaves the demo member a course to take, one passed and one overdue', async () => {
    const [member] = await conn.db
      .select({ userId: users.id, partnerId: partnerMemberships.partnerId })
      .from(users)
      .innerJoin(partnerMemberships, eq(partnerMemberships.userId, users.id))
      .where(eq(users.email, 'partner.member@huaan-agency.test'));
    const actor = {
      type: 'partner' as const,
      userId: member!.userId,
      partnerId: member!.partnerId,
      role: 'partner_member' as const,
    };
    const courses = await listMyCourses(conn.db, actor);
    expect(courses.map((c) => c.status)).toEqual(expect.arrayContaining(['passed', 'to_do']));
    expect(courses.find((c) => c.category === 'law_ethics')).toMatchObject({
      status: 'to_do',
      attemptsUsed: 0,
    });
  });
});
