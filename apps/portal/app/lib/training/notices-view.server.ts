import { type Actor, asAppError, listMyNotices, partnerNoticeConfirmation } from '@outpost/core';
import type { Database } from '@outpost/db';
import { formatDateTime, formatDay, type Locale } from '@outpost/i18n';

/**
 * The partner's notice list: the signed-in person's notices (unread first, as core orders them)
 * and, for a partner administrator, their people's confirmation figures. Someone not on the
 * roster has no notices (`onRoster: false`), but an administrator still sees the figures.
 */
export async function loadPartnerNotices(db: Database, actor: Actor & { type: 'partner' }, locale: Locale) {
  const en = locale === 'en';
  let onRoster = true;
  let notices: Awaited<ReturnType<typeof listMyNotices>> = [];
  try {
    notices = await listMyNotices(db, actor);
  } catch (raw) {
    if (asAppError(raw)?.messageKey !== 'errors.training.not_on_roster') throw raw;
    onRoster = false;
  }
  const rates =
    actor.role === 'partner_admin' ? await partnerNoticeConfirmation(db, actor, actor.partnerId) : null;
  return {
    onRoster,
    notices: notices.map((n) => ({
      id: n.id,
      kind: n.kind,
      title: en ? n.titleEn : n.titleZh,
      published: formatDateTime(locale, n.publishedAt),
      unread: n.unread,
      requiresConfirmation: n.requiresConfirmation,
      confirmBy: formatDay(locale, n.confirmBy),
      confirmedOn: n.confirmedAt ? formatDateTime(locale, n.confirmedAt) : null,
      overdue: n.overdue,
    })),
    rates: rates
      ? {
          summary: rates.summary,
          notices: rates.notices.map((n) => ({
            id: n.noticeId,
            title: en ? n.titleEn : n.titleZh,
            confirmBy: formatDay(locale, n.confirmBy),
            owed: n.owed,
            confirmed: n.confirmed,
            share: n.share,
          })),
        }
      : null,
  };
}
