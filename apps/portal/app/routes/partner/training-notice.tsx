import { confirmNotice, openNotice } from '@outpost/core';
import { formatDateTime, formatDay, todayInChina, translate } from '@outpost/i18n';
import { Alert, Badge } from '@outpost/ui';
import Markdown from 'react-markdown';
import { data, Form, useNavigation } from 'react-router';
import { AppLink } from '../../components/app-link';
import { appErrorToForm, orRouteError } from '../../lib/app-error.server';
import { useT } from '../../lib/i18n';
import { requirePartner } from '../../lib/partner/partner-viewer.server';
import type { Route } from './+types/training-notice';

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { actor, deps, locale } = requirePartner(context, request);
  // Opening the notice is what marks it read (core records the first read only).
  const { notice, confirmedAt } = await orRouteError(locale, () =>
    openNotice(deps.db, actor, params.noticeId),
  );
  const en = locale === 'en';
  const today = todayInChina();
  return {
    id: notice.id,
    kind: notice.kind,
    title: en ? notice.titleEn : notice.titleZh,
    body: en ? notice.bodyEn : notice.bodyZh,
    published: formatDateTime(locale, notice.publishedAt),
    requiresConfirmation: notice.requiresConfirmation,
    confirmBy: formatDay(locale, notice.confirmBy),
    overdue: notice.confirmBy !== null && notice.confirmBy < today && !confirmedAt,
    confirmedOn: confirmedAt ? formatDateTime(locale, confirmedAt) : null,
    attachments: notice.attachments.map((a) => ({ id: a.id, fileName: a.fileName })),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { actor, deps, locale } = requirePartner(context, request);
  try {
    await confirmNotice(deps.db, actor, params.noticeId);
    return { confirmed: true, error: null };
  } catch (raw) {
    const mapped = appErrorToForm(raw, locale);
    if (!mapped) throw raw;
    return data(
      { confirmed: false, error: mapped.errors.form ?? translate(locale, 'errors.refused') },
      { status: mapped.status },
    );
  }
}

/** One notice in the reader's language; when it asks for it, the button to confirm it. */
export default function PartnerTrainingNotice({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const n = loaderData;
  return (
    <div className="page page--medium">
      <title>{`${n.title} · ${t('app.name')}`}</title>
      <p>
        <AppLink to="/p/training/notices">← {t('training-notices.back')}</AppLink>
      </p>
      <header className="page-header">
        <p className="page-header__eyebrow">
          {t(`training-notices.kind.${n.kind}`)} ·{' '}
          {t('training-notices.detail.published', { date: n.published })}
        </p>
        <h1>{n.title}</h1>
      </header>
      <article className="card course-body">
        {/* react-markdown builds React elements and drops raw HTML: staff-written text cannot inject script. */}
        <Markdown skipHtml>{n.body}</Markdown>
        {n.attachments.length > 0 ? (
          <section aria-label={t('training-notices.detail.attachments')}>
            <h2>{t('training-notices.detail.attachments')}</h2>
            <ul>
              {n.attachments.map((a) => (
                <li key={a.id}>
                  <a href={`/p/training/notices/${n.id}/attachments/${a.id}`}>{a.fileName}</a>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </article>
      {actionData?.error ? <Alert tone="error">{actionData.error}</Alert> : null}
      {/* The success alert is a status region itself, so the confirmation is announced. */}
      {actionData?.confirmed ? (
        <Alert tone="success">{t('training-notices.partner.confirmDone')}</Alert>
      ) : null}
      {n.confirmedOn ? (
        <p>
          <Badge tone="positive">
            ✓ {t('training-notices.partner.confirmedOn', { date: n.confirmedOn })}
          </Badge>
        </p>
      ) : n.requiresConfirmation ? (
        <Form method="post" className="card stack">
          <p>
            {n.overdue ? (
              <Badge tone="negative">
                {t('training-notices.partner.overdue', { date: n.confirmBy ?? '' })}
              </Badge>
            ) : (
              t('training-notices.partner.confirmBy', { date: n.confirmBy ?? '' })
            )}
          </p>
          <p>
            <button
              type="submit"
              className="button button--primary"
              disabled={navigation.state === 'submitting'}
            >
              {t('training-notices.partner.confirm')}
            </button>
          </p>
        </Form>
      ) : null}
    </div>
  );
}
