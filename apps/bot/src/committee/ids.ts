import type { Locale } from '@outpost/i18n';
import { isLocale } from '@outpost/i18n';

/** Block Kit ids of the committee ballot and the reject modal (the listeners match on them). */
export const COMMITTEE_VOTE_ACTION_IDS = {
  approve: 'committee_vote_approve',
  reject: 'committee_vote_reject',
  abstain: 'committee_vote_abstain',
} as const;

export const COMMITTEE_REJECT_CALLBACK_ID = 'committee_reject_reason';
export const REJECT_REASON_BLOCK_ID = 'reason';
export const REJECT_REASON_ACTION_ID = 'reason_input';

/**
 * The ballot's buttons sit in a block whose id names the language the ballot was
 * rendered in, so the reject modal can open in that language at once — before any
 * database lookup, while the click's trigger_id is still valid.
 */
const VOTE_BLOCK_PREFIX = 'committee_vote.';
export const voteBlockId = (locale: Locale) => `${VOTE_BLOCK_PREFIX}${locale}`;
export function localeOfVoteBlock(blockId: string | undefined): Locale | null {
  const value = blockId?.startsWith(VOTE_BLOCK_PREFIX) ? blockId.slice(VOTE_BLOCK_PREFIX.length) : null;
  return isLocale(value) ? value : null;
}
