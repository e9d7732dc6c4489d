import { timingSafeEqual } from 'node:crypto';
import { createTOTPKeyURI, generateHOTP } from '@oslojs/otp';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';

/**
 * TOTP as RFC 6238 defines it and every authenticator app reads it: HMAC-SHA-1, 30-second steps,
 * 6 digits (@oslojs/otp computes the HOTP value of a step). A code is accepted for its own step
 * and one step either side (clock drift), and the caller remembers the step it matched so that
 * the same code is never accepted twice (mfa.ts).
 */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted either side of now. */
export const TOTP_DRIFT_STEPS = 1;

export const totpStep = (now: Date = new Date()) => Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);

export function totpCode(key: Uint8Array, step: number, digits = TOTP_DIGITS): string {
  return generateHOTP(key, BigInt(step), digits);
}

/** The step whose code this is (within the drift), or null. Every candidate is compared in constant time. */
export function matchTotpStep(key: Uint8Array, code: string, now: Date = new Date()): number | null {
  const given = Buffer.from(code);
  const current = totpStep(now);
  let found: number | null = null;
  for (let step = current - TOTP_DRIFT_STEPS; step <= current + TOTP_DRIFT_STEPS; step++) {
    const expected = Buffer.from(totpCode(key, step));
    if (expected.length === given.length && timingSafeEqual(expected, given)) found ??= step;
  }
  return found;
}

/** A new random key: 20 bytes, as RFC 4226 recommends for HMAC-SHA-1. */
export function newTotpKey(): Uint8Array {
  const key = new Uint8Array(20);
  crypto.getRandomValues(key);
  return key;
}

/** The key as a person types it into an app: base32 in groups of four. */
export const manualKey = (key: Uint8Array) =>
  encodeBase32UpperCaseNoPadding(key)
    .replace(/(.{4})/g, '$1 ')
    .trim();

/** The otpauth:// URI the QR code holds. */
export const totpUri = (issuer: string, account: string, key: Uint8Array) =>
  createTOTPKeyURI(issuer, account, key, TOTP_PERIOD_SECONDS, TOTP_DIGITS);
