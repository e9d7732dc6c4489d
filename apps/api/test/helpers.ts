import { createSession } from '@outpost/auth';
import type { Database } from '@outpost/db';
import { createApi } from '../src/index.ts';

export const makeApi = (db: Database, maxBodyBytes = 64 * 1024) => createApi({ db, maxBodyBytes });

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
