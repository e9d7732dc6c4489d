import type { SlackMessageRef } from '@outpost/core';
import type { CardLanguages } from './ids.ts';

/** What the resolve modal carries from the click to its submission (Slack returns it untouched, signed). */
export interface ResolveMetadata {
  alertId: string;
  message: SlackMessageRef | null;
  responseUrl: string | null;
  languages: CardLanguages;
}

export function encodeResolveMetadata(m: ResolveMetadata): string {
  return JSON.stringify({
    a: m.alertId,
    c: m.message?.channel ?? null,
    t: m.message?.ts ?? null,
    r: m.responseUrl,
    l: m.languages,
  });
}

export function decodeResolveMetadata(raw: string | undefined): ResolveMetadata | null {
  try {
    const v = JSON.parse(raw ?? '') as Record<string, unknown>;
    if (typeof v.a !== 'string' || !(v.l === 'both' || v.l === 'zh-CN' || v.l === 'en')) return null;
    const str = (x: unknown) => (typeof x === 'string' && x !== '' ? x : null);
    const channel = str(v.c);
    const ts = str(v.t);
    return {
      alertId: v.a,
      message: channel && ts ? { channel, ts } : null,
      responseUrl: str(v.r),
      languages: v.l as CardLanguages,
    };
  } catch {
    return null;
  }
}
