import { runScheduledContractExecution } from '@outpost/core';
import type { JobContext } from './context.ts';

/**
 * Contract execution (decision record 038): after a month ends, every contract in force against
 * its SLA targets for that month; after a quarter ends, for the quarter too. Core claims each
 * period once, so the schedule's later days and a second worker only catch up, never repeat.
 */
export function evaluateContractExecution({ db }: JobContext, now = new Date()) {
  return runScheduledContractExecution(db, now);
}
