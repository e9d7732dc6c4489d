import { createSession } from '@outpost/auth';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalDiskStorage } from '@outpost/core';
import type { Database } from '@outpost/db';
import { createApi } from '../src/index.ts';

export const makeApi = (db: Database, maxBodyBytes = 64 * 1024, maxUploadBytes = 256 * 1024) =>
  createApi({
    db,
    maxBodyBytes,
    maxUploadBytes,
    storage: new LocalDiskStorage(mkdtempSync(path.join(os.tmpdir(), 'outpost-api-files-'))),
    publicUrl: 'http://localhost:3000',
  });

/** A session cookie for a user, as the browser would send it. */
export async function cookieFor(db: Database, userId: string): Promise<string> {
  const { token } = await createSession(db, userId);
  return `outpost_session=${token}`;
}

export const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  body: typeof body === 'string' ? body : JSON.stringify(body),
  headers: { 'content-type': 'application/json', ...headers },
});
