import {
  acknowledgeRiskAlert,
  commentOnRiskAlert,
  dismissRiskAlert,
  resolveRiskAlert,
  shareRiskAlert,
  uploadRiskAlertEvidence,
} from '@outpost/core';
import { riskAlerts, riskRules } from '@outpost/db';
import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Joined } from './admissions.ts';
import { type SeedContext, staffActor } from './context.ts';
import { reportPdf } from './files.ts';
import type { ActivePartner } from './partners.ts';

const HOUR = 3_600_000;
const RISK = 'risk@outpost.test';

/**
 * Partner sharing and response times (decision record 036), after seedRisk:
 * - 恒泰's overdue critical alert and 明诚's warning are shared; staff write to each partner, the
 *   partner administrator replies and uploads a rectification report; 恒泰's also carries an
 *   internal note the partner never sees.
 * - Eleven months of closed alerts across the partners, each acknowledged (or, a few, dismissed)
 *   after a different time — some past their deadline — so the response dashboard has figures
 *   and a trend for every level.
 */
export async function seedRiskPartner(
  context: SeedContext,
  admitted: { partner: ActivePartner; joined: Joined }[],
) {
  const { db } = context;
  const now = context.now.getTime();
  const risk = staffActor(context, RISK);
  const joinedOf = (key: string) => {
    const found = admitted.find((a) => a.partner.key === key);
    if (!found) throw new Error(`seed: no active partner ${key}`);
    return found.joined;
  };
  const liveAlert = async (partnerId: string) => {
    const [row] = await db
      .select({ id: riskAlerts.id, raisedAt: riskAlerts.raisedAt })
      .from(riskAlerts)
      .where(and(eq(riskAlerts.partnerId, partnerId), inArray(riskAlerts.status, ['open', 'acknowledged'])))
      .orderBy(asc(riskAlerts.raisedAt));
    return row;
  };

  const conversations = [
    {
      key: 'hengtai',
      internal: '恒泰上季度也出现过结案超时，若本周仍无改善，建议启动现场检查。',
      toPartner: '贵司近 24 小时有 15 件理赔结案超过时效，请说明原因并提供整改措施。',
      reply: '原因是系统升级期间批量补录结案，已恢复正常流程；整改报告见附件，今后每日核对时效。',
      report: '结案时效整改报告',
    },
    {
      key: 'mingcheng',
      internal: null,
      toPartner: '今日合规抽检全部未通过，请核查档案审核流程并回复。',
      reply: '已核查：抽检样本为新员工经办，已安排复训并重新审核全部档案，复核记录附后。',
      report: '合规抽检复核记录',
    },
  ];
  for (const c of conversations) {
    const joined = joinedOf(c.key);
    const alert = await liveAlert(joined.partnerId);
    if (!alert) continue;
    const at = (hoursAfterNowMinus: number) => new Date(now - hoursAfterNowMinus * HOUR);
    if (c.internal)
      await commentOnRiskAlert(
        db,
        risk,
        { alertId: alert.id, body: c.internal, visibility: 'internal' },
        at(1.5),
      );
    await shareRiskAlert(db, risk, alert.id, at(1.2));
    await commentOnRiskAlert(
      db,
      risk,
      { alertId: alert.id, body: c.toPartner, visibility: 'partner' },
      at(1.1),
    );
    await commentOnRiskAlert(db, joined.admin, { alertId: alert.id, body: c.reply }, at(0.5));
    const bytes = await reportPdf({
      title: c.report,
      holder: c.key,
      date: context.today,
      body: c.reply,
    });
    await uploadRiskAlertEvidence(
      db,
      joined.admin,
      context.storage,
      { alertId: alert.id, fileName: `${c.report}.pdf`, bytes },
      {},
      at(0.4),
    );
  }

  await seedResponseHistory(context, admitted);
}

/**
 * Closed alerts over the eleven months before this one, a few per month and level, each answered
 * after its own delay: the response dashboard's history. Raised by hand (rows as evaluation writes
 * them), answered through the core actions with their times.
 */
async function seedResponseHistory(
  context: SeedContext,
  admitted: { partner: ActivePartner; joined: Joined }[],
) {
  const { db } = context;
  const risk = staffActor(context, RISK);
  const rules = await db
    .select()
    .from(riskRules)
    .where(isNotNull(riskRules.defaultKey))
    .orderBy(asc(riskRules.defaultKey));
  const byLevel = new Map(rules.map((r) => [r.level, r]));
  // 瑞丰's one resolved alert stays the one the demo points at; the history goes to the others.
  const partnerIds = admitted.filter((a) => a.partner.key !== 'ruifeng').map((a) => a.joined.partnerId);
  // Hours to the first answer, month by month (oldest first): getting faster over the year, a few late.
  const delays: Record<'notice' | 'warning' | 'critical', number[]> = {
    notice: [30, 20, 26, 12, 8, 18, 6, 10, 4, 5, 3],
    warning: [28, 14, 30, 9, 20, 6, 12, 5, 26, 4, 2],
    critical: [10, 30, 6, 3, 8, 2, 28, 1.5, 1, 2, 0.5],
  };
  let n = 0;
  for (const level of ['notice', 'warning', 'critical'] as const) {
    const rule = byLevel.get(level) ?? rules[0];
    if (!rule) return;
    for (let m = 0; m < 11; m++) {
      for (let k = 0; k < 3; k++) {
        n++;
        // The 10th of each of the last eleven months (and the 12th, 20th), 10:00 China time.
        const raisedAt = monthsAgo(context.now, 11 - m, 10 + k * 5);
        const deadline = new Date(raisedAt.getTime() + 24 * HOUR);
        const delay = delays[level][m]! * (1 + k * 0.4);
        const [alert] = await db
          .insert(riskAlerts)
          .values({
            partnerId: partnerIds[n % partnerIds.length]!,
            ruleId: rule.id,
            ruleVersion: rule.version,
            ruleSnapshot: {
              kind: rule.kind,
              nameZh: rule.nameZh,
              nameEn: rule.nameEn,
              level,
              params: rule.params,
              version: rule.version,
            },
            conditionKey: `demo-history-${n}`,
            level,
            evidence: { note: 'demo history' },
            raisedAt,
            responseDeadline: deadline,
          })
          .returning();
        const answered = new Date(raisedAt.getTime() + delay * HOUR);
        if (n % 9 === 0) {
          await dismissRiskAlert(
            db,
            risk,
            { alertId: alert!.id, reason: '误报：数据延迟导致，已核实。' },
            answered,
          );
          continue;
        }
        await acknowledgeRiskAlert(db, risk, alert!.id, answered);
        await resolveRiskAlert(
          db,
          risk,
          { alertId: alert!.id, note: '已与合作机构核实并完成整改。' },
          new Date(answered.getTime() + 48 * HOUR),
        );
      }
    }
  }
}

/** A day of the month `months` before `now`'s month, at 10:00 China time. */
function monthsAgo(now: Date, months: number, day: number): Date {
  const china = new Date(now.getTime() + 8 * HOUR);
  const y = china.getUTCFullYear();
  const m = china.getUTCMonth() - months;
  return new Date(Date.UTC(y, m, day, 2, 0, 0));
}
