import { partners, riskAlerts, riskRules } from '@outpost/db';
import { dayInChina } from '@outpost/i18n';
import { asc, eq } from 'drizzle-orm';
import { countAndItems, totalRows } from '../total.ts';
import type { WorkSource } from '../types.ts';

const levelZh = { notice: '提示', warning: '预警', critical: '严重' } as const;
const levelEn = { notice: 'Notice', warning: 'Warning', critical: 'Critical' } as const;

/**
 * Risk officers and administrators: alerts nobody has acknowledged yet, the nearest (or most
 * overdue) response deadline first. Acknowledged ones are being handled and leave the queue.
 */
export const riskAlertsOpen: WorkSource = {
  key: 'riskAlertsOpen',
  permission: 'manage:risk-alerts',
  listHref: '/s/risk/alerts?status=open',
  async load(db, { limit }) {
    const rows = await db
      .select({
        id: riskAlerts.id,
        partnerName: partners.legalName,
        nameZh: riskRules.nameZh,
        nameEn: riskRules.nameEn,
        level: riskAlerts.level,
        deadline: riskAlerts.responseDeadline,
        raisedAt: riskAlerts.raisedAt,
        total: totalRows(),
      })
      .from(riskAlerts)
      .innerJoin(partners, eq(partners.id, riskAlerts.partnerId))
      .innerJoin(riskRules, eq(riskRules.id, riskAlerts.ruleId))
      .where(eq(riskAlerts.status, 'open'))
      .orderBy(asc(riskAlerts.responseDeadline), asc(riskAlerts.id))
      .limit(limit);
    return countAndItems(rows, (r) => ({
      id: r.id,
      href: `/s/risk/alerts/${r.id}`,
      partnerName: r.partnerName,
      // The level in words travels with the rule's name (the queue's `stage` codes are admission stages).
      subject: { zh: `【${levelZh[r.level]}】${r.nameZh}`, en: `[${levelEn[r.level]}] ${r.nameEn}` },
      stage: null,
      since: r.raisedAt,
      dueDate: dayInChina(r.deadline),
    }));
  },
};
