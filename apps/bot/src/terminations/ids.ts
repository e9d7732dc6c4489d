import type { SlackMessageRef } from '@outpost/core';
import { isLocale, type Locale } from '@outpost/i18n';

/** Block Kit ids of the termination ballot and its reject modal (decision record 049). */
export const TERMINATION_ACTION_IDS = {
  approve: 'termination_approve',
  reject: 'termination_reject',
} as const;
export const TERMINATION_REJECT_CALLBACK_ID = 'termination_reject_reason';
export const REJECT_REASON_BLOCK_ID = 'reason';
export const REJECT_REASON_ACTION_ID = 'reason_input';

/** The buttons' block names the ballot's language, so the modal opens in it before any lookup. */
const BLOCK_PREFIX = 'termination_approval.';
export const terminationBlockId = (locale: Locale) => `${BLOCK_PREFIX}${locale}`;
export function localeOfTerminationBlock(blockId: string | undefined): Locale | null {
  const value = blockId?.startsWith(BLOCK_PREFIX) ? blockId.slice(BLOCK_PREFIX.length) : null;
  return isLocale(value) ? value : null;
}

/** What the reject modal carries from the click to its submission (Slack returns it untouched, signed). */
export interface RejectMetadata {
  caseId: string;
  message: SlackMessageRef | null;
  responseUrl: string | null;
  locale: Locale;
}

export function encodeRejectMetadata(m: RejectMetadata): string {
  return JSON.stringify({
    k: m.caseId,
    c: m.message?.channel ?? null,
    t: m.message?.ts ?? null,
    r: m.responseUrl,
    l: m.locale,
  });
}

export function decodeRejectMetadata(raw: string | undefined): RejectMetadata | null {
  try {
    const v = JSON.parse(raw ?? '') as Record<string, unknown>;
    if (typeof v.k !== 'string' || !isLocale(v.l)) return null;
    const str = (x: unknown) => (typeof x === 'string' && x !== '' ? x : null);
    const channel = str(v.c);
    const ts = str(v.t);
    return {
      caseId: v.k,
      message: channel && ts ? { channel, ts } : null,
      responseUrl: str(v.r),
      locale: v.l,
    };
  } catch {
    return null;
  }
}
