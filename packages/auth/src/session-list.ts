import { BlockList, isIP } from 'node:net';
import { type Actor, AppError, audit } from '@outpost/core';
import { type Database, sessions } from '@outpost/db';
import { and, desc, eq, gt } from 'drizzle-orm';
import { defaultSessionPolicy, type SessionPolicy } from './sessions.ts';

/**
 * The account page's list of one's own active sessions (decision record 043): the device as
 * its user agent names it, when it was last seen (the session's last renewal, at most an hour
 * old), and where from — only "local network" for private and loopback addresses: no geo-IP
 * database is shipped, so a public address is shown as it is.
 */
export interface OwnSession {
  id: string;
  current: boolean;
  device: { browser: string | null; os: string | null; raw: string | null };
  ip: string | null;
  place: 'local_network' | 'unknown';
  createdAt: Date;
  lastSeenAt: Date;
}

export async function listOwnSessions(
  db: Database,
  actor: Actor,
  currentSessionId: string,
  policy: SessionPolicy = defaultSessionPolicy,
): Promise<OwnSession[]> {
  const userId = ownUserId(actor);
  const since = new Date(Date.now() - policy.inactivityMs);
  const rows = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.lastVerifiedAt, since)))
    .orderBy(desc(sessions.lastVerifiedAt))
    .limit(100);
  return rows
    .map((s) => ({
      id: s.id,
      current: s.id === currentSessionId,
      device: describeUserAgent(s.userAgent),
      ip: s.ip,
      place: placeOf(s.ip),
      createdAt: s.createdAt,
      lastSeenAt: s.lastVerifiedAt,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

/** Ends one of the actor's own sessions ("sign out this one"); another person's is not found. */
export async function endOwnSession(db: Database, actor: Actor, sessionId: string): Promise<void> {
  const userId = ownUserId(actor);
  await db.transaction(async (tx) => {
    const [removed] = await tx
      .delete(sessions)
      .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)))
      .returning({ id: sessions.id, userAgent: sessions.userAgent, ip: sessions.ip });
    if (!removed) {
      throw new AppError('not_found', 'That session has already ended.', { messageKey: 'sessions.notFound' });
    }
    await audit(tx, actor, {
      action: 'auth.session_ended',
      entityType: 'user',
      entityId: userId,
      data: {
        sessionId: removed.id.slice(0, 6),
        ip: removed.ip,
        userAgent: removed.userAgent?.slice(0, 120) ?? null,
      },
    });
  });
}

function ownUserId(actor: Actor): string {
  if (actor.type !== 'staff' && actor.type !== 'partner') {
    throw new AppError('forbidden', 'Only people have sessions.', { messageKey: 'errors.forbidden' });
  }
  return actor.userId;
}

const privateRanges = new BlockList();
for (const [net, prefix] of [
  ['10.0.0.0', 8],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['100.64.0.0', 10],
] as const) {
  privateRanges.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
] as const) {
  privateRanges.addSubnet(net, prefix, 'ipv6');
}

/** "local_network" for private, loopback, link-local and shared (CGNAT) addresses; else unknown. */
export function placeOf(ip: string | null | undefined): 'local_network' | 'unknown' {
  if (!ip) return 'unknown';
  const mapped = ip.toLowerCase().startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
  const family = isIP(mapped);
  if (family === 0) return 'unknown';
  return privateRanges.check(mapped, family === 4 ? 'ipv4' : 'ipv6') ? 'local_network' : 'unknown';
}

const browsers: [RegExp, string][] = [
  [/MicroMessenger\//, 'WeChat'],
  [/DingTalk\//, 'DingTalk'],
  [/Edg(?:e|A|iOS)?\//, 'Edge'],
  [/OPR\/|Opera/, 'Opera'],
  [/Firefox\/|FxiOS\//, 'Firefox'],
  [/Chrome\/|CriOS\/|Chromium\//, 'Chrome'],
  [/Safari\//, 'Safari'],
  [/curl\//, 'curl'],
  [/node|undici/i, 'Node.js'],
];
const systems: [RegExp, string][] = [
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Android/, 'Android'],
  [/Windows/, 'Windows'],
  [/CrOS/, 'ChromeOS'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/HarmonyOS|OpenHarmony/, 'HarmonyOS'],
  [/Linux/, 'Linux'],
];

/** Browser and operating system from a user agent, by the common markers (order matters: Edge says Chrome too). */
export function describeUserAgent(ua: string | null | undefined): OwnSession['device'] {
  if (!ua) return { browser: null, os: null, raw: null };
  const browser = browsers.find(([re]) => re.test(ua))?.[1] ?? null;
  const os = systems.find(([re]) => re.test(ua))?.[1] ?? null;
  return { browser, os, raw: ua.slice(0, 200) };
}
