import { isAppError, type Person, personById } from '@outpost/core';
import type { Database } from '@outpost/db';
import type { Locale } from '@outpost/i18n';

export type BallotMessage =
  | { text: string; blocks: Record<string, unknown>[]; locale: Locale }
  | { skip: string };

/**
 * An approver's ballot, read from the database as it is now with their own permissions (never
 * more than the console shows them), in their language. Rendering from the current state makes
 * late, repeated or out-of-order deliveries harmless. `gone`: why nothing is sent once the
 * subject no longer exists.
 */
export async function ballotMessage(
  db: Database,
  approverId: string,
  gone: string,
  render: (person: Person) => Promise<{ text: string; blocks: Record<string, unknown>[] }>,
): Promise<BallotMessage> {
  const person = await personById(db, approverId, 'slack');
  if (person?.user.kind !== 'staff') return { skip: 'approver is disabled or not staff' };
  try {
    return { ...(await render(person)), locale: person.user.locale };
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found') return { skip: gone };
    throw error;
  }
}
