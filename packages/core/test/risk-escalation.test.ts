import {
  blacklistEntries,
  type DatabaseConnection,
  notifications,
  outbox,
  partners,
  riskAlertEvents,
  riskAlerts,
} from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Actor,
  acknowledgeRiskAlert,
  escalateRiskAlerts,
  evaluateRiskRules,
  RISK_SLACK_CHANNELS,
  saveRiskRule,
  setRelationshipOwner,
  setSetting,
} from '../src/index.ts';
import { makePartner, makeStaff } from '../src/testing/fixtures.ts';

const HOUR = 3_600_000;
let conn: DatabaseConnection;
let officer: Awaited<ReturnType<typeof makeStaff>>;
let admin: Awaited<ReturnType<typeof makeStaff>>;
let head: Awaited<ReturnType<typeof makeStaff>>;
let relationshipOwner: Awaited<ReturnType<typeof makeStaff>>;
beforeAll(async () => {
  conn = await createTestDatabase();
  officer = await makeStaff(conn.db, ['risk_officer']);
  admin = await makeStaff(conn.db, ['admin']);
  head = await makeStaff(conn.db, ['risk_officer']);
  relationshipOwner = await makeStaff(conn.db, ['risk_officer']);
  for (const [level, category] of [
    ['warning', 'claims'],
    ['critical', 'agency'],
  ] as const) {
    await saveRiskRule(conn.db, officer.actor, {
      kind: 'blacklist_hit',
      nameZh: `黑名单 ${level}`,
      nameEn: `Blacklist ${level}`,
      level,
      serviceCategories: [category],
      params: { clearAfterHours: 24 },
    });
  }
});
afterAll(() => conn.close());

/** A partner on the blacklist, evaluated at `raisedAt`: one open alert with a 24-hour deadline. */
async function raise(level: 'warning' | 'critical', raisedAt: Date, owner: Actor | null = admin.actor) {
  const partner = await makePartner(conn.db);
  await conn.db
    .update(partners)
    .set({ serviceCategories: [level === 'critical' ? 'agency' : 'claims'] })
    .where(eq(partners.id, partner.id));
  if (owner)
    await setRelationshipOwner(conn.db, owner, { partnerId: partner.id, userId: relationshipOwner.user.id });
  await conn.db
    .insert(blacklistEntries)
    .values({ creditCode: partner.creditCode, name: partner.legalName, reason: 'x' });
  await evaluateRiskRules(conn.db, { now: raisedAt, partnerIds: [partner.id], kinds: ['blacklist_hit'] });
  const [alert] = await conn.db.select().from(riskAlerts).where(eq(riskAlerts.partnerId, partner.id));
  return alert!;
}

const escalations = (alertId: string) =>
  conn.db
    .select()
    .from(riskAlertEvents)
    .where(and(eq(riskAlertEvents.alertId, alertId), eq(riskAlertEvents.kind, 'escalated')))
    .orderBy(asc(riskAlertEvents.id));

const notified = async (alertId: string) =>
  (
    await conn.db
      .select({ recipientId: notifications.recipientId, template: notifications.template })
      .from(notifications)
      .where(eq(notifications.link, `/s/risk/alerts/${alertId}`))
  ).map((n) => `${n.template}:${n.recipientId}`);

const step = async (alertId: string) =>
  (await conn.db.select().from(riskAlerts).where(eq(riskAlerts.id, alertId)))[0]!.escalationStep;

/** Alerts of other tests are escalated by the same runs: count only this one's outcome. */
const at = (t0: Date, hours: number) => new Date(t0.getTime() + hours * HOUR);

describe('escalation of unacknowledged risk alerts (job risk-escalate)', () => {
  it('half the deadline reminds the relationship owner, the deadline tells the head of risk; each once', async () => {
    await setSetting(conn.db, admin.actor, 'risk.escalation', {
      reminderAt: 0.5,
      headOfRiskUserId: head.user.id,
    });
    const t0 = new Date('2026-11-02T02:00:00Z');
    const alert = await raise('warning', t0);

    await escalateRiskAlerts(conn.db, at(t0, 11.9));
    expect(await step(alert.id)).toBe(0);
    expect(await escalations(alert.id)).toEqual([]);

    await escalateRiskAlerts(conn.db, at(t0, 12));
    expect(await step(alert.id)).toBe(1);
    expect(await notified(alert.id)).toEqual([`notify.risk_alert_reminder:${relationshipOwner.user.id}`]);
    // A second run (or a second worker) at the same moment or later before the deadline: nothing more.
    await escalateRiskAlerts(conn.db, at(t0, 12));
    await escalateRiskAlerts(conn.db, at(t0, 23.9));
    expect(await escalations(alert.id)).toHaveLength(1);

    await escalateRiskAlerts(conn.db, at(t0, 24));
    expect(await step(alert.id)).toBe(2);
    expect(await notified(alert.id)).toEqual([
      `notify.risk_alert_reminder:${relationshipOwner.user.id}`,
      `notify.risk_alert_overdue:${head.user.id}`,
    ]);
    await escalateRiskAlerts(conn.db, at(t0, 48));
    const events = await escalations(alert.id);
    expect(events.map((e) => [e.data.step, e.data.to, e.via])).toEqual([
      [1, 'owner', 'system'],
      [2, 'head_of_risk', 'system'],
    ]);
    // Each step redraws the Slack card (one coalesced refresh row per alert while waiting).
    const refresh = await conn.db
      .select()
      .from(outbox)
      .where(
        sql`${outbox.payload}->>'alertId' = ${alert.id} and ${outbox.payload}->>'kind' = 'risk_alert_refresh'`,
      );
    expect(refresh.length).toBeGreaterThanOrEqual(1);
  });

  it('acknowledging stops it: no reminder, no escalation afterwards', async () => {
    const t0 = new Date('2026-11-03T02:00:00Z');
    const alert = await raise('warning', t0);
    await acknowledgeRiskAlert(conn.db, officer.actor, alert.id, at(t0, 3));
    await escalateRiskAlerts(conn.db, at(t0, 12));
    await escalateRiskAlerts(conn.db, at(t0, 30));
    expect(await escalations(alert.id)).toEqual([]);
    expect(await notified(alert.id)).toEqual([]);
    expect(await step(alert.id)).toBe(0);
  });

  it('acknowledged after the reminder: the deadline passes without telling the head of risk', async () => {
    const t0 = new Date('2026-11-04T02:00:00Z');
    const alert = await raise('warning', t0);
    await escalateRiskAlerts(conn.db, at(t0, 13));
    await acknowledgeRiskAlert(conn.db, officer.actor, alert.id, at(t0, 14));
    await escalateRiskAlerts(conn.db, at(t0, 25));
    expect(await escalations(alert.id)).toHaveLength(1);
  });

  it('a critical alert tells both the owner and the head of risk at each step', async () => {
    const t0 = new Date('2026-11-05T02:00:00Z');
    const alert = await raise('critical', t0);
    await escalateRiskAlerts(conn.db, at(t0, 12));
    expect((await notified(alert.id)).sort()).toEqual(
      [
        `notify.risk_alert_reminder:${relationshipOwner.user.id}`,
        `notify.risk_alert_reminder:${head.user.id}`,
      ].sort(),
    );
    await escalateRiskAlerts(conn.db, at(t0, 24));
    expect((await notified(alert.id)).filter((n) => n.startsWith('notify.risk_alert_overdue'))).toHaveLength(
      2,
    );
  });

  it('the alert’s own owner is reminded before the relationship owner; without a head of risk the administrators are told', async () => {
    await setSetting(conn.db, admin.actor, 'risk.escalation', { reminderAt: 0.25, headOfRiskUserId: null });
    const t0 = new Date('2026-11-06T02:00:00Z');
    const alert = await raise('warning', t0);
    await conn.db.update(riskAlerts).set({ ownerId: officer.user.id }).where(eq(riskAlerts.id, alert.id));
    await escalateRiskAlerts(conn.db, at(t0, 5.9));
    expect(await step(alert.id)).toBe(0);
    await escalateRiskAlerts(conn.db, at(t0, 6));
    expect(await notified(alert.id)).toEqual([`notify.risk_alert_reminder:${officer.user.id}`]);
    await escalateRiskAlerts(conn.db, at(t0, 24));
    expect(await notified(alert.id)).toContain(`notify.risk_alert_overdue:${admin.user.id}`);
  });

  it('a run that missed the reminder point goes straight to the deadline step, telling both', async () => {
    await setSetting(conn.db, admin.actor, 'risk.escalation', {
      reminderAt: 0.5,
      headOfRiskUserId: head.user.id,
    });
    const t0 = new Date('2026-11-07T02:00:00Z');
    const alert = await raise('warning', t0);
    await escalateRiskAlerts(conn.db, at(t0, 26));
    expect(await step(alert.id)).toBe(2);
    expect((await notified(alert.id)).sort()).toEqual(
      [
        `notify.risk_alert_overdue:${relationshipOwner.user.id}`,
        `notify.risk_alert_overdue:${head.user.id}`,
      ].sort(),
    );
  });

  it('a new alert queues its card for the channel of its level', async () => {
    const alert = await raise('critical', new Date('2026-11-08T02:00:00Z'), null);
    const rows = await conn.db
      .select()
      .from(outbox)
      .where(
        sql`${outbox.payload}->>'alertId' = ${alert.id} and ${outbox.payload}->>'kind' = 'risk_alert_post'`,
      );
    // No relationship owner: the channel only.
    expect(rows.map((r) => r.target)).toEqual([RISK_SLACK_CHANNELS.critical]);
  });

  it('the relationship owner must be an active risk officer or administrator; setting one is audited', async () => {
    const partner = await makePartner(conn.db);
    const reviewer = await makeStaff(conn.db, ['reviewer']);
    await expect(
      setRelationshipOwner(conn.db, admin.actor, { partnerId: partner.id, userId: reviewer.user.id }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(
      setRelationshipOwner(conn.db, officer.actor, { partnerId: partner.id, userId: officer.user.id }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await setRelationshipOwner(conn.db, admin.actor, { partnerId: partner.id, userId: officer.user.id });
    const [row] = await conn.db.select().from(partners).where(eq(partners.id, partner.id));
    expect(row!.relationshipOwnerId).toBe(officer.user.id);
  });
});
