import { type Database, targetDashboardCache } from '@outpost/db';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { AppError } from '../errors.ts';
import { assertCan } from '../permissions.ts';
import { quarterText } from '../reviews/quarters.ts';
import { getSetting, setSetting } from '../settings.ts';
import { parse } from '../validation.ts';
import { quarterSpan } from './quarters.ts';

const baselineInput = z.object({
  quarter: z.union([quarterText, z.literal('').transform(() => null), z.null()]),
});

/** The configured baseline quarter of the satisfaction target, or null. */
export async function satisfactionBaseline(db: Database): Promise<string | null> {
  return (await getSetting(db, 'targets.satisfactionBaseline')).quarter;
}

/**
 * Staff who manage KPIs choose the period customer satisfaction is measured against (a quarter),
 * or clear it. A quarter that has not started is refused (422, nothing stored); the change is
 * audited (settings.ts).
 */
export async function setSatisfactionBaseline(
  db: Database,
  actor: Actor,
  raw: { quarter: unknown },
  now = new Date(),
) {
  assertCan(actor, 'manage:kpis');
  const { quarter } = parse(baselineInput, raw);
  if (quarter !== null && quarterSpan(quarter, now).future) {
    const message = 'The baseline period has not started yet: choose this quarter or an earlier one.';
    throw new AppError('validation_failed', message, {
      messageKey: 'targets.error.baselineFuture',
      details: {
        fields: [{ path: 'quarter', code: 'future', message, messageKey: 'targets.error.baselineFuture' }],
      },
    });
  }
  await setSetting(db, actor, 'targets.satisfactionBaseline', { quarter });
  // Every figure of the satisfaction target changes with it: the dashboard computes afresh.
  await db.delete(targetDashboardCache);
  return { quarter };
}
