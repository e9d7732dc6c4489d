import { type Database, invitations, partnerMemberships, partners, users } from '@outpost/db';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { parseCreditCode } from '../credit-code.ts';
import { AppError } from '../errors.ts';
import { queueEmail } from '../notifications.ts';
import { createPartnerInput } from '../partners.ts';
import { assertCan } from '../permissions.ts';
import { assertPartnerActive } from '../partner-status.ts';
import { hashSecret, randomToken, secretMatches } from '../secrets.ts';
import { parse } from '../validation.ts';
import { actorUserId, assertNotBlacklisted } from './blacklist.ts';
import { emailAddress, personName } from '../fields.ts';

export const INVITATION_TTL_DAYS = 7;

export interface IssuedInvitation {
  invitationId: string;
  /** Relative accept path carrying the secret; shown once (e-mailed, or handed to the inviter). */
  acceptPath: string;
  expiresAt: Date;
}

async function issueInvitation(
  tx: Database,
  actor: Actor,
  input: {
    partnerId: string;
    partnerName: string;
    email: string;
    role: 'partner_admin' | 'partner_member';
    locale?: 'zh-CN' | 'en';
  },
): Promise<IssuedInvitation> {
  const id = randomToken();
  const secret = randomToken(20);
  const expiresAt = new Date(Date.now() + INVITATION_TTL_DAYS * 24 * 3600 * 1000);
  await tx.insert(invitations).values({
    id,
    secretHash: hashSecret(secret),
    partnerId: input.partnerId,
    email: input.email,
    role: input.role,
    invitedBy: actorUserId(actor),
    expiresAt,
  });
  const acceptPath = `/invitations/${id}.${secret}`;
  await queueEmail(tx, {
    to: input.email,
    subject: 'email.invitation.subject',
    body: 'email.invitation.body',
    params: { partner: input.partnerName, days: INVITATION_TTL_DAYS },
    link: acceptPath,
    locale: input.locale,
  });
  await audit(tx, actor, {
    action: 'invitation.issued',
    entityType: 'invitation',
    entityId: id,
    partnerId: input.partnerId,
    data: { email: input.email, role: input.role, expiresAt: expiresAt.toISOString() },
  });
  return { invitationId: id, acceptPath, expiresAt };
}

export const invitePartnerInput = createPartnerInput.extend({
  contactEmail: emailAddress('Enter a valid e-mail address for the partner’s administrator.'),
});

/**
 * Staff invite a partner organisation: the partner is registered as "invited" and its
 * administrator receives a single-use link that expires. Blacklisted codes are refused.
 */
export async function invitePartner(db: Database, actor: Actor, raw: z.input<typeof invitePartnerInput>) {
  assertCan(actor, 'invite:partner');
  const input = parse(invitePartnerInput, raw);
  const creditCode = parseCreditCode(input.creditCode);
  await assertNotBlacklisted(db, actor, creditCode);
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: partners.id })
      .from(partners)
      .where(eq(partners.creditCode, creditCode));
    if (existing) {
      throw new AppError('conflict', 'A partner with this unified social credit code already exists.', {
        messageKey: 'errors.credit_code.duplicate',
        details: { field: 'creditCode', partnerId: existing.id },
      });
    }
    const email = input.contactEmail.trim().toLowerCase();
    const [partner] = await tx
      .insert(partners)
      .values({ ...input, contactEmail: email, creditCode, status: 'invited' })
      .returning();
    await audit(tx, actor, {
      action: 'partner.invited',
      entityType: 'partner',
      entityId: partner!.id,
      partnerId: partner!.id,
      data: {
        legalName: partner!.legalName,
        creditCode,
        serviceCategories: partner!.serviceCategories,
        contactEmail: email,
      },
    });
    const invitation = await issueInvitation(tx, actor, {
      partnerId: partner!.id,
      partnerName: partner!.legalName,
      email,
      role: 'partner_admin',
    });
    return { partner: partner!, invitation };
  });
}

export const inviteColleagueInput = z.object({
  email: emailAddress(),
  role: z.enum(['partner_admin', 'partner_member']).default('partner_member'),
});

/** A partner administrator invites a colleague into their own organisation. */
export async function inviteColleague(db: Database, actor: Actor, raw: z.input<typeof inviteColleagueInput>) {
  assertCan(actor, 'manage:partner-users:own');
  await assertPartnerActive(db, actor);
  if (actor.type !== 'partner')
    throw new AppError('forbidden', 'Only partner administrators invite colleagues.');
  const input = parse(inviteColleagueInput, raw);
  const email = input.email.trim().toLowerCase();
  return db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.email}) = ${email}`);
    if (taken) {
      throw new AppError('conflict', 'Someone with this e-mail already has an account.', {
        messageKey: 'errors.email_taken',
        details: { field: 'email' },
      });
    }
    const [partner] = await tx.select().from(partners).where(eq(partners.id, actor.partnerId));
    return issueInvitation(tx, actor, {
      partnerId: actor.partnerId,
      partnerName: partner!.legalName,
      email,
      role: input.role,
    });
  });
}

/** Looks up an invitation by its link token; every kind of bad token gets the same neutral error. */
async function findUsableInvitation(db: Database, token: string, forUpdate: boolean) {
  const [id, secret, extra] = token.split('.');
  if (!id || !secret || extra !== undefined || token.length > 200) throw invalidInvitation();
  const query = db.select().from(invitations).where(eq(invitations.id, id));
  const [invitation] = forUpdate ? await query.for('update') : await query;
  if (!invitation || !secretMatches(secret, new Uint8Array(invitation.secretHash))) throw invalidInvitation();
  if (invitation.acceptedAt || invitation.revokedAt) {
    throw new AppError('gone', 'This invitation has already been used.', {
      messageKey: 'errors.invitation_used',
    });
  }
  if (invitation.expiresAt.getTime() <= Date.now()) {
    throw new AppError('gone', 'This invitation has expired; ask for a new one.', {
      messageKey: 'errors.invitation_expired',
    });
  }
  return invitation;
}

const invalidInvitation = () =>
  new AppError('not_found', 'This invitation link is not valid.', {
    messageKey: 'errors.invitation_invalid',
  });

export async function previewInvitation(db: Database, token: string) {
  const invitation = await findUsableInvitation(db, token, false);
  const [partner] = await db.select().from(partners).where(eq(partners.id, invitation.partnerId));
  return {
    email: invitation.email,
    role: invitation.role,
    partnerName: partner!.legalName,
    expiresAt: invitation.expiresAt,
  };
}

export const acceptInvitationInput = z.object({
  displayName: personName('Enter your name.'),
  // Bounded only against abuse: the password rules (and their messages) are passwordProblem's.
  password: z.string().max(10_000),
});

/**
 * Accepts an invitation: creates the user and their membership, and burns the link —
 * atomically, so two clicks on the same link create one account.
 */
export async function acceptInvitation(
  db: Database,
  token: string,
  raw: z.input<typeof acceptInvitationInput>,
  passwords: {
    hash(password: string): Promise<string>;
    problem(password: string): { key: string; message: string } | null;
  },
): Promise<{ userId: string; partnerId: string }> {
  const input = parse(acceptInvitationInput, raw);
  const problem = passwords.problem(input.password);
  if (problem) {
    throw new AppError('validation_failed', problem.message, {
      messageKey: problem.key,
      details: { fields: [{ path: 'password', message: problem.message }] },
    });
  }
  await findUsableInvitation(db, token, false); // fail fast before the slow hash
  const passwordHash = await passwords.hash(input.password);
  return db.transaction(async (tx) => {
    const invitation = await findUsableInvitation(tx, token, true);
    const [partner] = await tx.select().from(partners).where(eq(partners.id, invitation.partnerId));
    await assertNotBlacklisted(tx, null, partner!.creditCode);
    if (partner!.status === 'suspended' || partner!.status === 'terminated') {
      throw new AppError('conflict', 'This registration cannot be completed. Please contact the insurer.', {
        messageKey: 'errors.blacklisted_neutral',
      });
    }
    const [taken] = await tx
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.email}) = ${invitation.email}`);
    if (taken) {
      throw new AppError('conflict', 'Someone with this e-mail already has an account; sign in instead.', {
        messageKey: 'errors.email_taken',
      });
    }
    const [user] = await tx
      .insert(users)
      .values({ kind: 'partner', email: invitation.email, displayName: input.displayName, passwordHash })
      .returning();
    await tx
      .insert(partnerMemberships)
      .values({ userId: user!.id, partnerId: partner!.id, role: invitation.role });
    await tx
      .update(invitations)
      .set({ acceptedAt: new Date(), acceptedUserId: user!.id })
      .where(eq(invitations.id, invitation.id));
    await audit(
      tx,
      { type: 'user', userId: user!.id },
      {
        action: 'invitation.accepted',
        entityType: 'invitation',
        entityId: invitation.id,
        partnerId: partner!.id,
        data: { email: invitation.email, role: invitation.role },
      },
    );
    return { userId: user!.id, partnerId: partner!.id };
  });
}
