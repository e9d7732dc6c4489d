import { createSlackGateway } from '@outpost/bot';
import { type FakeSlackApi, startFakeSlackApi } from '@outpost/bot/testing';
import {
  addRemediationTask,
  closeRiskIncident,
  containRiskIncident,
  openRiskIncident,
  RISK_INCIDENTS_CHANNEL,
} from '@outpost/core';
import { makePartner, makePartnerUser, makeStaff } from '@outpost/core/testing';
import { type DatabaseConnection, notifications, riskIncidentTasks } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { addDays, todayInChina } from '@outpost/i18n';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schedules } from '../src/index.ts';
import type { JobContext } from '../src/jobs/context.ts';
import { deliverOutbox } from '../src/jobs/outbox-deliver.ts';
import { BOT_TOKEN, PUBLIC_URL } from './fixtures.ts';

let conn: DatabaseConnection;
let fake: FakeSlackApi;
let context: JobContext;
beforeAll(async () => {
  conn = await createTestDatabase();
  fake = await startFakeSlackApi({ token: BOT_TOKEN });
  context = {
    db: conn.db,
    slack: createSlackGateway({ token: BOT_TOKEN, apiUrl: fake.apiUrl }),
    publicUrl: PUBLIC_URL,
    slackChannels: { [RISK_INCIDENTS_CHANNEL]: 'C0INCIDENTS' },
  };
});
afterAll(async () => {
  await fake.close();
  await conn.close();
});

const pass = async () => {
  await new Promise((r) => setTimeout(r, 5));
  return deliverOutbox(context);
};

describe('risk incidents in Slack and reminders', () => {
  it('posts to the incidents channel when an incident opens, is contained and closes, in both languages', async () => {
    const officer = await makeStaff(conn.db, ['risk_officer']);
    const partner = await makePartner(conn.db, { legalName: '示例理赔有限公司' });
    const { incident } = await openRiskIncident(conn.db, officer.actor, {
      partnerId: partner.id,
      title: 'Claims system outage',
      severity: 'critical',
      responsibleId: officer.user.id,
    });
    await pass();
    const posts = () => fake.succeeded('chat.postMessage').filter((c) => c.args.channel === 'C0INCIDENTS');
    expect(posts()).toHaveLength(1);
    expect(String(posts()[0]!.args.text)).toContain(
      'Incident opened (critical): Claims system outage — 示例理赔有限公司',
    );
    expect(String(posts()[0]!.args.text)).toContain('新建风险事件（严重）');
    expect(JSON.stringify(posts()[0]!.args.blocks)).toContain(`/s/risk/incidents/${incident.id}`);

    await containRiskIncident(conn.db, officer.actor, { incidentId: incident.id });
    await closeRiskIncident(conn.db, officer.actor, {
      incidentId: incident.id,
      rootCause: 'A failed deployment',
      lessonsLearned: 'Roll back faster',
    });
    await pass();
    // Containment is one of the main changes the channel follows (opened, contained, closed).
    expect(posts()).toHaveLength(3);
    expect(String(posts()[1]!.args.text)).toContain('Incident contained: Claims system outage');
    expect(String(posts()[1]!.args.text)).toContain('事件已控制');
    expect(String(posts()[2]!.args.text)).toContain('Incident closed: Claims system outage');
  });

  it('the daily job reminds the partner of a task due within two days, once', async () => {
    const job = schedules.find((s) => s.name === 'risk-task-reminders')!;
    expect(job).toMatchObject({ tz: 'Asia/Shanghai', retryLimit: 2 });
    const officer = await makeStaff(conn.db, ['risk_officer']);
    const partner = await makePartner(conn.db);
    const admin = await makePartnerUser(conn.db, partner.id, 'partner_admin');
    const { incident } = await openRiskIncident(conn.db, officer.actor, {
      partnerId: partner.id,
      title: 'Late reports',
      severity: 'warning',
      responsibleId: officer.user.id,
    });
    const task = await addRemediationTask(conn.db, officer.actor, {
      incidentId: incident.id,
      assignee: 'partner',
      description: 'Send the missing reports',
      dueDate: addDays(todayInChina(new Date()), 1),
    });
    await job.handler(context);
    await job.handler(context);
    const inbox = await conn.db
      .select()
      .from(notifications)
      .where(eq(notifications.recipientId, admin.user.id));
    expect(inbox.filter((n) => n.template === 'notify.risk_task_due')).toHaveLength(1);
    const [row] = await conn.db.select().from(riskIncidentTasks).where(eq(riskIncidentTasks.id, task.id));
    expect(row!.remindersSent).toEqual(['due_soon']);
  });
});
