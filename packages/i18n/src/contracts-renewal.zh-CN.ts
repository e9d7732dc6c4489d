import type { contractsRenewalEn } from './contracts-renewal.en.ts';

/** 合同续签、审查或审批中撤回、重大违约、列表标记（决策记录 047）。中文。 */
export const contractsRenewalZhCN: Record<keyof typeof contractsRenewalEn, string> = {
  'errors.contracts.renewal_end': '新期限的结束日期必须晚于当前期限。请选择更晚的结束日期。',
  'errors.contracts.withdraw_reason': '请说明撤回原因（至少 3 个字）。',
  'errors.contracts.amendment_approved': '已审批通过，正在等待签署，不能再撤回。',
  'contracts.term.termStartDate': '续签期限开始日期',

  'contracts.renewal.section': '续签',
  'contracts.renewal.intro':
    '为合同续签新的期限。续签与补充协议一样经过法务审查（如需要）、审批和签署；签署后合同即为已续签，生效至新的结束日期。',
  'contracts.renewal.currentEnd': '当前期限于 {date} 结束；新期限自 {start} 开始。',
  'contracts.renewal.endDate': '新的结束日期',
  'contracts.renewal.annualValue': '新期限的年度金额（{currency}，可选）',
  'contracts.renewal.annualValueHint': '留空则保持 {value}。服务水平目标在草稿中修改。',
  'contracts.renewal.annualValueInvalid': '请输入不小于 0 的年度金额。',
  'contracts.renewal.reason': '备注（可选）',
  'contracts.renewal.start': '发起续签',
  'contracts.renewal.underWay': '续签（第 {version} 版）进行中：{status}。',
  'contracts.renewal.open': '打开续签',
  'contracts.renewal.title': '{reference} 的续签（第 {version} 版）',
  'contracts.renewal.newTerm': '新期限：{from} – {to}',
  'contracts.renewal.ballot': '生效合同的续签（第 {version} 版）：新期限至 {endDate}。原因：{reason}',
  'contracts.renewal.withdrawn': '续签已撤回；生效版本不变。',
  'contracts.renewal.renewedNotice': '已续签：生效至 {date}。',
  'contracts.renewal.toSign': '待签署的续签（第 {version} 版）',
  'contracts.renewal.withdraw': '撤回续签',
  'contracts.signedCopies.kind.renewal': '续签',
  'contracts.history.kind.renewal': '续签',

  'contracts.withdraw.reason': '撤回原因',
  'contracts.withdraw.reasonHint': '进入法务审查或审批后必须填写；审批人和历史记录会保留。',
  'contracts.withdraw.reasonLabel': '撤回原因',
  'contracts.withdraw.button': '撤回',
  'contracts.ballot.withdrawn': '已撤回，无需再审批。',
  'contracts.ballot.withdrawnReason': '已撤回：{reason}',

  'contracts.list.amendmentUnderWay': '补充协议进行中',
  'contracts.list.renewalUnderWay': '续签进行中',

  'contracts.execution.material': '重大违约',
  'contracts.execution.consecutive': '{count, plural, other {连续 # 个月未达标}}',
  'contracts.execution.materialCount': '{count, plural, other {# 项重大违约}}',
  'contracts.execution.materialHint':
    '服务水平连续未达标的月数达到合同约定的容忍月数，即为重大违约（服务标准条款）。',
  'risk.evidence.materialBreaches': '重大违约（连续未达标达到容忍月数）',
} as const;
