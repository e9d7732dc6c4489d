import type { FileStorage } from '../ports.ts';
import { contentAddress } from '../uploads/stored-file.ts';

/**
 * Stores bytes content-addressed (sha256 key) outside any transaction. Only for seeding and
 * tests: uploads go through storeWithRows (uploads/stored-file.ts), which stores the file in
 * the unit of work that writes its rows.
 */
export async function storeContentAddressed(storage: FileStorage, bytes: Uint8Array, contentType: string) {
  const { sha256, storageKey } = contentAddress(bytes);
  await storage.put(storageKey, bytes, contentType);
  return { sha256, storageKey };
}
