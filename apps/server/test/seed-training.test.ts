import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  ensureDefaultKpis,
  getScorecard,
  LocalDiskStorage,
  listMyCourses,
  systemActor,
  trainingCompliance,
} from '@outpost/core';
import { todayInChina } from '@outpost/i18n';
import { type DatabaseConnection, partnerMemberships, partners, trainingPeople, users } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/seed.ts';

let conn: DatabaseConnection;
beforeAll(async () => {
  conn = await createTestDatabase();
  await ensureDefaultKpis(conn.db);
  await seedDemo(conn.db, new LocalDiskStorage(await mkdtemp(path.join(os.tmpdir(), 'outpost-seed-'))));
}, 120_000);
afterAll(() => conn.close());

describe('training in the first-run demo', () => {
  it('puts every active partner’s people on a roster with a training figure', async () => {
    const active = await conn.db.select().from(partners).where(eq(partners.status, 'active'));
    expect(active.length).toBeGreaterThan(0);
    for (const partner of active) {
      const roster = await conn.db
        .select()
        .from(trainingPeople)
        .where(eq(trainingPeople.partnerId, partner.id));
      expect(roster.length).toBeGreaterThanOrEqual(4);
      const compliance = await trainingCompliance(conn.db, partner.id);
      expect(compliance?.people).toBe(roster.length);
    }
  });

  it('fills the training KPI of the agency partner’s scorecard', async () => {
    const [huaan] = await conn.db
      .select()
      .from(partners)
      .where(eq(partners.legalName, '华安保险代理有限公司'));
    const today = todayInChina();
    const period = {
      kind: 'quarter' as const,
      year: Number(today.slice(0, 4)),
      index: Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1,
    };
    const card = await getScorecard(conn.db, systemActor('test'), { partnerId: huaan!.id, period });
    const training = card.kpis.find((k) => k.key === 'training_compliance');
    expect(typeof training?.value).toBe('number');
    expect(training?.sampleSize).toBeGreaterThan(0);
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
