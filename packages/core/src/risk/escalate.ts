import { type Database, partners, riskAlerts, users } from '@outpost/db';
import { and, arrayOverlaps, eq, inArray, lt, sql } from 'drizzle-orm';
import { systemActor } from '../actor.ts';
import { notify } from '../notifications.ts';
import { getSetting } from '../settings.ts';
import { recordAlertEvent } from './timeline.ts';

/** Escalation steps kept in `risk_alerts.escalation_step`. */
export const ESCALATION_STEP = { none: 0, reminder: 1, headOfRisk: 2 } as const;

export interface EscalationResult {
  reminded: number;
  escalatedToHead: number;
}

/**
 * Escalates alerts nobody has acknowledged (job `risk-escalate`, decision 034):
 * - at `reminderAt` of the response time (default half): a reminder to the responsible person —
 *   the alert's owner, else the partner's relationship owner, else every active risk officer;
 * - at the deadline: the head of risk (setting `risk.escalation.headOfRiskUserId`, else every
 *   active administrator);
 * - a critical alert tells both at each step.
 * Each step is one conditional update of `escalation_step` (never lowered, only while the alert is
 * open), with its `escalated` timeline event, audit entry, notifications (inbox + Slack DM for the
 * linked) and the card's redraw in the same transaction: a second run, or two workers at once, do
 * nothing more; acknowledging takes the alert out of `open`, which stops it.
 */
export async function escalateRiskAlerts(db: Database, now = new Date()): Promise<EscalationResult> {
  const config = await getSetting(db, 'risk.escalation');
  const due = await db
    .select({
      id: riskAlerts.id,
      partnerId: riskAlerts.partnerId,
      level: riskAlerts.level,
      step: riskAlerts.escalationStep,
      deadline: riskAlerts.responseDeadline,
      ownerId: riskAlerts.ownerId,
      relationshipOwnerId: partners.relationshipOwnerId,
      partnerName: partners.legalName,
    })
    .from(riskAlerts)
    .innerJoin(partners, eq(partners.id, riskAlerts.partnerId))
    .where(
      and(
        eq(riskAlerts.status, 'open'),
        lt(riskAlerts.escalationStep, ESCALATION_STEP.headOfRisk),
        sql`${riskAlerts.raisedAt} + (${riskAlerts.responseDeadline} - ${riskAlerts.raisedAt}) * ${config.reminderAt}::float8 <= ${now.toISOString()}::timestamptz`,
      ),
    );
  const result: EscalationResult = { reminded: 0, escalatedToHead: 0 };
  if (due.length === 0) return result;
  const actor = systemActor('risk-escalation');
  const heads = once(() => headsOfRisk(db, config.headOfRiskUserId));
  const officers = once(() => activeStaff(db, 'risk_officer'));
  for (const alert of due) {
    const step = now >= alert.deadline ? ESCALATION_STEP.headOfRisk : ESCALATION_STEP.reminder;
    if (step <= alert.step) continue;
    const critical = alert.level === 'critical';
    const remind = critical || alert.step < ESCALATION_STEP.reminder;
    const toHead = critical || step === ESCALATION_STEP.headOfRisk;
    const recipients = new Set<string>();
    if (remind) {
      const responsible = alert.ownerId ?? alert.relationshipOwnerId;
      if (responsible) recipients.add(responsible);
      else for (const id of await officers()) recipients.add(id);
    }
    if (toHead) for (const id of await heads()) recipients.add(id);
    const done = await db.transaction(async (tx) => {
      const [row] = await tx
        .update(riskAlerts)
        .set({ escalationStep: step, updatedAt: now })
        .where(
          and(
            eq(riskAlerts.id, alert.id),
            eq(riskAlerts.status, 'open'),
            lt(riskAlerts.escalationStep, step),
          ),
        )
        .returning({ id: riskAlerts.id });
      if (!row) return false;
      const people = recipients.size
        ? await tx
            .select({ id: users.id, name: users.displayName })
            .from(users)
            .where(inArray(users.id, [...recipients]))
        : [];
      await recordAlertEvent(tx, actor, alert, 'escalated', now, {
        step,
        to: step === ESCALATION_STEP.headOfRisk ? 'head_of_risk' : 'owner',
        notified: people.map((p) => p.id),
        notifiedNames: people.map((p) => p.name),
      });
      if (recipients.size) {
        await notify(tx, {
          userIds: [...recipients],
          template:
            step === ESCALATION_STEP.headOfRisk ? 'notify.risk_alert_overdue' : 'notify.risk_alert_reminder',
          params: { name: alert.partnerName },
          link: `/s/risk/alerts/${alert.id}`,
        });
      }
      return true;
    });
    if (!done) continue;
    if (step === ESCALATION_STEP.headOfRisk) result.escalatedToHead += 1;
    else result.reminded += 1;
  }
  return result;
}

/** A read done at most once per run, and only if needed. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let cached: Promise<T> | undefined;
  return () => {
    if (!cached) cached = load();
    return cached;
  };
}

async function activeStaff(db: Database, role: 'risk_officer' | 'admin') {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.kind, 'staff'), eq(users.status, 'active'), arrayOverlaps(users.staffRoles, [role])));
  return rows.map((r) => r.id);
}

/** The configured head of risk while they are an active risk officer or administrator; else the administrators. */
async function headsOfRisk(db: Database, configured: string | null) {
  if (configured) {
    const [user] = await db
      .select({ id: users.id, roles: users.staffRoles })
      .from(users)
      .where(and(eq(users.id, configured), eq(users.kind, 'staff'), eq(users.status, 'active')));
    if (user?.roles.some((r) => r === 'risk_officer' || r === 'admin')) return [user.id];
  }
  return activeStaff(db, 'admin');
}
