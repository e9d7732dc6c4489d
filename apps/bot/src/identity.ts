import {
  type AppError,
  isAppError,
  linkSlackUser,
  type Person,
  personById,
  personBySlackUser,
  userByEmail,
} from '@outpost/core';
import { isLocale, type Locale } from '@outpost/i18n';
import type { ListenerDeps } from './deps.ts';
import { hasUserDirectory, type SlackUserProfile } from './gateway.ts';
import { slackLog } from './log.ts';

export type Identity =
  | { linked: true; person: Person; locale: Locale; justLinked: boolean }
  /**
   * locale: what the person reads, or null when unknown (reply in both languages).
   * refusal: the domain refused the automatic link (e.g. auditors may not link).
   * pendingConfirmation: the e-mail's staff member is linked to another Slack user; a
   * request to move the link waits for their confirmation in the portal.
   */
  | { linked: false; locale: Locale | null; refusal?: AppError; pendingConfirmation?: boolean };

/**
 * The Outpost staff person behind a Slack user. An unlinked Slack user whose Slack
 * e-mail belongs to an active staff user is linked on the spot (as that person, so
 * the audit log shows who): most staff never need to visit the account page.
 */
export async function identify(
  deps: ListenerDeps,
  slackUserId: string,
  slackTeamId: string | null,
): Promise<Identity> {
  const known = await personBySlackUser(deps.db, slackUserId);
  if (known) return { linked: true, person: known, locale: known.user.locale, justLinked: false };

  const profile = await slackProfile(deps, slackUserId);
  const locale = slackLocale(profile?.locale ?? null);
  if (!profile?.linkable || !profile.email) return { linked: false, locale };
  // The request's workspace was checked at the door; the profile must be of that workspace too.
  if (slackTeamId && profile.teamId && profile.teamId !== slackTeamId) return { linked: false, locale };

  const user = await userByEmail(deps.db, profile.email);
  if (user?.kind !== 'staff') return { linked: false, locale };
  const person = await personById(deps.db, user.id, 'slack');
  if (!person) return { linked: false, locale }; // disabled
  try {
    const outcome = await linkSlackUser(deps.db, person.actor, {
      userId: user.id,
      slackUserId,
      slackTeamId: profile.teamId ?? slackTeamId,
      via: 'email',
    });
    if (outcome === 'pending')
      return { linked: false, locale: person.user.locale, pendingConfirmation: true };
  } catch (error) {
    if (isAppError(error)) return { linked: false, locale: person.user.locale, refusal: error };
    throw error;
  }
  return { linked: true, person, locale: person.user.locale, justLinked: true };
}

async function slackProfile(deps: ListenerDeps, slackUserId: string): Promise<SlackUserProfile | null> {
  if (!hasUserDirectory(deps.slack)) return null;
  try {
    return await deps.slack.userProfile(slackUserId);
  } catch (error) {
    // Slack being unreachable only costs the automatic link; the person still gets an answer.
    slackLog.warn({ slackUserId, error: (error as Error).message }, 'Slack users.info failed');
    return null;
  }
}

/** Slack says "zh-CN", "zh-TW", "en-US", "en-GB", …; Outpost speaks zh-CN and en. */
export function slackLocale(value: string | null): Locale | null {
  if (!value) return null;
  if (isLocale(value)) return value;
  const language = value.toLowerCase().split(/[-_]/)[0];
  if (language === 'zh') return 'zh-CN';
  if (language === 'en') return 'en';
  return null;
}
