import type { Database } from '@outpost/db';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { isAppError } from '../errors.ts';
import { assertCan } from '../permissions.ts';
import { parse } from '../validation.ts';
import { acknowledgeRiskAlert } from './alert-actions.ts';

const bulkInput = z.strictObject({
  alertIds: z.array(z.string()).min(1, 'Choose at least one alert.').max(100, 'Choose at most 100 alerts.'),
});

/**
 * Acknowledges several alerts from the inbox, each on its own as if clicked one by one: one that
 * someone else acknowledged a moment ago, or that is closed, is reported and the rest still go
 * through (each is its own transaction, audited and on its own timeline).
 */
export async function acknowledgeRiskAlerts(
  db: Database,
  actor: Actor,
  raw: { alertIds: string[] },
  now = new Date(),
) {
  assertCan(actor, 'manage:risk-alerts');
  const { alertIds } = parse(bulkInput, raw);
  const acknowledged: string[] = [];
  const skipped: { id: string; messageKey: string; name?: string }[] = [];
  for (const id of new Set(alertIds)) {
    try {
      await acknowledgeRiskAlert(db, actor, id, now);
      acknowledged.push(id);
    } catch (error) {
      if (!isAppError(error) || error.status >= 500 || error.status === 403) throw error;
      skipped.push({
        id,
        messageKey: error.messageKey ?? `errors.${error.code}`,
        name: String(error.details?.name ?? ''),
      });
    }
  }
  return { acknowledged, skipped };
}
