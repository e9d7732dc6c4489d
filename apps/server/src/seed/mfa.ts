import { createSession } from '@outpost/auth';
import { setSetting } from '@outpost/core';
import { type SeedContext, staffActor } from './context.ts';

/**
 * Two-step sign-in in the demo (decision record 043). The requirement per role is switched off
 * by the demo's administrator — as any administrator can under Settings — so every demo login
 * works with the password alone for people exploring; anyone can turn it on for themselves on
 * their account page. The administrator's session list is filled with two earlier sign-ins
 * (an office PC on the local network, a phone outside it).
 */
export async function seedMfa(context: SeedContext): Promise<void> {
  const admin = staffActor(context, 'admin@outpost.test');
  await setSetting(context.db, admin, 'auth.mfa', { requiredRoles: [] });
  if (admin.type !== 'staff') return;
  await createSession(context.db, admin.userId, {
    ip: '192.168.10.24',
    userAgent:
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  });
  await createSession(context.db, admin.userId, {
    ip: '203.0.113.42',
    userAgent:
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  });
}
