import type { SlackMessageRef } from '@outpost/core';
import { isLocale, type Locale } from '@outpost/i18n';

/**
 * What the reject modal carries from the click to its submission (Slack keeps no
 * state for us, and neither does this process): the application, the ballot message
 * to update, the click's response_url for ephemeral answers (valid for 30 minutes),
 * and the language the modal was opened in. Slack returns it untouched, in a signed request.
 */
export interface RejectMetadata {
  applicationId: string;
  message: SlackMessageRef | null;
  responseUrl: string | null;
  locale: Locale;
}

export function encodeRejectMetadata(metadata: RejectMetadata): string {
  return JSON.stringify({
    a: metadata.applicationId,
    c: metadata.message?.channel ?? null,
    t: metadata.message?.ts ?? null,
    r: metadata.responseUrl,
    l: metadata.locale,
  });
}

export function decodeRejectMetadata(raw: string | undefined): RejectMetadata | null {
  try {
    const value = JSON.parse(raw ?? '') as Record<string, unknown>;
    if (typeof value.a !== 'string' || !isLocale(value.l)) return null;
    const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
    const channel = str(value.c);
    const ts = str(value.t);
    return {
      applicationId: value.a,
      message: channel && ts ? { channel, ts } : null,
      responseUrl: str(value.r),
      locale: value.l,
    };
  } catch {
    return null;
  }
}
