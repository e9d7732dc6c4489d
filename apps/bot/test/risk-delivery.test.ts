import { acknowledgeRiskAlert, assignRiskAlert, resolveRiskAlert } from '@outpost/core';
import { makeStaff } from '@outpost/core/testing';
import { outbox } from '@outpost/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { riskSlackPacing } from '../src/index.ts';
import { raiseRiskAlert } from '../src/testing/index.ts';
import { createStaff, linkStaff, uniqueSlackId } from './fixtures.ts';
import { type Harness, startHarness } from './harness.ts';
import { actionIdsOf, alertRow, cardOf, deliverRisk, eventsOf } from './risk-support.ts';

let h: Harness;
let officer: Awaited<ReturnType<typeof makeStaff>>;
beforeAll(async () => {
  h = await startHarness({ inProcessRefresh: false });
  riskSlackPacing.postSpacingMs = 0;
  officer = await makeStaff(h.conn.db, ['risk_officer']);
});
afterAll(async () => {
  riskSlackPacing.postSpacingMs = 1_000;
  riskSlackPacing.digestAt = 6;
  await h.close();
});
beforeEach(async () => {
  h.fake.reset();
  // Nothing left over from an earlier test competes for a channel (digests count what waits).
  await h.conn.db.update(outbox).set({ status: 'skipped' }).where(sql`${outbox.status} = 'pending'`);
});

const posts = (channel?: string) =>
  h.fake.succeeded('chat.postMessage').filter((c) => channel === undefined || c.args.channel === channel);

describe('risk alert cards in Slack, from the outbox', () => {
  it('a new alert is posted to its level’s channel in both languages, remembered, and updated in place on every change', async () => {
    const { alert, partner } = await raiseRiskAlert(h.conn.db, {
      level: 'warning',
      legalName: '恒泰理赔服务有限公司',
    });
    const report = await deliverRisk(h);
    expect(report.sent).toBe(1);
    expect(posts('C0RISKWARN')).toHaveLength(1);
    const card = await cardOf(h, alert.id);
    expect(card.channel).toBe('C0RISKWARN');
    expect(card.text).toContain('预警：恒泰理赔服务有限公司 / Warning: 恒泰理赔服务有限公司');
    const fields = JSON.stringify(card.blocks);
    expect(fields).toContain(partner.creditCode);
    expect(fields).toContain('黑名单（warning） / Blacklist (warning)');
    expect(fields).toContain('Respond by');
    expect(fields).toContain('https://outpost.example/s/risk/alerts/');
    expect((await eventsOf(h, alert.id)).map((e) => e.kind)).toEqual(['raised', 'slack_posted']);

    await acknowledgeRiskAlert(h.conn.db, officer.actor, alert.id);
    await deliverRisk(h);
    expect(posts()).toHaveLength(1); // no second message
    expect(card.updates).toBe(1);
    expect(card.text).toContain('Acknowledged by Staff risk_officer');

    await resolveRiskAlert(h.conn.db, officer.actor, {
      alertId: alert.id,
      note: 'Partner replaced the director.',
    });
    await deliverRisk(h);
    expect(card.updates).toBe(2);
    expect(card.text).toContain('Resolved by Staff risk_officer: Partner replaced the director.');
    expect(actionIdsOf(card)).toEqual(['notification_open']);
  });

  it('changes queued before the card went out: one post showing the latest state, then updates, never the other way round', async () => {
    const { alert } = await raiseRiskAlert(h.conn.db);
    const admin = await createStaff(h.conn.db, { name: 'Ada Admin', roles: ['admin'] });
    await acknowledgeRiskAlert(h.conn.db, officer.actor, alert.id);
    await assignRiskAlert(h.conn.db, officer.actor, { alertId: alert.id, ownerId: admin.id });
    // The refresh rows are not due yet: only the post goes, rendered from the state now.
    await deliverRisk(h, 0);
    const card = await cardOf(h, alert.id);
    expect(card.text).toContain('Acknowledged by Staff risk_officer');
    expect(JSON.stringify(card.blocks)).toContain('Ada Admin');
    // The refreshes (coalesced to one per alert) update that same message.
    await deliverRisk(h);
    expect(posts()).toHaveLength(1);
    expect(h.fake.succeeded('chat.update').every((c) => c.args.ts === card.ts)).toBe(true);
    expect(h.fake.succeeded('chat.update')).toHaveLength(1);
  });

  it('an update claimed before its post waits for the post (retried), it never posts a second card', async () => {
    const { alert } = await raiseRiskAlert(h.conn.db);
    // The post row is held back (as if another worker had it in flight) while the alert changes.
    await h.conn.db.execute(
      sql`update outbox set next_attempt_at = now() + interval '1 hour' where payload->>'alertId' = ${alert.id} and payload->>'kind' = 'risk_alert_post'`,
    );
    await acknowledgeRiskAlert(h.conn.db, officer.actor, alert.id);
    const first = await deliverRisk(h);
    expect(first).toMatchObject({ sent: 0, retrying: 1 });
    expect(posts()).toHaveLength(0);
    await h.conn.db.execute(
      sql`update outbox set next_attempt_at = now() where payload->>'alertId' = ${alert.id} and status = 'pending'`,
    );
    await deliverRisk(h, 120_000);
    const card = await cardOf(h, alert.id);
    expect(posts()).toHaveLength(1);
    expect(card.text).toContain('Acknowledged by');
  });

  it('Slack answering 429: nothing is lost or doubled, the rows wait Retry-After and go out afterwards', async () => {
    const { alert } = await raiseRiskAlert(h.conn.db, { level: 'notice' });
    h.fake.rateLimit(3);
    const limited = await deliverRisk(h);
    expect(limited).toMatchObject({ sent: 0, rateLimitedForSeconds: 3 });
    await h.fake.recover();
    expect((await deliverRisk(h, 1_000)).sent).toBe(0); // still inside Retry-After
    expect((await deliverRisk(h, 5_000)).sent).toBe(1);
    expect(posts('C0RISKNOTICE')).toHaveLength(1);
    expect((await alertRow(h, alert.id)).slackTs).not.toBeNull();
  });

  it('Slack down: the card waits in the outbox and is posted once when Slack is back', async () => {
    const { alert } = await raiseRiskAlert(h.conn.db, { level: 'critical' });
    h.fake.goDown();
    expect(await deliverRisk(h)).toMatchObject({ sent: 0, retrying: 1 });
    await h.fake.recover();
    // After the first retry delay (30 s).
    expect((await deliverRisk(h, 60_000)).sent).toBe(1);
    expect(posts('C0RISKCRIT')).toHaveLength(1);
    expect((await alertRow(h, alert.id)).slackTs).not.toBeNull();
  });

  it('a redelivered post (at-least-once) updates the recorded card instead of posting a second one', async () => {
    const { alert } = await raiseRiskAlert(h.conn.db);
    await deliverRisk(h);
    await h.conn.db.execute(
      sql`update outbox set status = 'pending', next_attempt_at = now() where payload->>'alertId' = ${alert.id} and payload->>'kind' = 'risk_alert_post'`,
    );
    await deliverRisk(h);
    expect(posts()).toHaveLength(1);
    expect(h.fake.succeeded('chat.update')).toHaveLength(1);
  });

  it('a critical alert also goes to the relationship owner as a DM in their language; others only to the channel', async () => {
    const owner = await createStaff(h.conn.db, {
      name: 'Wang Fang',
      roles: ['risk_officer'],
      locale: 'zh-CN',
    });
    const slackUserId = uniqueSlackId();
    await linkStaff(h.conn.db, owner.id, slackUserId);
    await raiseRiskAlert(h.conn.db, { level: 'critical', relationshipOwnerId: owner.id });
    await raiseRiskAlert(h.conn.db, { level: 'warning', relationshipOwnerId: owner.id });
    await deliverRisk(h);
    expect(posts('C0RISKCRIT')).toHaveLength(1);
    expect(posts('C0RISKWARN')).toHaveLength(1);
    const dms = posts(slackUserId);
    expect(dms).toHaveLength(1);
    expect(String(dms[0]!.args.text)).toMatch(/^严重：/);
    expect(String(dms[0]!.args.text)).not.toContain('Critical');
  });

  it('the owner’s DM copy is redrawn in place with the channel card when the alert changes elsewhere', async () => {
    const owner = await createStaff(h.conn.db, { name: 'Li Na', roles: ['risk_officer'], locale: 'zh-CN' });
    const slackUserId = uniqueSlackId();
    await linkStaff(h.conn.db, owner.id, slackUserId);
    const { alert } = await raiseRiskAlert(h.conn.db, { level: 'critical', relationshipOwnerId: owner.id });
    await deliverRisk(h);
    const row = await alertRow(h, alert.id);
    expect(row.slackDmUserId).toBe(owner.id);
    const dm = h.fake.messages.get(`${row.slackDmChannel}/${row.slackDmTs}`);
    expect(dm).toBeDefined();
    const card = await cardOf(h, alert.id);
    expect(dm).not.toBe(card);

    // Acknowledged in the console, not in Slack: both copies show it, the DM in the owner's language only.
    await acknowledgeRiskAlert(h.conn.db, officer.actor, alert.id);
    await deliverRisk(h);
    expect(card.updates).toBe(1);
    expect(dm!.updates).toBe(1);
    expect(dm!.text).toMatch(/^严重：/);
    expect(dm!.text).not.toContain('Critical');
    expect(JSON.stringify(dm!.blocks)).toContain('已由 Staff risk_officer 确认');
    expect(posts(slackUserId)).toHaveLength(1); // redrawn, never posted again
  });

  it('a burst for one channel is one digest message: every alert listed once, none posted on its own', async () => {
    const raised = [];
    for (let i = 0; i < 8; i++) raised.push((await raiseRiskAlert(h.conn.db, { level: 'notice' })).alert);
    const report = await deliverRisk(h);
    const sent = posts('C0RISKNOTICE');
    expect(sent).toHaveLength(1);
    expect(String(sent[0]!.args.text)).toContain('8 条新风险预警（提示） / 8 new risk alerts (Notice)');
    expect(report.sent + report.skipped).toBe(8);
    for (const alert of raised) {
      expect(String(sent[0]!.args.text)).toContain(`/s/risk/alerts/${alert.id}`);
      expect((await eventsOf(h, alert.id)).filter((e) => e.kind === 'slack_posted')).toHaveLength(1);
    }
    // A change to a digested alert has no card of its own to update; nothing is posted for it.
    await acknowledgeRiskAlert(h.conn.db, officer.actor, raised[0]!.id);
    await deliverRisk(h);
    expect(posts()).toHaveLength(1);
  });

  it('without a channel configured for the level the post is skipped with the reason, the alert stays in the console', async () => {
    const { alert } = await raiseRiskAlert(h.conn.db, { level: 'warning' });
    const { deliverDueOutbox } = await import('@outpost/core');
    const { committeeOutboxKinds } = await import('../src/index.ts');
    await deliverDueOutbox(h.conn.db, h.slack, {
      publicUrl: 'https://outpost.example',
      kinds: committeeOutboxKinds,
      now: new Date(Date.now() + 2_000),
    });
    const [row] = await h.conn.db
      .select({ status: outbox.status, lastError: outbox.lastError })
      .from(outbox)
      .where(
        sql`${outbox.payload}->>'alertId' = ${alert.id} and ${outbox.payload}->>'kind' = 'risk_alert_post'`,
      );
    expect(row).toMatchObject({
      status: 'skipped',
      lastError: 'no Slack channel configured for channel:risk-warning',
    });
    expect(posts()).toHaveLength(0);
  });
});
