import { createSession } from '@outpost/auth';
import { enrolTotpForTest, TEST_TOTP_KEY } from '@outpost/auth/testing';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalDiskStorage } from '@outpost/core';
import { type Database, users } from '@outpost/db';
import { eq } from 'drizzle-orm';
import { createApi } from '../src/index.ts';

export const makeApi = (db: Database, maxBodyBytes = 64 * 1024, maxUploadBytes = 256 * 1024) =>
  createApi({
    db,
    maxBodyBytes,
    maxUploadBytes,
    storage: new LocalDiskStorage(mkdtempSync(path.join(os.tmpdir(), 'outpost-api-files-'))),
    publicUrl: 'http://localhost:3000',
  });

/**
 * A session cookie for a user, as the browser would send it after signing in. Staff are given an
 * authenticator first, as the default settings require one for several roles and the API refuses
 * a session of such a person without it (decision record 043); the refusal has its own test.
 */
export async function cookieFor(db: Database, userId: string): Promise<string> {
  const [user] = await db.select({ kind: users.kind }).from(users).where(eq(users.id, userId));
  if (user?.kind === 'staff') await enrolTotpForTest(db, userId, TEST_TOTP_KEY);
  const { token } = await createSession(db, userId);
  return `outpost_session=${token}`;
}

export const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  body: typeof body === 'string' ? body : JSON.stringify(body),
  headers: { 'content-type': 'application/json', ...headers },
});
