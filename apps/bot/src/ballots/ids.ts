import type { SlackMessageRef } from '@outpost/core';
import { isLocale, type Locale } from '@outpost/i18n';

/**
 * Block Kit ids of the approval ballots and their reason modals, per kind (decision record 058).
 * These are the ids already posted to Slack: a message or modal opened before a deploy still
 * matches, so they never change.
 */
export const BALLOT_IDS = {
  contract: {
    approve: 'contract_approve',
    reject: 'contract_return',
    callbackId: 'contract_return_reason',
    blockPrefix: 'contract_approval.',
  },
  incentive: {
    approve: 'incentive_approve',
    reject: 'incentive_reject',
    callbackId: 'incentive_reject_reason',
    blockPrefix: 'incentive_approval.',
  },
  termination: {
    approve: 'termination_approve',
    reject: 'termination_reject',
    callbackId: 'termination_reject_reason',
    blockPrefix: 'termination_approval.',
  },
} as const;

export type BallotKindName = keyof typeof BALLOT_IDS;

export const REASON_BLOCK_ID = 'reason';
export const REASON_ACTION_ID = 'reason_input';

/** The buttons' block names the ballot's language, so the modal opens in it before any lookup. */
export const ballotBlockId = (kind: BallotKindName, locale: Locale) =>
  `${BALLOT_IDS[kind].blockPrefix}${locale}`;
export function localeOfBallotBlock(kind: BallotKindName, blockId: string | undefined): Locale | null {
  const prefix = BALLOT_IDS[kind].blockPrefix;
  const value = blockId?.startsWith(prefix) ? blockId.slice(prefix.length) : null;
  return isLocale(value) ? value : null;
}

/**
 * What the reason modal carries from the click to its submission (Slack keeps no state for us,
 * nor does this process): the subject, the clicked message, the click's response_url for
 * ephemeral answers, and the modal's language. Slack returns it untouched, in a signed request.
 */
export interface ReasonMetadata {
  subjectId: string;
  message: SlackMessageRef | null;
  responseUrl: string | null;
  locale: Locale;
}

export function encodeReasonMetadata(m: ReasonMetadata): string {
  return JSON.stringify({
    k: m.subjectId,
    c: m.message?.channel ?? null,
    t: m.message?.ts ?? null,
    r: m.responseUrl,
    l: m.locale,
  });
}

export function decodeReasonMetadata(raw: string | undefined): ReasonMetadata | null {
  try {
    const v = JSON.parse(raw ?? '') as Record<string, unknown>;
    if (typeof v.k !== 'string' || !isLocale(v.l)) return null;
    const str = (x: unknown) => (typeof x === 'string' && x !== '' ? x : null);
    const channel = str(v.c);
    const ts = str(v.t);
    return {
      subjectId: v.k,
      message: channel && ts ? { channel, ts } : null,
      responseUrl: str(v.r),
      locale: v.l,
    };
  } catch {
    return null;
  }
}
