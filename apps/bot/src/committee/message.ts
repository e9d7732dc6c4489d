import type { Database } from '@outpost/db';
import type { Locale } from '@outpost/i18n';
import { committeeBallotView } from '../views/committee-ballot.ts';
import { loadCommitteeBallot } from './ballot-state.ts';

export type CommitteeMessage =
  | { text: string; blocks: Record<string, unknown>[]; locale: Locale }
  | { skip: string };

/**
 * A member's committee message rendered from the database as it is now, in their
 * language. The worker posts and refreshes it from the outbox; the vote listeners
 * update the clicked message with it. Rendering from current state (never from the
 * event that asked for it) makes late, repeated or out-of-order deliveries harmless.
 */
export async function committeeMessage(
  db: Database,
  input: { memberId: string; applicationId: string; publicUrl: string },
): Promise<CommitteeMessage> {
  const loaded = await loadCommitteeBallot(db, input);
  if ('skip' in loaded) return loaded;
  return {
    ...committeeBallotView(loaded.state, { locale: loaded.locale, publicUrl: input.publicUrl }),
    locale: loaded.locale,
  };
}
