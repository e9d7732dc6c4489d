import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomToken } from '../secrets.ts';
import type { FileStorage } from '../ports.ts';

/**
 * Files on the local disk under `root` (default storage; fine for one server or a
 * shared volume). Writes go to a temporary name and are renamed into place, so a
 * crash never leaves half a file under a real key.
 */
export class LocalDiskStorage implements FileStorage {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  private pathOf(key: string): string {
    if (!/^[\w-]+(\/[\w.-]+)*$/.test(key) || key.includes('..'))
      throw new Error(`Invalid storage key: ${key}`);
    return path.join(this.root, key);
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.${randomToken(6)}.tmp`;
    await writeFile(temp, bytes);
    await rename(temp, target);
  }

  async get(key: string): Promise<Uint8Array> {
    return new Uint8Array(await readFile(this.pathOf(key)));
  }
}
