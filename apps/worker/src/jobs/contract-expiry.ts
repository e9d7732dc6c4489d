import { evaluateAfterContractExpiry, runContractExpiry } from '@outpost/core';
import { todayInChina } from '@outpost/i18n';
import type { JobContext } from './context.ts';

/**
 * The daily contract job: expiring and expired states, and the 90/60/30-day reminders before a
 * term ends and before its notice deadline. Core claims each reminder before sending it, so a
 * retried or repeated run sends nothing twice. Then the contract risk rules (decision record 041),
 * so a contract that just lapsed raises its alert now; evaluation is idempotent too.
 */
export async function checkContractExpiry({ db }: JobContext, now = new Date()) {
  const result = await runContractExpiry(db, todayInChina(now));
  const risk = await evaluateAfterContractExpiry(db, now);
  return { ...result, risk };
}
