import {
  can,
  changePartnerMemberRole,
  deactivatePartnerMember,
  inviteColleague,
  reactivatePartnerMember,
} from '@outpost/core';
import { type Database, invitations, partnerMemberships, users } from '@outpost/db';
import { formatDateTime, type Locale, translate } from '@outpost/i18n';
import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import { formText } from '../app-error.server';
import type { FormErrors } from '../form-errors';
import { domainErrorToForm } from './form-errors.server';
import type { PartnerActor } from './partner-viewer.server';

/** Enough to list a team; an organisation's people fit on one page. */
const TEAM_LIMIT = 500;

/**
 * The people of the actor's own organisation and its invitations still waiting to
 * be accepted. Core has no read for this yet; it is a plain read scoped by the
 * actor's partner id (never a partner id from the request), so it cannot reach
 * another organisation.
 */
export async function loadTeam(db: Database, actor: PartnerActor, locale: Locale) {
  const members = await db
    .select({
      id: users.id,
      displayName: users.displayName,
      email: users.email,
      status: users.status,
      lastSignedInAt: users.lastSignedInAt,
      role: partnerMemberships.role,
      since: partnerMemberships.createdAt,
    })
    .from(partnerMemberships)
    .innerJoin(users, eq(users.id, partnerMemberships.userId))
    .where(eq(partnerMemberships.partnerId, actor.partnerId))
    .orderBy(asc(partnerMemberships.createdAt))
    .limit(TEAM_LIMIT);
  const isAdmin = can(actor, 'manage:partner-users:own');
  // Who has been invited is the administrators' business (the e-mail addresses of people not yet in).
  const pending = isAdmin
    ? await db
        .select({
          id: invitations.id,
          email: invitations.email,
          role: invitations.role,
          expiresAt: invitations.expiresAt,
        })
        .from(invitations)
        .where(
          and(
            eq(invitations.partnerId, actor.partnerId),
            isNull(invitations.acceptedAt),
            isNull(invitations.revokedAt),
            gt(invitations.expiresAt, new Date()),
          ),
        )
        .orderBy(asc(invitations.createdAt))
        .limit(TEAM_LIMIT)
    : [];
  return {
    canInvite: isAdmin,
    members: members.map((m) => ({
      id: m.id,
      displayName: m.displayName,
      email: m.email,
      role: m.role,
      active: m.status === 'active',
      isYou: m.id === actor.userId,
      sinceAt: m.since.toISOString(),
      since: formatDateTime(locale, m.since),
      lastSignedInAt: m.lastSignedInAt?.toISOString() ?? null,
      lastSignedIn: m.lastSignedInAt ? formatDateTime(locale, m.lastSignedInAt) : null,
    })),
    pending: pending.map((p) => ({
      id: p.id,
      email: p.email,
      role: p.role,
      expiresAt: p.expiresAt.toISOString(),
      expires: formatDateTime(locale, p.expiresAt),
    })),
  };
}

export type InviteResult =
  | { ok: true; email: string; link: string | null; expires: string }
  | { ok: false; status: number; errors: FormErrors; email: string };

/**
 * Invites a colleague. Without SMTP the link is returned for the administrator to
 * pass on; with SMTP core has queued the e-mail and the link is not shown.
 */
export async function inviteColleagueAction(
  db: Database,
  actor: PartnerActor,
  form: FormData,
  locale: Locale,
  options: { mailEnabled: boolean; publicUrl: string },
): Promise<InviteResult> {
  const email = formText(form, 'email').trim();
  const role = formText(form, 'role') === 'partner_admin' ? 'partner_admin' : 'partner_member';
  if (!email) {
    return {
      ok: false,
      status: 400,
      errors: { fields: { email: translate(locale, 'partner-portal.team.emailRequired') } },
      email,
    };
  }
  try {
    const issued = await inviteColleague(db, actor, { email, role });
    return {
      ok: true,
      email: email.toLowerCase(),
      link: options.mailEnabled ? null : `${options.publicUrl}${issued.acceptPath}`,
      expires: formatDateTime(locale, issued.expiresAt),
    };
  } catch (error) {
    const mapped = domainErrorToForm(error, locale, {
      email: translate(locale, 'partner-portal.team.emailRequired'),
    });
    if (!mapped) throw error;
    return { ok: false, status: mapped.status, errors: mapped.errors, email };
  }
}

export type MemberResult =
  | { ok: true; intent: string; notice: string; target: string }
  | { ok: false; intent: string; status: number; errors: FormErrors; target: string };

/**
 * A partner administrator changes a colleague's role, deactivates or reactivates them
 * (decision record 042). Core scopes every change to the actor's own organisation.
 */
export async function memberAction(
  db: Database,
  actor: PartnerActor,
  form: FormData,
  locale: Locale,
): Promise<MemberResult> {
  const intent = formText(form, 'intent');
  const userId = formText(form, 'userId');
  const name = formText(form, 'name');
  try {
    if (intent === 'role') {
      const role = formText(form, 'role') === 'partner_admin' ? 'partner_admin' : 'partner_member';
      await changePartnerMemberRole(db, actor, { userId, role });
      return {
        ok: true,
        intent,
        target: userId,
        notice: translate(locale, 'partner-portal.team.roleChanged', {
          name,
          role: translate(locale, `role.${role}`),
        }),
      };
    }
    if (intent === 'deactivate') {
      const result = await deactivatePartnerMember(db, actor, { userId });
      return {
        ok: true,
        intent,
        target: userId,
        notice: translate(locale, 'partner-portal.team.deactivated', { name, count: result.sessionsEnded }),
      };
    }
    await reactivatePartnerMember(db, actor, { userId });
    return {
      ok: true,
      intent,
      target: userId,
      notice: translate(locale, 'partner-portal.team.reactivated', { name }),
    };
  } catch (error) {
    const mapped = domainErrorToForm(error, locale, {});
    if (!mapped) throw error;
    return { ok: false, intent, target: userId, status: mapped.status, errors: mapped.errors };
  }
}
