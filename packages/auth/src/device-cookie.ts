import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { serializeCookie } from './cookies.ts';
import { authSettings } from './settings.ts';

/**
 * Device cookies, as OWASP's "Slow Down Online Guessing Attacks with Device Cookies" describes:
 * a browser that signed in successfully gets `<nonce>.<signature>`, the signature an HMAC of
 * the e-mail and the nonce under the server's key (AUTH_SECRET). A sign-in that presents a valid
 * one for the e-mail it tries is a trusted client: it is counted per device, not with the
 * account's untrusted clients, so failures from other addresses do not lock its owner out.
 */
export const DEVICE_COOKIE = 'outpost_device';
const maxAgeSeconds = 365 * 24 * 3600;

function signature(key: Uint8Array, email: string, nonce: string): Buffer {
  return createHmac('sha256', key)
    .update(`${normalizeEmail(email)}\n${nonce}`)
    .digest();
}

const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** A new device cookie value for this e-mail, or null when no key is configured. */
export function issueDeviceCookie(email: string): string | null {
  const key = authSettings().deviceCookieKey;
  if (!key) return null;
  const nonce = randomBytes(16).toString('base64url');
  return `${nonce}.${signature(key, email, nonce).toString('base64url')}`;
}

/** The nonce of a device cookie that is ours and was issued for this e-mail, else null. */
export function trustedDevice(value: string | null | undefined, email: string): string | null {
  const key = authSettings().deviceCookieKey;
  if (!key || !value || value.length > 200) return null;
  const [nonce, sig, extra] = value.split('.');
  if (!nonce || !sig || extra !== undefined) return null;
  const expected = signature(key, email, nonce);
  const given = Buffer.from(sig, 'base64url');
  return given.length === expected.length && timingSafeEqual(given, expected) ? nonce : null;
}

export const deviceCookieHeader = (value: string, requestUrl: string) =>
  serializeCookie(DEVICE_COOKIE, value, { requestUrl, maxAgeSeconds });
