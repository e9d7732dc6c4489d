import type { SlackMessageRef } from '@outpost/core';
import { isLocale, type Locale } from '@outpost/i18n';

/**
 * What the return modal carries from the click to its submission (Slack keeps no state for us,
 * nor does this process): the contract, the clicked message, the click's response_url for
 * ephemeral answers, and the modal's language. Slack returns it untouched, in a signed request.
 */
export interface ReturnMetadata {
  contractId: string;
  message: SlackMessageRef | null;
  responseUrl: string | null;
  locale: Locale;
}

export function encodeReturnMetadata(m: ReturnMetadata): string {
  return JSON.stringify({
    k: m.contractId,
    c: m.message?.channel ?? null,
    t: m.message?.ts ?? null,
    r: m.responseUrl,
    l: m.locale,
  });
}

export function decodeReturnMetadata(raw: string | undefined): ReturnMetadata | null {
  try {
    const v = JSON.parse(raw ?? '') as Record<string, unknown>;
    if (typeof v.k !== 'string' || !isLocale(v.l)) return null;
    const str = (x: unknown) => (typeof x === 'string' && x !== '' ? x : null);
    const channel = str(v.c);
    const ts = str(v.t);
    return {
      contractId: v.k,
      message: channel && ts ? { channel, ts } : null,
      responseUrl: str(v.r),
      locale: v.l,
    };
  } catch {
    return null;
  }
}
