import { createSlackGateway } from '@outpost/bot';
import { type FakeSlackApi, raiseRiskAlert, startFakeSlackApi } from '@outpost/bot/testing';
import { type DatabaseConnection, riskAlertEvents, riskAlerts } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { riskAlertChannelMap, schedules } from '../src/index.ts';
import type { JobContext } from '../src/jobs/context.ts';
import { deliverOutbox } from '../src/jobs/outbox-deliver.ts';
import { PUBLIC_URL } from './fixtures.ts';

const HOUR = 3_600_000;
let conn: DatabaseConnection;
let fake: FakeSlackApi;
let context: JobContext;
beforeAll(async () => {
  conn = await createTestDatabase();
  fake = await startFakeSlackApi({ token: 'xoxb-test' });
  context = {
    db: conn.db,
    slack: createSlackGateway({ token: 'xoxb-test', apiUrl: fake.apiUrl }),
    publicUrl: PUBLIC_URL,
    // Critical has its own channel; notice and warning fall back to the risk channel.
    slackChannels: riskAlertChannelMap({ riskChannel: 'C0RISK', riskAlertChannels: { critical: 'C0CRIT' } }),
  };
});
afterAll(async () => {
  await fake.close();
  await conn.close();
});

const job = (name: string) => schedules.find((s) => s.name === name)!;

describe('risk-escalate schedule', () => {
  it('runs every five minutes and escalates through core, once per step', async () => {
    expect(job('risk-escalate')).toMatchObject({ cron: '*/5 * * * *', tz: 'UTC', retryLimit: 0 });
    const t0 = new Date('2026-11-10T00:00:00Z');
    const { alert } = await raiseRiskAlert(conn.db, { level: 'warning', now: t0 });
    await job('risk-escalate').handler(context, new Date(t0.getTime() + 12 * HOUR));
    await job('risk-escalate').handler(context, new Date(t0.getTime() + 12 * HOUR));
    await job('risk-escalate').handler(context, new Date(t0.getTime() + 24 * HOUR));
    const [row] = await conn.db.select().from(riskAlerts).where(eq(riskAlerts.id, alert.id));
    expect(row!.escalationStep).toBe(2);
    const escalated = await conn.db
      .select()
      .from(riskAlertEvents)
      .where(and(eq(riskAlertEvents.alertId, alert.id), eq(riskAlertEvents.kind, 'escalated')));
    expect(escalated).toHaveLength(2);
  });

  it('the worker posts alert cards to the channel configured for their level, else to the risk channel', async () => {
    await raiseRiskAlert(conn.db, { level: 'critical' });
    await raiseRiskAlert(conn.db, { level: 'notice' });
    await deliverOutbox(context);
    const channels = fake.succeeded('chat.postMessage').map((c) => c.args.channel);
    expect(channels).toContain('C0CRIT');
    expect(channels).toContain('C0RISK');
  });
});
