import { listOwnSessions, mfaStatus } from '@outpost/auth';
import { formatDateTime, type Locale } from '@outpost/i18n';
import type { PortalDeps } from '../context';
import type { Viewer } from './viewer.server';

/** What the account page shows of one's sessions and two-step sign-in (decision record 043). */
export async function accountSecurity(deps: PortalDeps, viewer: Viewer, locale: Locale) {
  const { user, actor } = viewer.person;
  const [list, mfa] = await Promise.all([
    listOwnSessions(deps.db, actor, viewer.session.id),
    mfaStatus(deps.db, user.id),
  ]);
  return {
    mfaEnabled: mfa.enabled,
    sessions: list.map((s) => ({
      id: s.id,
      current: s.current,
      browser: s.device.browser,
      os: s.device.os,
      userAgent: s.device.raw,
      ip: s.ip,
      place: s.place,
      lastSeen: formatDateTime(locale, s.lastSeenAt),
      signedIn: formatDateTime(locale, s.createdAt),
    })),
  };
}

export type AccountSecurity = Awaited<ReturnType<typeof accountSecurity>>;
