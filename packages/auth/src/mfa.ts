import { type Actor, AppError, audit, getSetting, type StaffRole } from '@outpost/core';
import { type Database, mfaRecoveryCodes, userMfa } from '@outpost/db';
import { and, count, eq, isNotNull, isNull, lt, or } from 'drizzle-orm';
import {
  formatRecoveryCode,
  isRecoveryCodeShape,
  isTotpCodeShape,
  newRecoveryCodes,
  normalizeCode,
} from './recovery-codes.ts';
import { openSecret, sealSecret } from './sealed-secret.ts';
import { clearFailures, type CounterPolicy, countAttempt } from './throttle.ts';
import { hashSecret } from './tokens.ts';
import { manualKey, matchTotpStep, newTotpKey, totpUri } from './totp.ts';

/**
 * Two-step sign-in with an authenticator app (decision record 043): setting it up (a key shown
 * once as a QR code and as text, confirmed with a first code), ten one-time recovery codes,
 * replacing them, turning it off, and checking a second factor. Every check is counted like a
 * password (throttle.ts) before it runs; an accepted TOTP code moves the person's last used step
 * forward in one statement, so the same code — or an older one — is never accepted again.
 */
export const mfaThrottlePolicy: CounterPolicy = {
  maxFailures: 5,
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
};
export const MFA_ISSUER = 'Outpost';

export type SecondFactorMethod = 'totp' | 'recovery_code';

type Person = Extract<Actor, { type: 'staff' | 'partner' }>;

function person(actor: Actor): Person {
  if (actor.type !== 'staff' && actor.type !== 'partner') {
    throw new AppError('forbidden', 'Only people sign in with an authenticator.', {
      messageKey: 'errors.forbidden',
    });
  }
  return actor;
}

export interface MfaStatus {
  enabled: boolean;
  enabledAt: Date | null;
  /** Setup was started and waits for its first code. */
  pending: boolean;
  recoveryCodesLeft: number;
}

export async function mfaStatus(db: Database, userId: string): Promise<MfaStatus> {
  const [row] = await db.select().from(userMfa).where(eq(userMfa.userId, userId));
  const [left] = row?.confirmedAt
    ? await db
        .select({ n: count() })
        .from(mfaRecoveryCodes)
        .where(and(eq(mfaRecoveryCodes.userId, userId), isNull(mfaRecoveryCodes.usedAt)))
    : [{ n: 0 }];
  return {
    enabled: Boolean(row?.confirmedAt),
    enabledAt: row?.confirmedAt ?? null,
    pending: Boolean(row && !row.confirmedAt),
    recoveryCodesLeft: Number(left?.n ?? 0),
  };
}

export async function hasMfa(db: Database, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: userMfa.userId })
    .from(userMfa)
    .where(and(eq(userMfa.userId, userId), isNotNull(userMfa.confirmedAt)));
  return Boolean(row);
}

/** Whether this staff member's roles require an authenticator (the `auth.mfa` setting) and whether they have one. */
export async function mfaRequirement(
  db: Database,
  actor: Actor,
): Promise<{ required: boolean; enabled: boolean }> {
  if (actor.type !== 'staff') return { required: false, enabled: false };
  const { requiredRoles } = await getSetting(db, 'auth.mfa');
  const required = actor.roles.some((role) => (requiredRoles as readonly StaffRole[]).includes(role));
  return { required, enabled: required ? await hasMfa(db, actor.userId) : false };
}

export interface TotpSetup {
  /** otpauth:// URI for the QR code. */
  uri: string;
  /** The key in base32, grouped, for typing into an app. */
  manualKey: string;
}

const setupOf = (key: Uint8Array, account: string): TotpSetup => ({
  uri: totpUri(MFA_ISSUER, account, key),
  manualKey: manualKey(key),
});

/** Starts (or starts over) setting up an authenticator: a new key, waiting for its first code. */
export async function startTotpSetup(db: Database, actor: Actor, account: string): Promise<TotpSetup> {
  const { userId } = person(actor);
  const key = newTotpKey();
  await db.transaction(async (tx) => {
    const [existing] = await tx.select().from(userMfa).where(eq(userMfa.userId, userId)).for('update');
    if (existing?.confirmedAt) throw alreadyEnabled();
    const sealedKey = sealSecret(key, userId);
    await tx
      .insert(userMfa)
      .values({ userId, sealedKey })
      .onConflictDoUpdate({
        target: userMfa.userId,
        set: { sealedKey, lastUsedStep: null, createdAt: new Date() },
      });
    await audit(tx, actor, { action: 'auth.mfa_setup_started', entityType: 'user', entityId: userId });
  });
  return setupOf(key, account);
}

/** The setup waiting for its first code (to show it again), or null. */
export async function pendingTotpSetup(
  db: Database,
  userId: string,
  account: string,
): Promise<TotpSetup | null> {
  const [row] = await db
    .select()
    .from(userMfa)
    .where(and(eq(userMfa.userId, userId), isNull(userMfa.confirmedAt)));
  const key = row ? openSecret(row.sealedKey, userId) : null;
  return key ? setupOf(key, account) : null;
}

/** Confirms setup with the first code from the app; answers the ten recovery codes, shown this once. */
export async function confirmTotpSetup(
  db: Database,
  actor: Actor,
  input: { code: string; now?: Date },
): Promise<string[]> {
  const { userId } = person(actor);
  const code = normalizeCode(input.code);
  if (!isTotpCodeShape(code)) throw wrongCode('The code has 6 digits, from the authenticator app.');
  await counted(db, userId);
  const [row] = await db.select().from(userMfa).where(eq(userMfa.userId, userId));
  if (!row) throw noSetup();
  if (row.confirmedAt) throw alreadyEnabled();
  const key = openSecret(row.sealedKey, userId);
  const step = key ? matchTotpStep(key, code, input.now) : null;
  if (step === null) {
    await recordFailure(db, actor, userId, 'setup');
    throw wrongCode();
  }
  const codes = newRecoveryCodes();
  await db.transaction(async (tx) => {
    const [confirmed] = await tx
      .update(userMfa)
      .set({ confirmedAt: new Date(), lastUsedStep: step })
      .where(and(eq(userMfa.userId, userId), isNull(userMfa.confirmedAt)))
      .returning({ userId: userMfa.userId });
    if (!confirmed) throw alreadyEnabled();
    await replaceRecoveryCodes(tx, userId, codes);
    await audit(tx, actor, { action: 'auth.mfa_enabled', entityType: 'user', entityId: userId });
  });
  await clearFailures(db, throttleKey(userId));
  return codes.map(formatRecoveryCode);
}

/** New recovery codes (the old ones stop working), after a current code. */
export async function regenerateRecoveryCodes(
  db: Database,
  actor: Actor,
  input: { code: string; now?: Date },
): Promise<string[]> {
  const { userId } = person(actor);
  const method = await verifySecondFactor(db, userId, input.code, { actor, now: input.now });
  const codes = newRecoveryCodes();
  await db.transaction(async (tx) => {
    await replaceRecoveryCodes(tx, userId, codes);
    await audit(tx, actor, {
      action: 'auth.mfa_recovery_codes_replaced',
      entityType: 'user',
      entityId: userId,
      data: { confirmedWith: method },
    });
  });
  return codes.map(formatRecoveryCode);
}

/** Turns the authenticator off (key and recovery codes deleted), after a current code. */
export async function disableTotp(
  db: Database,
  actor: Actor,
  input: { code: string; now?: Date },
): Promise<void> {
  const { userId } = person(actor);
  const method = await verifySecondFactor(db, userId, input.code, { actor, now: input.now });
  await db.transaction(async (tx) => {
    await tx.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, userId));
    await tx.delete(userMfa).where(eq(userMfa.userId, userId));
    await audit(tx, actor, {
      action: 'auth.mfa_disabled',
      entityType: 'user',
      entityId: userId,
      data: { confirmedWith: method },
    });
  });
}

/**
 * Checks a TOTP code or a recovery code of a person who has an authenticator, spending it:
 * the TOTP step moves forward, the recovery code is marked used — each by one conditional
 * statement, so two requests with the same code cannot both pass. Throws a 422 saying what was
 * wrong (wrong, already used) or a 429 when too many codes were tried.
 */
export async function verifySecondFactor(
  db: Database,
  userId: string,
  input: string,
  options: { actor?: Actor; now?: Date } = {},
): Promise<SecondFactorMethod> {
  const actor = options.actor ?? { type: 'user', userId };
  const code = normalizeCode(input);
  if (!isTotpCodeShape(code) && !isRecoveryCodeShape(code)) {
    throw wrongCode('Enter the 6-digit code from the authenticator app, or one of the recovery codes.');
  }
  await counted(db, userId);
  const [row] = await db
    .select()
    .from(userMfa)
    .where(and(eq(userMfa.userId, userId), isNotNull(userMfa.confirmedAt)));
  if (!row) throw noSetup();

  if (isTotpCodeShape(code)) {
    const key = openSecret(row.sealedKey, userId);
    const step = key ? matchTotpStep(key, code, options.now) : null;
    if (step === null) {
      await recordFailure(db, actor, userId, 'totp');
      throw wrongCode();
    }
    const [moved] = await db
      .update(userMfa)
      .set({ lastUsedStep: step })
      .where(
        and(eq(userMfa.userId, userId), or(isNull(userMfa.lastUsedStep), lt(userMfa.lastUsedStep, step))),
      )
      .returning({ userId: userMfa.userId });
    if (!moved) {
      await recordFailure(db, actor, userId, 'totp_reused');
      throw new AppError(
        'validation_failed',
        'This code was already used. Wait for the next code in the app.',
        {
          messageKey: 'mfa.codeUsed',
          details: { field: 'code' },
        },
      );
    }
    await clearFailures(db, throttleKey(userId));
    return 'totp';
  }

  const hash = hashSecret(code);
  const spent = await db.transaction(async (tx) => {
    const [used] = await tx
      .update(mfaRecoveryCodes)
      .set({ usedAt: new Date() })
      .where(
        and(
          eq(mfaRecoveryCodes.userId, userId),
          eq(mfaRecoveryCodes.codeHash, hash),
          isNull(mfaRecoveryCodes.usedAt),
        ),
      )
      .returning({ id: mfaRecoveryCodes.id });
    if (used) {
      await audit(tx, actor, {
        action: 'auth.mfa_recovery_code_used',
        entityType: 'user',
        entityId: userId,
        data: { recoveryCodeId: used.id },
      });
    }
    return Boolean(used);
  });
  if (!spent) {
    const [before] = await db
      .select({ id: mfaRecoveryCodes.id })
      .from(mfaRecoveryCodes)
      .where(and(eq(mfaRecoveryCodes.userId, userId), eq(mfaRecoveryCodes.codeHash, hash)));
    await recordFailure(db, actor, userId, before ? 'recovery_code_reused' : 'recovery_code');
    throw before
      ? new AppError('validation_failed', 'This recovery code was already used; each works once.', {
          messageKey: 'mfa.recoveryCodeUsed',
          details: { field: 'code' },
        })
      : wrongCode();
  }
  await clearFailures(db, throttleKey(userId));
  return 'recovery_code';
}

async function replaceRecoveryCodes(tx: Database, userId: string, codes: string[]) {
  await tx.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, userId));
  await tx.insert(mfaRecoveryCodes).values(codes.map((code) => ({ userId, codeHash: hashSecret(code) })));
}

const throttleKey = (userId: string) => `mfa:${userId}`;

async function counted(db: Database, userId: string) {
  const waitMs = await countAttempt(db, throttleKey(userId), mfaThrottlePolicy);
  if (waitMs > 0) {
    const minutes = Math.ceil(waitMs / 60_000);
    throw new AppError('too_many_requests', `Too many wrong codes. Try again in ${minutes} minutes.`, {
      messageKey: 'mfa.throttled',
      details: { retryAfterSeconds: Math.ceil(waitMs / 1000), minutes },
    });
  }
}

async function recordFailure(db: Database, actor: Actor, userId: string, kind: string) {
  await db.transaction((tx) =>
    audit(tx, actor, { action: 'auth.mfa_failed', entityType: 'user', entityId: userId, data: { kind } }),
  );
}

const wrongCode = (
  message = 'The code is not correct. Check the time on your phone and try the current code.',
) => new AppError('validation_failed', message, { messageKey: 'mfa.codeWrong', details: { field: 'code' } });

const alreadyEnabled = () =>
  new AppError(
    'conflict',
    'Two-step sign-in is already on. Turn it off first to set up a new authenticator.',
    {
      messageKey: 'mfa.alreadyEnabled',
    },
  );

const noSetup = () =>
  new AppError('conflict', 'Two-step sign-in is not set up for this account.', {
    messageKey: 'mfa.notSetUp',
  });
