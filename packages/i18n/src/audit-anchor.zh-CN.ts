import type { auditAnchorEn } from './audit-anchor.en.ts';

/** 审计检查点与 Slack 关联确认（决策 017）。中文。 */
export const auditAnchorZhCN: Record<keyof typeof auditAnchorEn, string> = {
  'audit-anchor.checkpointSubject': 'Outpost 审计检查点',
  'audit-anchor.checkpoint':
    '审计检查点：截至第 #{headId} 条，日志共有 {entries} 条记录。请保存此行；`npm run audit:verify -- --checkpoint <行>` 可据此核对日志：{line}',
  'audit-anchor.slackForeignTeam':
    '此 Slack 工作区不是 Outpost 所安装的工作区，Outpost 不处理来自该工作区的请求。',
  'audit-anchor.slackLinkPending':
    '您的 Outpost 账户已关联另一个 Slack 用户。如需将关联改为此 Slack 用户，请在 Outpost 的账户页面确认：{url}',
  'audit-anchor.linkRequestTitle': 'Slack 关联请求',
  'audit-anchor.linkRequestText':
    'Slack 用户（{slackUser}）于 {when} 请求关联到您的账户。在您确认之前，现有关联保持不变。',
  'audit-anchor.linkRequestConfirm': '将关联改为此 Slack 用户',
  'audit-anchor.linkRequestDecline': '不是我——拒绝',
  'audit-anchor.linkRequestConfirmed': '您的 Slack 关联已改为新的 Slack 用户。',
  'audit-anchor.linkRequestDeclined': 'Slack 关联请求已拒绝，您的关联保持不变。',
};
