import { generateQuarterlyReportNow, previousQuarter } from '@outpost/core';
import type { SeedContext } from './context.ts';

/**
 * The quarterly management report of the last closed quarter (decision record 051), generated at
 * once from what the other seed modules left (PDF and XLSX, zh-CN and en; about a second), so
 * /s/reports has a report to download on first run. No distribution is configured in the demo, so
 * nothing is posted or e-mailed.
 */
export async function seedReports(context: SeedContext) {
  await generateQuarterlyReportNow(context.db, context.storage, previousQuarter(context.now), {
    trigger: 'seed',
    now: context.now,
  });
}
