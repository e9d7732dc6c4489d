import { type Database, riskRules } from '@outpost/db';
import { systemActor } from '../actor.ts';
import { parse } from '../validation.ts';
import { type RiskRuleInput, recordVersion, riskRuleInput } from './rules.ts';

/**
 * A starting set matching the default KPIs (performance/kpis.ts) and the admission catalogue.
 * Keys are stable: ensureDefaultRiskRules adds a missing one and never touches one staff edited.
 */
export const defaultRiskRules: (RiskRuleInput & { defaultKey: string })[] = [
  {
    defaultKey: 'timeliness_critical_7d',
    kind: 'kpi_threshold',
    nameZh: '处理时效 7 天内低于严重阈值',
    nameEn: 'Processing timeliness below critical over 7 days',
    level: 'critical',
    params: {
      kpiKey: 'processing_timeliness',
      windowDays: 7,
      breach: 'critical',
      minSample: 10,
      clearAfterHours: 48,
    },
  },
  {
    defaultKey: 'compliance_warning_30d',
    kind: 'kpi_threshold',
    nameZh: '合规率 30 天内低于预警阈值',
    nameEn: 'Compliance rate below warning over 30 days',
    level: 'warning',
    params: {
      kpiKey: 'compliance_rate',
      windowDays: 30,
      breach: 'warning',
      minSample: 20,
      clearAfterHours: 72,
    },
  },
  {
    defaultKey: 'satisfaction_warning_30d',
    kind: 'kpi_threshold',
    nameZh: '客户满意度 30 天内低于预警阈值',
    nameEn: 'Customer satisfaction below warning over 30 days',
    level: 'warning',
    params: {
      kpiKey: 'customer_satisfaction',
      windowDays: 30,
      breach: 'warning',
      minSample: 20,
      clearAfterHours: 72,
    },
  },
  {
    defaultKey: 'complaints_critical_30d',
    kind: 'kpi_threshold',
    nameZh: '投诉率 30 天内超过严重阈值',
    nameEn: 'Complaint rate beyond critical over 30 days',
    level: 'critical',
    params: {
      kpiKey: 'complaint_rate',
      windowDays: 30,
      breach: 'critical',
      minSample: 50,
      clearAfterHours: 72,
    },
  },
  {
    defaultKey: 'timeliness_sudden_drop',
    kind: 'kpi_sudden_change',
    nameZh: '处理时效骤降（偏离近 12 周均值 3 个标准差）',
    nameEn: 'Sudden drop in processing timeliness (3 σ below the 12-week mean)',
    level: 'warning',
    params: {
      kpiKey: 'processing_timeliness',
      sigma: 3,
      trailingWeeks: 12,
      minSample: 10,
      clearAfterHours: 72,
    },
  },
  {
    defaultKey: 'document_expiring_30d',
    kind: 'document_expiry',
    nameZh: '资质文件 30 天内到期',
    nameEn: 'Qualification document expiring within 30 days',
    level: 'notice',
    params: { withinDays: 30, clearAfterHours: 0 },
  },
  {
    defaultKey: 'document_expired',
    kind: 'document_expiry',
    nameZh: '资质文件已过期',
    nameEn: 'Qualification document expired',
    level: 'critical',
    params: { withinDays: 0, clearAfterHours: 0 },
  },
  {
    defaultKey: 'blacklist_hit',
    kind: 'blacklist_hit',
    nameZh: '合作伙伴被列入黑名单',
    nameEn: 'Partner on the blacklist',
    level: 'critical',
    params: { clearAfterHours: 0 },
  },
  {
    defaultKey: 'training_below_75',
    kind: 'training_compliance',
    nameZh: '培训达标率低于 75%',
    nameEn: 'Training compliance below 75 %',
    level: 'warning',
    serviceCategories: ['agency', 'sales_channel', 'customer_service'],
    params: { belowPercent: 75, clearAfterHours: 168 },
  },
  // Contracts and concentration (decision record 041).
  {
    defaultKey: 'contract_lapsing_60d',
    kind: 'contract_lapsing',
    nameZh: '合同 60 天内到期且未续签',
    nameEn: 'Contract ending within 60 days without renewal',
    level: 'warning',
    params: { withinDays: 60, includeNoContract: false, clearAfterHours: 0 },
  },
  {
    defaultKey: 'contract_expired',
    kind: 'contract_lapsing',
    nameZh: '合作伙伴合同已过期',
    nameEn: 'Partner contract expired',
    level: 'critical',
    params: { withinDays: 0, includeNoContract: false, clearAfterHours: 0 },
  },
  {
    defaultKey: 'concentration_50pct_30d',
    kind: 'concentration',
    nameZh: '单一合作伙伴占服务类别业务量超过 50%（30 天）',
    nameEn: 'One partner above 50 % of a service category’s cases (30 days)',
    level: 'warning',
    params: { windowDays: 30, abovePercent: 50, minCategoryVolume: 50, clearAfterHours: 168 },
  },
];

/** Adds any missing default rule (by its key), each as version 1 with its audit entry. Idempotent. */
export async function ensureDefaultRiskRules(db: Database): Promise<number> {
  const actor = systemActor('risk-rule-defaults');
  return db.transaction(async (tx) => {
    let added = 0;
    for (const { defaultKey, ...raw } of defaultRiskRules) {
      const input = parse(riskRuleInput, raw) as Required<RiskRuleInput>;
      const [rule] = await tx
        .insert(riskRules)
        .values({ ...input, defaultKey })
        .onConflictDoNothing({ target: riskRules.defaultKey })
        .returning();
      if (!rule) continue;
      await recordVersion(tx, actor, rule, null);
      added += 1;
    }
    return added;
  });
}
