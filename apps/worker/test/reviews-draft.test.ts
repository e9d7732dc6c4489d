import { RISK_CHANNEL } from '@outpost/core';
import { makePartner } from '@outpost/core/testing';
import { type DatabaseConnection, outbox, quarterlyReviews } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schedules } from '../src/index.ts';
import type { JobContext } from '../src/jobs/context.ts';
import { PUBLIC_URL } from './fixtures.ts';

let conn: DatabaseConnection;
let context: JobContext;
beforeAll(async () => {
  conn = await createTestDatabase();
  context = { db: conn.db, slack: null, publicUrl: PUBLIC_URL, slackChannels: {} };
});
afterAll(() => conn.close());

const job = () => schedules.find((s) => s.name === 'reviews-draft')!;

describe('reviews-draft schedule', () => {
  it('runs on the first days of each quarter, China time', () => {
    expect(job()).toMatchObject({ cron: '30 1 1-7 1,4,7,10 *', tz: 'Asia/Shanghai', retryLimit: 2 });
  });

  it('drafts the quarter just ended once, however often it runs, and posts to the risk channel once', async () => {
    const partner = await makePartner(conn.db);
    const firstDay = new Date('2026-09-30T17:30:00Z'); // 01:30 on 1 October in Shanghai
    expect(await job().handler(context, firstDay)).toEqual({ quarter: '2026-Q3', created: 1, existing: 0 });
    expect(await job().handler(context, new Date('2026-10-03T17:30:00Z'))).toEqual({
      quarter: '2026-Q3',
      created: 0,
      existing: 1,
    });
    const reviews = await conn.db
      .select()
      .from(quarterlyReviews)
      .where(eq(quarterlyReviews.partnerId, partner.id));
    expect(reviews.map((r) => [r.quarter, r.status])).toEqual([['2026-Q3', 'draft']]);
    expect(await conn.db.select().from(outbox).where(eq(outbox.target, RISK_CHANNEL))).toHaveLength(1);
  });
});
