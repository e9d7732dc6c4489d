import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

/**
 * Recovery codes: ten per person, 80 random bits each (16 base32 characters, shown in groups of
 * four), stored as SHA-256 only — with that much randomness a fast hash cannot be reversed.
 */
export const RECOVERY_CODE_COUNT = 10;

export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const bytes = new Uint8Array(10);
    crypto.getRandomValues(bytes);
    return encodeBase32LowerCaseNoPadding(bytes);
  });
}

/** As shown: abcd-efgh-ijkl-mnop. */
export const formatRecoveryCode = (code: string) => code.replace(/(.{4})(?=.)/g, '$1-');

/** What a person typed, without spaces, dashes or case. */
export const normalizeCode = (input: string) => input.replace(/[\s-]/g, '').toLowerCase();

export const isTotpCodeShape = (code: string) => /^\d{6}$/.test(code);
export const isRecoveryCodeShape = (code: string) => /^[a-z2-7]{16}$/.test(code);
