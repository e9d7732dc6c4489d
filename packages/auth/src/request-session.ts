import { type Person, signedInPerson } from '@outpost/core';
import type { Database, Session } from '@outpost/db';
import { readCookie, SESSION_COOKIE, sessionCookie } from './cookies.ts';
import { checkSession, parseSessionToken, sessionExpiresAt } from './sessions.ts';

export interface RequestSession {
  session: Session;
  person: Person;
  /** The person's unread notifications when the request arrived (the header's badge). */
  unread: number;
  /** A refreshed Set-Cookie to send back, so the cookie slides with the session. */
  setCookie: string;
}

/**
 * Resolves the signed-in person from the request's session cookie, or null. One query
 * reads the session, the person and their unread count: this runs on every signed-in request.
 */
export async function sessionFromRequest(db: Database, request: Request): Promise<RequestSession | null> {
  const token = readCookie(request.headers.get('cookie'), SESSION_COOKIE);
  const parsed = parseSessionToken(token);
  if (!parsed || !token) return null;
  const found = await signedInPerson(db, parsed.id);
  const session = await checkSession(db, found?.session, parsed.secret);
  if (!session || !found?.person) return null;
  return {
    session,
    person: found.person,
    unread: found.unread,
    setCookie: sessionCookie(token, request.url, sessionExpiresAt(session)),
  };
}
