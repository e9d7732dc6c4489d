import { type Database, userMfa } from '@outpost/db';
import { sealSecret } from './sealed-secret.ts';
import { totpCode, totpStep } from './totp.ts';

/**
 * For tests and fixtures only: gives a person an authenticator with a known key, as if they had
 * set it up, so suites that sign in as staff whose role requires one keep working.
 */
export async function enrolTotpForTest(db: Database, userId: string, key: Uint8Array): Promise<void> {
  const sealedKey = sealSecret(key, userId);
  await db
    .insert(userMfa)
    .values({ userId, sealedKey, confirmedAt: new Date() })
    .onConflictDoUpdate({
      target: userMfa.userId,
      set: { sealedKey, confirmedAt: new Date(), lastUsedStep: null },
    });
}

/** The code an app would show for `key` at `at` (RFC 6238). */
export const currentTotpCode = (key: Uint8Array, at: Date = new Date()) => totpCode(key, totpStep(at));

/** A fixed 20-byte test key ("12345678901234567890", RFC 6238's own). */
export const TEST_TOTP_KEY = new TextEncoder().encode('12345678901234567890');
