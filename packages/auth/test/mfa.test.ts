import { makePartner, makePartnerUser, makeStaff } from '@outpost/core/testing';
import { setSetting } from '@outpost/core';
import { auditLog, type DatabaseConnection, mfaRecoveryCodes, sessions, userMfa } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  beginSignIn,
  completeSignIn,
  confirmTotpSetup,
  describeUserAgent,
  disableTotp,
  endOwnSession,
  hashPassword,
  listOwnSessions,
  matchTotpStep,
  mfaRequirement,
  mfaStatus,
  pendingSignIn,
  placeOf,
  regenerateRecoveryCodes,
  signIn,
  startTotpSetup,
  totpCode,
  totpStep,
  validateSessionToken,
} from '../src/index.ts';
import { openSecret, sealSecret } from '../src/sealed-secret.ts';

let conn: DatabaseConnection;
let passwordHash: string;
const password = 'correct horse battery';
beforeAll(async () => {
  conn = await createTestDatabase();
  passwordHash = await hashPassword(password);
});
afterAll(() => conn.close());

/** RFC 6238, appendix B: SHA-1, the ASCII key "12345678901234567890", 8 digits. */
describe('RFC 6238 test vectors', () => {
  const key = new TextEncoder().encode('12345678901234567890');
  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ])('at %i s the code is %s', (seconds, expected) => {
    expect(totpCode(key, totpStep(new Date(seconds * 1000)), 8)).toBe(expected);
  });

  it('accepts a 6-digit code one step either side of now, not two', () => {
    const now = new Date(1_700_000_000_000);
    const step = totpStep(now);
    expect(matchTotpStep(key, totpCode(key, step), now)).toBe(step);
    expect(matchTotpStep(key, totpCode(key, step - 1), now)).toBe(step - 1);
    expect(matchTotpStep(key, totpCode(key, step + 1), now)).toBe(step + 1);
    expect(matchTotpStep(key, totpCode(key, step + 2), now)).toBeNull();
    expect(matchTotpStep(key, '000000x', now)).toBeNull();
  });
});

describe('sealed keys', () => {
  it('open only for the row they were sealed for', () => {
    const secret = new Uint8Array([1, 2, 3, 4]);
    const sealed = sealSecret(secret, 'user-a');
    expect(Buffer.from(sealed).includes(Buffer.from(secret))).toBe(false);
    expect(openSecret(sealed, 'user-a')).toEqual(secret);
    expect(openSecret(sealed, 'user-b')).toBeNull();
  });
});

/** The key of a setup, as a person reads it off the page. */
const keyOf = (manualKey: string) => decodeBase32IgnorePadding(manualKey.replace(/\s/g, ''));

async function enrolled(roles: Parameters<typeof makeStaff>[1] = ['reviewer']) {
  const staff = await makeStaff(conn.db, roles, { passwordHash });
  const setup = await startTotpSetup(conn.db, staff.actor, staff.user.email);
  const key = keyOf(setup.manualKey);
  const t0 = new Date();
  const codes = await confirmTotpSetup(conn.db, staff.actor, { code: totpCode(key, totpStep(t0)), now: t0 });
  return { ...staff, key, codes, setup };
}

describe('setting up an authenticator', () => {
  it('shows the key once as an otpauth URI, confirms with a code, gives ten hashed recovery codes', async () => {
    const staff = await makeStaff(conn.db, ['reviewer'], { passwordHash });
    const setup = await startTotpSetup(conn.db, staff.actor, staff.user.email);
    expect(setup.uri).toMatch(/^otpauth:\/\/totp\/Outpost:.*secret=[A-Z2-7]+.*period=30/);
    const key = keyOf(setup.manualKey);
    expect(key).toHaveLength(20);
    // Stored sealed, never as the key itself.
    const [row] = await conn.db.select().from(userMfa).where(eq(userMfa.userId, staff.user.id));
    expect(Buffer.from(row!.sealedKey).includes(Buffer.from(key))).toBe(false);
    expect((await mfaStatus(conn.db, staff.user.id)).pending).toBe(true);

    const wrong = await confirmTotpSetup(conn.db, staff.actor, { code: '000000' }).catch((e) => e);
    expect(wrong.messageKey).toBe('mfa.codeWrong');
    expect((await mfaStatus(conn.db, staff.user.id)).enabled).toBe(false);

    const codes = await confirmTotpSetup(conn.db, staff.actor, { code: totpCode(key, totpStep()) });
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect(codes[0]).toMatch(/^[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}$/);
    const stored = await conn.db
      .select()
      .from(mfaRecoveryCodes)
      .where(eq(mfaRecoveryCodes.userId, staff.user.id));
    expect(stored).toHaveLength(10);
    expect(stored.some((r) => Buffer.from(r.codeHash).toString().includes(codes[0]!))).toBe(false);
    expect(await mfaStatus(conn.db, staff.user.id)).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
    // A second setup over a working one is refused.
    const again = await startTotpSetup(conn.db, staff.actor, staff.user.email).catch((e) => e);
    expect(again.messageKey).toBe('mfa.alreadyEnabled');
  });
});

describe('signing in in two steps', () => {
  it('gives no session after the password, only a single-use challenge; the code completes it', async () => {
    const { user, key } = await enrolled();
    const first = await beginSignIn(conn.db, { email: user.email, password, ip: '10.1.0.1' });
    expect('secondStep' in first).toBe(true);
    if (!('secondStep' in first)) return;
    expect(await conn.db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);

    const wrong = await completeSignIn(conn.db, {
      challengeToken: first.challengeToken,
      code: '123456',
    }).catch((e) => e);
    expect(wrong.messageKey).toBe('mfa.codeWrong');
    // The enrolment used this step's code: the next step's (accepted as clock drift) signs in.
    const next = totpCode(key, totpStep() + 1);
    const done = await completeSignIn(conn.db, { challengeToken: first.challengeToken, code: next });
    expect(done.secondFactor).toBe('totp');
    expect(await validateSessionToken(conn.db, done.token)).not.toBeNull();
    // The challenge is spent.
    expect(await pendingSignIn(conn.db, first.challengeToken)).toBeNull();
    const twice = await completeSignIn(conn.db, { challengeToken: first.challengeToken, code: next }).catch(
      (e) => e,
    );
    expect(twice.messageKey).toBe('mfa.challengeExpired');

    // The same code in a new sign-in is refused: used once, never again.
    const second = await beginSignIn(conn.db, { email: user.email, password, ip: '10.1.0.1' });
    if (!('secondStep' in second)) throw new Error('expected a second step');
    const reused = await completeSignIn(conn.db, { challengeToken: second.challengeToken, code: next }).catch(
      (e) => e,
    );
    expect(reused.messageKey).toBe('mfa.codeUsed');
    const failures = await conn.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'auth.mfa_failed'), eq(auditLog.entityId, user.id)));
    expect(failures.map((f) => (f.data as { kind: string }).kind)).toEqual(['totp', 'totp_reused']);
  });

  it('takes a recovery code once; the second time it is refused as used', async () => {
    const { user, codes } = await enrolled();
    const code = codes[3]!;
    const a = await beginSignIn(conn.db, { email: user.email, password });
    if (!('secondStep' in a)) throw new Error('expected a second step');
    const done = await completeSignIn(conn.db, {
      challengeToken: a.challengeToken,
      code: code.toUpperCase(),
    });
    expect(done.secondFactor).toBe('recovery_code');
    expect((await mfaStatus(conn.db, user.id)).recoveryCodesLeft).toBe(9);
    const b = await beginSignIn(conn.db, { email: user.email, password });
    if (!('secondStep' in b)) throw new Error('expected a second step');
    const again = await completeSignIn(conn.db, { challengeToken: b.challengeToken, code }).catch((e) => e);
    expect(again.messageKey).toBe('mfa.recoveryCodeUsed');
    expect(await pendingSignIn(conn.db, b.challengeToken)).not.toBeNull();
  });

  it('throttles wrong codes like passwords: the sixth within 15 minutes is refused even when right', async () => {
    const { user, key } = await enrolled();
    const a = await beginSignIn(conn.db, { email: user.email, password });
    if (!('secondStep' in a)) throw new Error('expected a second step');
    for (let i = 0; i < 5; i++) {
      const e = await completeSignIn(conn.db, { challengeToken: a.challengeToken, code: '000000' }).catch(
        (x) => x,
      );
      expect(e.messageKey).toBe('mfa.codeWrong');
    }
    const locked = await completeSignIn(conn.db, {
      challengeToken: a.challengeToken,
      code: totpCode(key, totpStep() + 1),
    }).catch((e) => e);
    expect(locked.code).toBe('too_many_requests');
    expect(locked.messageKey).toBe('mfa.throttled');
  });

  it('the API sign-in asks for the code, then takes it in the same request', async () => {
    const { user, key } = await enrolled();
    const missing = await signIn(conn.db, { email: user.email, password }).catch((e) => e);
    expect(missing.code).toBe('unauthenticated');
    expect(missing.details).toMatchObject({ secondFactor: 'required' });
    const ok = await signIn(conn.db, { email: user.email, password, code: totpCode(key, totpStep() + 1) });
    expect(await validateSessionToken(conn.db, ok.token)).not.toBeNull();
  });

  it('a person without an authenticator still signs in with the password alone', async () => {
    const staff = await makeStaff(conn.db, ['reviewer'], { passwordHash });
    const result = await beginSignIn(conn.db, { email: staff.user.email, password });
    expect('token' in result).toBe(true);
  });
});

describe('replacing recovery codes and turning it off', () => {
  it('needs a current code; a wrong one changes nothing', async () => {
    const { user, actor, key, codes } = await enrolled();
    const wrong = await regenerateRecoveryCodes(conn.db, actor, { code: '000000' }).catch((e) => e);
    expect(wrong.messageKey).toBe('mfa.codeWrong');
    const fresh = await regenerateRecoveryCodes(conn.db, actor, { code: totpCode(key, totpStep() + 1) });
    expect(fresh).toHaveLength(10);
    // The old codes stopped working.
    const old = await disableTotp(conn.db, actor, { code: codes[0]! }).catch((e) => e);
    expect(old.messageKey).toBe('mfa.codeWrong');
    expect((await mfaStatus(conn.db, user.id)).enabled).toBe(true);
    await disableTotp(conn.db, actor, { code: fresh[0]! });
    expect(await mfaStatus(conn.db, user.id)).toMatchObject({
      enabled: false,
      pending: false,
      recoveryCodesLeft: 0,
    });
    const actions = (await conn.db.select().from(auditLog).where(eq(auditLog.entityId, user.id))).map(
      (e) => e.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining([
        'auth.mfa_setup_started',
        'auth.mfa_enabled',
        'auth.mfa_recovery_codes_replaced',
        'auth.mfa_disabled',
      ]),
    );
  });
});

describe('enforcement per role', () => {
  it('requires administrators, committee and risk officers by default; the setting changes it', async () => {
    const admin = await makeStaff(conn.db, ['admin']);
    const reviewer = await makeStaff(conn.db, ['reviewer']);
    const risk = await makeStaff(conn.db, ['risk_officer']);
    expect(await mfaRequirement(conn.db, admin.actor)).toEqual({ required: true, enabled: false });
    expect(await mfaRequirement(conn.db, risk.actor)).toEqual({ required: true, enabled: false });
    expect((await mfaRequirement(conn.db, reviewer.actor)).required).toBe(false);
    await setSetting(conn.db, admin.actor, 'auth.mfa', { requiredRoles: ['reviewer'] });
    expect((await mfaRequirement(conn.db, admin.actor)).required).toBe(false);
    expect((await mfaRequirement(conn.db, reviewer.actor)).required).toBe(true);
    const bad = await setSetting(conn.db, admin.actor, 'auth.mfa', { requiredRoles: ['pilot'] }).catch(
      (e) => e,
    );
    expect(bad.code).toBe('validation_failed');
    const denied = await setSetting(conn.db, reviewer.actor, 'auth.mfa', { requiredRoles: [] }).catch(
      (e) => e,
    );
    expect(denied.code).toBe('forbidden');
    await setSetting(conn.db, admin.actor, 'auth.mfa', {
      requiredRoles: ['admin', 'committee', 'risk_officer'],
    });
    const partner = await makePartner(conn.db, { status: 'active' });
    const member = await makePartnerUser(conn.db, partner.id, 'partner_member');
    expect((await mfaRequirement(conn.db, member.actor)).required).toBe(false);
  });
});

describe('own sessions', () => {
  it('lists only the live sessions of the person, and ends one of theirs, not someone else’s', async () => {
    const me = await makeStaff(conn.db, ['reviewer'], { passwordHash });
    const other = await makeStaff(conn.db, ['reviewer'], { passwordHash });
    const here = await signIn(conn.db, {
      email: me.user.email,
      password,
      ip: '127.0.0.1',
      userAgent:
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36 Edg/131.0',
    });
    const phone = await signIn(conn.db, {
      email: me.user.email,
      password,
      ip: '203.0.113.9',
      userAgent:
        'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Version/18.0 Mobile/15E148 Safari/604.1',
    });
    const theirs = await signIn(conn.db, { email: other.user.email, password });
    const list = await listOwnSessions(conn.db, me.actor, here.session.id);
    expect(list.map((s) => s.id)).toEqual([here.session.id, phone.session.id]);
    expect(list[0]).toMatchObject({
      current: true,
      place: 'local_network',
      device: { browser: 'Edge', os: 'Windows' },
    });
    expect(list[1]).toMatchObject({
      current: false,
      place: 'unknown',
      ip: '203.0.113.9',
      device: { browser: 'Safari', os: 'iOS' },
    });

    const foreign = await endOwnSession(conn.db, me.actor, theirs.session.id).catch((e) => e);
    expect(foreign.code).toBe('not_found');
    expect(await validateSessionToken(conn.db, theirs.token)).not.toBeNull();
    await endOwnSession(conn.db, me.actor, phone.session.id);
    expect(await validateSessionToken(conn.db, phone.token)).toBeNull();
    const [entry] = await conn.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'auth.session_ended'), eq(auditLog.entityId, me.user.id)));
    expect(entry).toBeDefined();
  });

  it('names places and devices without a geo-IP database', () => {
    expect(placeOf('192.168.1.20')).toBe('local_network');
    expect(placeOf('10.2.3.4')).toBe('local_network');
    expect(placeOf('::1')).toBe('local_network');
    expect(placeOf('::ffff:172.20.0.5')).toBe('local_network');
    expect(placeOf('fd12::1')).toBe('local_network');
    expect(placeOf('8.8.8.8')).toBe('unknown');
    expect(placeOf('not an address')).toBe('unknown');
    expect(
      describeUserAgent(
        'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/120 Mobile Safari/537.36 MicroMessenger/8.0',
      ),
    ).toMatchObject({ browser: 'WeChat', os: 'Android' });
    expect(
      describeUserAgent(
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0; rv:131.0) Gecko/20100101 Firefox/131.0',
      ),
    ).toMatchObject({
      browser: 'Firefox',
      os: 'macOS',
    });
    expect(describeUserAgent(null)).toEqual({ browser: null, os: null, raw: null });
  });
});
