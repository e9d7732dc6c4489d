import { createSlackGateway } from '@outpost/bot';
import { type FakeSlackApi, startFakeSlackApi } from '@outpost/bot/testing';
import { addPerson, deliverDueOutbox, RISK_CHANNEL } from '@outpost/core';
import { makePartner, makePartnerUser } from '@outpost/core/testing';
import { type DatabaseConnection, partners } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schedules } from '../src/index.ts';
import type { JobContext } from '../src/jobs/context.ts';
import { BOT_TOKEN, PUBLIC_URL, plus, soon } from './fixtures.ts';

let conn: DatabaseConnection;
let fake: FakeSlackApi;
let context: JobContext;
beforeAll(async () => {
  conn = await createTestDatabase();
  fake = await startFakeSlackApi({ token: BOT_TOKEN });
  context = { db: conn.db, slack: null, publicUrl: PUBLIC_URL, slackChannels: {} };
});
afterAll(async () => {
  await fake.close();
  await conn.close();
});

const job = (name: string) => schedules.find((s) => s.name === name)!;

describe('training schedules', () => {
  it('remind daily in the Shanghai morning and post the digest on Monday morning', () => {
    expect(job('training-reminders')).toMatchObject({ cron: '20 2 * * *', tz: 'Asia/Shanghai' });
    expect(job('training-slack-digest')).toMatchObject({ cron: '0 9 * * 1', tz: 'Asia/Shanghai' });
  });

  it('posts the partners below the threshold to the risk channel once a week, through the Slack Web API', async () => {
    const partner = await makePartner(conn.db);
    await conn.db
      .update(partners)
      .set({ legalName: '落后保险代理有限公司' })
      .where(eq(partners.id, partner.id));
    const { actor: admin } = await makePartnerUser(conn.db, partner.id, 'partner_admin');
    await addPerson(conn.db, admin, {
      name: '未学员',
      staffNumber: 'T-000001',
      jobRole: 'Agent',
      serviceCategory: 'agency',
      startDate: '2024-01-01',
    });
    const monday = new Date('2031-06-02T01:00:00Z');
    expect(await job('training-slack-digest').handler(context, monday)).toMatchObject({
      posted: true,
      below: 1,
    });
    expect(await job('training-slack-digest').handler(context, plus(monday, 3600_000))).toMatchObject({
      posted: false,
    });
    const slack = createSlackGateway({ token: BOT_TOKEN, apiUrl: fake.apiUrl, timeoutMs: 2_000 });
    const report = await deliverDueOutbox(conn.db, slack, {
      publicUrl: PUBLIC_URL,
      now: soon(),
      channels: { [RISK_CHANNEL]: 'C0RISK' },
    });
    expect(report).toMatchObject({ sent: 1 });
    const posts = fake.succeeded('chat.postMessage');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.args.channel).toBe('C0RISK');
    expect(String(posts[0]!.args.text)).toContain('落后保险代理有限公司: 0%');
    expect(JSON.stringify(posts[0]!.args.blocks)).toContain('https://outpost.example/s/training');
  });
});
