import { can, inviteColleague } from '@outpost/core';
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
