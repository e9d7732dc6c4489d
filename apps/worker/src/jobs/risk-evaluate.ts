import { evaluateRiskRules } from '@outpost/core';
import type { JobContext } from './context.ts';

/**
 * Every enabled risk rule over every partner: what no ingestion batch announces (documents
 * expiring as days pass, blacklist entries, training figures, KPI windows moving on) and the
 * auto-closing of alerts whose condition has stayed cleared. Idempotent: one alert per condition.
 */
export function evaluateRisk({ db }: JobContext, now = new Date()) {
  return evaluateRiskRules(db, { now });
}
