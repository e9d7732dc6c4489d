// Risk early warning (issue 12, decision record 030): rules, their evaluation, alerts and their actions.
export * from './alert-actions.ts';
export * from './alerts-read.ts';
export * from './default-rules.ts';
export * from './evaluate.ts';
export * from './rule-params.ts';
export * from './rules.ts';
export type { Finding } from './conditions/types.ts';
export * from './bulk-acknowledge.ts';
export * from './slack.ts';
export * from './escalate.ts';
export * from './partner-summary.ts';
export * from './slack-delivery.ts';
// Partner sharing, the conversation and the response-time figures (decision record 036).
export * from './partner-alerts.ts';
export * from './response-figures.ts';
export { commentOnRiskAlert, type RiskCommentInput, shareRiskAlert } from './sharing.ts';
export * from './incidents/index.ts';
