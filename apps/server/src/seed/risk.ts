import {
  acknowledgeRiskAlert,
  ensureDefaultRiskRules,
  escalateRiskAlerts,
  evaluateRiskRules,
  ingestEvents,
  resolveRiskAlert,
  type ServiceEventInput,
  setRelationshipOwner,
  setSetting,
} from '@outpost/core';
import { riskAlerts } from '@outpost/db';
import { and, eq, inArray } from 'drizzle-orm';
import type { Joined } from './admissions.ts';
import { type SeedContext, staffActor } from './context.ts';
import type { ActivePartner } from './partners.ts';

const HOUR = 3_600_000;
const RISK = 'risk@outpost.test';

/** Late closed cases: closed an hour before `at`, their SLA due two hours before that. */
const lateCloses = (prefix: string, n: number, at: number): ServiceEventInput[] =>
  Array.from({ length: n }, (_, i) => ({
    externalId: `${prefix}-${i}`,
    type: 'case_closed',
    occurredAt: new Date(at - HOUR).toISOString(),
    caseId: `${prefix.toUpperCase()}-${i}`,
    slaDueAt: new Date(at - 3 * HOUR).toISOString(),
  }));

/**
 * Risk alerts as they arise in practice: the default rules, then data arriving through the same
 * ingestion the partners' systems and the staff import use, each batch evaluated for its partner.
 * - 恒泰 (weakening): a day-old batch of late closures raises a critical timeliness alert nobody has
 *   acknowledged — past its 24-hour deadline.
 * - 明诚: failed compliance checks today raise an open warning.
 * - 信达: its audited financials expire within 30 days — an open notice, from the scheduled run.
 * - 鼎信: a burst of one-star ratings raised a warning five hours ago, acknowledged by the risk officer.
 * - 瑞丰: mis-stamped late closures four days ago raised a critical alert; the partner's system sent
 *   corrections, the condition cleared, and the risk officer resolved it with a note.
 */
export async function seedRisk(context: SeedContext, admitted: { partner: ActivePartner; joined: Joined }[]) {
  const { db } = context;
  await ensureDefaultRiskRules(db);
  const now = context.now.getTime();
  const risk = staffActor(context, RISK);
  const idOf = (key: string) => {
    const found = admitted.find((a) => a.partner.key === key);
    if (!found) throw new Error(`seed: no active partner ${key}`);
    return found.joined.partnerId;
  };
  // Slack follow-up (decision 034): the risk officer looks after the partners with alerts (critical
  // ones are DMed to her), the administrator is the head of risk overdue alerts escalate to.
  const admin = staffActor(context, 'admin@outpost.test');
  const riskUserId = risk.type === 'staff' ? risk.userId : null;
  for (const key of ['hengtai', 'mingcheng', 'dingxin', 'ruifeng', 'xinda'])
    await setRelationshipOwner(db, admin, { partnerId: idOf(key), userId: riskUserId });
  await setSetting(db, admin, 'risk.escalation', {
    reminderAt: 0.5,
    headOfRiskUserId: admin.type === 'staff' ? admin.userId : null,
  });
  // Staff import the partner's report (the CSV/XLSX path), at the time it arrived.
  const send = (key: string, events: ServiceEventInput[], at: number) =>
    ingestEvents(db, risk, { partnerId: idOf(key), events }, at);

  await send('hengtai', lateCloses('risk-demo-late', 15, now - 26 * HOUR), now - 26 * HOUR);

  await send(
    'mingcheng',
    Array.from({ length: 25 }, (_, i) => ({
      externalId: `risk-demo-check-${i}`,
      type: 'compliance_check' as const,
      occurredAt: new Date(now - 3 * HOUR).toISOString(),
      passed: false,
      checkType: 'file_audit',
    })),
    now - 2 * HOUR,
  );

  await send(
    'dingxin',
    Array.from({ length: 25 }, (_, i) => ({
      externalId: `risk-demo-rating-${i}`,
      type: 'customer_rating' as const,
      occurredAt: new Date(now - 6 * HOUR).toISOString(),
      rating: 1,
    })),
    now - 5 * HOUR,
  );
  await acknowledge(context, idOf('dingxin'), now - 4 * HOUR);

  const wrong = lateCloses('risk-demo-stamp', 12, now - 96 * HOUR);
  await send('ruifeng', wrong, now - 96 * HOUR);
  await send(
    'ruifeng',
    wrong.map((e) => ({
      externalId: `${e.externalId}-fix`,
      type: 'correction' as const,
      occurredAt: new Date(now - 72 * HOUR).toISOString(),
      correctsExternalId: e.externalId,
      reason: '结案时间按错误时区记录',
    })),
    now - 72 * HOUR,
  );
  const [stamped] = await db
    .select({ id: riskAlerts.id })
    .from(riskAlerts)
    .where(
      and(eq(riskAlerts.partnerId, idOf('ruifeng')), inArray(riskAlerts.status, ['open', 'acknowledged'])),
    );
  if (stamped) {
    await resolveRiskAlert(
      db,
      risk,
      {
        alertId: stamped.id,
        note: '合作伙伴系统将结案时间按错误时区记录，已发送 12 条更正；时效恢复正常，无客户影响。',
      },
      new Date(now - 70 * HOUR),
    );
  }

  // The scheduled run: documents, blacklist, training and every KPI rule over every partner.
  await evaluateRiskRules(db, { now: context.now });
  // The escalation job: 恒泰's critical alert, unacknowledged past its deadline, has gone to the
  // risk officer and the head of risk (escalated, on its timeline). Its Slack cards wait in the
  // outbox for SLACK_RISK_*_CHANNEL (or SLACK_RISK_CHANNEL) to be configured.
  await escalateRiskAlerts(db, context.now);
}

async function acknowledge(context: SeedContext, partnerId: string, at: number) {
  const [alert] = await context.db
    .select({ id: riskAlerts.id })
    .from(riskAlerts)
    .where(and(eq(riskAlerts.partnerId, partnerId), eq(riskAlerts.status, 'open')));
  if (alert) await acknowledgeRiskAlert(context.db, staffActor(context, RISK), alert.id, new Date(at));
}
