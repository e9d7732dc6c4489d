import type { SlackMessageRef } from '@outpost/core';
import { isLocale, type Locale } from '@outpost/i18n';

/** What the reject modal carries from the click to its submission (as contracts/return-metadata.ts). */
export interface RejectMetadata {
  recordId: string;
  message: SlackMessageRef | null;
  responseUrl: string | null;
  locale: Locale;
}

export function encodeRejectMetadata(m: RejectMetadata): string {
  return JSON.stringify({
    k: m.recordId,
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
      recordId: v.k,
      message: channel && ts ? { channel, ts } : null,
      responseUrl: str(v.r),
      locale: v.l,
    };
  } catch {
    return null;
  }
}
