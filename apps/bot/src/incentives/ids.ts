import { isLocale, type Locale } from '@outpost/i18n';

/** Block Kit ids of the incentive approval ballot and its reject modal (the listeners match on them). */
export const INCENTIVE_ACTION_IDS = {
  approve: 'incentive_approve',
  reject: 'incentive_reject',
} as const;

export const INCENTIVE_REJECT_CALLBACK_ID = 'incentive_reject_reason';
export const REJECT_REASON_BLOCK_ID = 'reason';
export const REJECT_REASON_ACTION_ID = 'reason_input';

/** The buttons' block names the ballot's language, so the modal opens in it before any lookup. */
const BLOCK_PREFIX = 'incentive_approval.';
export const incentiveBlockId = (locale: Locale) => `${BLOCK_PREFIX}${locale}`;
export function localeOfIncentiveBlock(blockId: string | undefined): Locale | null {
  const value = blockId?.startsWith(BLOCK_PREFIX) ? blockId.slice(BLOCK_PREFIX.length) : null;
  return isLocale(value) ? value : null;
}
