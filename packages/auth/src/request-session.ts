import { type Person, personById } from '@outpost/core';
import type { Database, Session } from '@outpost/db';
import { readCookie, SESSION_COOKIE, sessionCookie } from './cookies.ts';
import { sessionExpiresAt, validateSessionToken } from './sessions.ts';

export interface RequestSession {
  session: Session;
  person: Person;
  /** A refreshed Set-Cookie to send back, so the cookie slides with the session. */
  setCookie: string;
}

/** Resolves the signed-in person from the request's session cookie, or null. */
export async function sessionFromRequest(db: Database, request: Request): Promise<RequestSession | null> {
  const token = readCookie(request.headers.get('cookie'), SESSION_COOKIE);
  const session = await validateSessionToken(db, token);
  if (!session || !token) return null;
  const person = await personById(db, session.userId);
  if (!person) return null;
  return { session, person, setCookie: sessionCookie(token, request.url, sessionExpiresAt(session)) };
}
