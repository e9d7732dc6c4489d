import { createHash } from 'node:crypto';
import type { FileStorage } from '../ports.ts';

/**
 * Stores bytes content-addressed: the key is their sha256, so a retried upload (or the
 * same file attached twice) stores nothing twice and a stored file can never change
 * under a key. Every uploaded file — partner documents, third-party reports — uses it.
 */
export async function storeContentAddressed(storage: FileStorage, bytes: Uint8Array, contentType: string) {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const storageKey = `sha256/${sha256.slice(0, 2)}/${sha256}`;
  await storage.put(storageKey, bytes, contentType);
  return { sha256, storageKey };
}
