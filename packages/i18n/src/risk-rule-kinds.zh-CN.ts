import type { riskRuleKindsEn } from './risk-rule-kinds.en.ts';

/** 合同到期与业务集中度风险规则：规则类型、参数字段与证据（决策记录 041）。简体中文。 */
export const riskRuleKindsZhCN: Record<keyof typeof riskRuleKindsEn, string> = {
  'risk.kind.contract_lapsing': '合同即将到期或已失效',
  'risk.kind.concentration': '业务过度集中于单一合作伙伴',
  'risk.rules.field.includeNoContract': '同时包括没有生效合同的合作伙伴',
  'risk.rules.hint.includeNoContract':
    '合作伙伴在其服务的每个类别中如无生效合同，各预警一次。建议所有合作伙伴的合同均已录入后再开启。',
  'risk.rules.field.abovePercent': '占比高于（%）',
  'risk.rules.field.minCategoryVolume': '类别最少案件数',
  'risk.rules.summary.contract_lapsing':
    '{days, plural, =0 {合同已过期} other {合同 # 天内到期}}且未续签{none, select, yes {，或没有生效合同} other {}}',
  'risk.rules.summary.concentration':
    '单一合作伙伴占某类别 {days} 天内新开案件的 {percent}% 以上（类别至少 {min} 件）',
  'risk.evidence.contract': '合同',
  'risk.evidence.contractEnd': '到期日',
  'risk.evidence.contractState': '情况',
  'risk.evidence.contractState.ending': '即将到期，尚未签订续约合同',
  'risk.evidence.contractState.expired': '已过期，没有生效合同',
  'risk.evidence.contractState.none': '没有生效合同',
  'risk.evidence.category': '服务类别',
  'risk.evidence.share': '占该类别案件的比例',
  'risk.evidence.shareThreshold': '允许的比例',
  'risk.evidence.partnerVolume': '该合作伙伴新开案件数',
  'risk.evidence.categoryVolume': '该类别新开案件总数',
  'risk.evidence.partnerCount': '有案件的合作伙伴数',
  'risk.evidence.topPartners': '案件量最大的合作伙伴',
  'risk.evidence.topEntry': '{name}：{volume} 件（{percent}%）',
  'risk.evidence.openContract': '打开合同',
  'risk.evidence.openPartner': '打开合作伙伴',
  'risk.evidence.openRanking': '打开该类别的绩效记分卡',
  'risk.evidence.contractLine': '合同 {reference} 于 {date} 到期',
  'risk.evidence.noContractLine': '{category}类别没有生效合同',
  'risk.evidence.shareLine': '占{category}案件的 {percent}%（{total} 件中的 {volume} 件）',
  // What to fix in a rule parameter, under its input (after its label).
  'risk.rules.error.windowDays': '请填写 1 至 366 之间的整数天数',
  'risk.rules.error.withinDays': '请填写 0 至 365 之间的整数天数',
  'risk.rules.error.abovePercent': '请填写大于 0 且小于 100 的比例，例如 40',
  'risk.rules.error.belowPercent': '请填写大于 0 且不超过 100 的百分比',
  'risk.rules.error.minCategoryVolume': '请填写 1 至 1000000 之间的整数案件数',
  'risk.rules.error.minSample': '请填写 1 至 100000 之间的整数样本数',
  'risk.rules.error.sigma': '请填写 1 至 10 之间的标准差倍数',
  'risk.rules.error.trailingWeeks': '请填写 4 至 52 之间的整数周数',
  'risk.rules.error.clearAfterHours': '请填写 0 至 720 之间的小时数',
  'risk.rules.error.includeNoContract': '请勾选或不勾选',
  'risk.rules.error.kpiKey': '请选择一个由服务事件计算的有效指标',
  'risk.rules.error.breach': '请选择预警阈值或严重阈值',
};
