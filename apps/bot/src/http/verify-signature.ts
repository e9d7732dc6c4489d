import { createHmac, timingSafeEqual } from 'node:crypto';

/** Slack's limit; a request older — or newer — than this is a replay or a badly wrong clock. */
export const MAX_CLOCK_SKEW_SECONDS = 300;

export type SignatureVerdict = { ok: true } | { ok: false; reason: string };

/**
 * Checks Slack's v0 request signature: HMAC-SHA256 over `v0:{timestamp}:{raw body}`
 * with the signing secret, compared in constant time. Unlike Bolt's own check it
 * also refuses timestamps from the future, so a captured request cannot be given a
 * later timestamp window.
 */
export function verifySlackSignature(input: {
  signingSecret: string;
  timestamp: string | null;
  signature: string | null;
  rawBody: string;
  nowMs?: number;
}): SignatureVerdict {
  const { timestamp, signature } = input;
  if (!timestamp || !signature) return { ok: false, reason: 'missing Slack signature headers' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'malformed request timestamp' };
  const skew = Math.abs((input.nowMs ?? Date.now()) / 1000 - Number(timestamp));
  if (skew > MAX_CLOCK_SKEW_SECONDS) return { ok: false, reason: 'request timestamp is too far from now' };
  const expected = `v0=${createHmac('sha256', input.signingSecret).update(`v0:${timestamp}:${input.rawBody}`).digest('hex')}`;
  const a = Buffer.from(expected);
  const b = Buffer.from(signature);
  if (a.length !== b.length || !timingSafeEqual(a, b))
    return { ok: false, reason: 'signature does not match' };
  return { ok: true };
}
