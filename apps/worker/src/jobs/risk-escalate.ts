import { escalateRiskAlerts } from '@outpost/core';
import type { JobContext } from './context.ts';

/**
 * Reminds and escalates risk alerts nobody has acknowledged (decision 034): at the reminder point
 * the responsible person, at the deadline the head of risk, critical ones both. Idempotent per
 * alert (escalation_step); acknowledging stops it.
 */
export function escalateRisk({ db }: JobContext, now = new Date()) {
  return escalateRiskAlerts(db, now);
}
