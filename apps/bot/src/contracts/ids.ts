import { isLocale, type Locale } from '@outpost/i18n';

/** Block Kit ids of the contract approval ballot and its return modal (the listeners match on them). */
export const CONTRACT_APPROVAL_ACTION_IDS = {
  approve: 'contract_approve',
  return: 'contract_return',
} as const;

export const CONTRACT_RETURN_CALLBACK_ID = 'contract_return_reason';
export const RETURN_REASON_BLOCK_ID = 'reason';
export const RETURN_REASON_ACTION_ID = 'reason_input';

/** The buttons' block names the ballot's language, so the modal opens in it before any lookup. */
const BLOCK_PREFIX = 'contract_approval.';
export const approvalBlockId = (locale: Locale) => `${BLOCK_PREFIX}${locale}`;
export function localeOfApprovalBlock(blockId: string | undefined): Locale | null {
  const value = blockId?.startsWith(BLOCK_PREFIX) ? blockId.slice(BLOCK_PREFIX.length) : null;
  return isLocale(value) ? value : null;
}
