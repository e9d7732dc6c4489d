import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { authSettings } from './settings.ts';

/**
 * Secrets the server must read back (TOTP keys) are stored sealed: AES-256-GCM under a key
 * derived with HKDF from the server key (AUTH_SECRET, or the one kept in DATA_DIR), bound to
 * what they belong to (`context`, e.g. the user id) so a sealed value copied to another row
 * does not open. Stored as iv (12) ‖ tag (16) ‖ ciphertext.
 */
/** Only where no server key was configured — tests in process; every server start configures one (runtime.ts). */
const TEST_ONLY_KEY = new TextEncoder().encode('outpost-test-only-sealing-key--not-a-server-key');

function sealingKey(): Buffer {
  const base = authSettings().deviceCookieKey ?? TEST_ONLY_KEY;
  return Buffer.from(hkdfSync('sha256', base, new Uint8Array(0), 'outpost:sealed-secret:v1', 32));
}

export function sealSecret(secret: Uint8Array, context: string): Uint8Array {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(), iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(secret), cipher.final()]);
  return new Uint8Array(Buffer.concat([iv, cipher.getAuthTag(), body]));
}

/** The secret, or null when it was sealed under another key or for another context. */
export function openSecret(sealed: Uint8Array, context: string): Uint8Array | null {
  const bytes = Buffer.from(sealed);
  if (bytes.length < 29) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', sealingKey(), bytes.subarray(0, 12));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(bytes.subarray(12, 28));
    return new Uint8Array(Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]));
  } catch {
    return null;
  }
}
