import { noticeForStaff, withdrawNotice } from '@outpost/core';
import { formatDateTime, formatDay, translate } from '@outpost/i18n';
import { Alert, EmptyState } from '@outpost/ui';
import Markdown from 'react-markdown';
import { data, Form, useSearchParams } from 'react-router';
import { AppLink } from '../../components/app-link';
import { TableRegion } from '../../components/table-region';
import { NoticeAudience } from '../../components/training/notice-audience';
import { appErrorToForm, orRouteError } from '../../lib/app-error.server';
import { useLocale, useT } from '../../lib/i18n';
import { formatShare } from '../../lib/training/format';
import { requireTrainingStaff } from '../../lib/training/staff-guard.server';
import type { Route } from './+types/training-notice';

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { actor, deps, locale } = requireTrainingStaff(context, request);
  const n = await orRouteError(locale, () => noticeForStaff(deps.db, actor, params.noticeId));
  return {
    id: n.id,
    kind: n.kind,
    titleZh: n.titleZh,
    titleEn: n.titleEn,
    bodyZh: n.bodyZh,
    bodyEn: n.bodyEn,
    target: n.target,
    partnerName: n.partnerName,
    personName: n.personName,
    serviceCategory: n.serviceCategory,
    requiresConfirmation: n.requiresConfirmation,
    confirmBy: formatDay(locale, n.confirmBy),
    published: formatDateTime(locale, n.publishedAt),
    withdrawn: n.withdrawnAt ? formatDateTime(locale, n.withdrawnAt) : null,
    attachments: n.attachments.map((a) => ({ id: a.id, fileName: a.fileName })),
    partners: n.partners,
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { actor, deps, locale } = requireTrainingStaff(context, request);
  try {
    await withdrawNotice(deps.db, actor, params.noticeId);
    return { ok: true, message: translate(locale, 'training-notices.detail.withdrawDone') };
  } catch (raw) {
    const mapped = appErrorToForm(raw, locale);
    if (!mapped) throw raw;
    return data(
      { ok: false, message: mapped.errors.form ?? translate(locale, 'errors.refused') },
      { status: mapped.status },
    );
  }
}

/** One notice for staff: its text in both languages and, per partner reached, who read and confirmed it. */
export default function StaffTrainingNotice({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const [params] = useSearchParams();
  const n = loaderData;
  return (
    <div className="page">
      <title>{`${locale === 'en' ? n.titleEn : n.titleZh} · ${t('app.name')}`}</title>
      <p>
        <AppLink to="/s/training/notices">← {t('training-notices.back')}</AppLink>
      </p>
      <header className="page-header">
        <p className="page-header__eyebrow">
          {t(`training-notices.kind.${n.kind}`)} ·{' '}
          {t('training-notices.detail.published', { date: n.published })}
        </p>
        <h1>{locale === 'en' ? n.titleEn : n.titleZh}</h1>
        <p>
          <NoticeAudience notice={n} />
        </p>
        <p className="muted">
          {n.confirmBy
            ? t('training-notices.detail.confirmBy', { date: n.confirmBy })
            : t('training-notices.noConfirmation')}
        </p>
      </header>
      {params.get('published') && !actionData ? (
        <Alert tone="success">{t('training-notices.detail.publishedDone')}</Alert>
      ) : null}
      {actionData ? <Alert tone={actionData.ok ? 'success' : 'error'}>{actionData.message}</Alert> : null}
      {n.withdrawn ? (
        <Alert tone="info">{t('training-notices.detail.withdrawnOn', { date: n.withdrawn })}</Alert>
      ) : (
        <Form method="post">
          <button type="submit" className="button">
            {t('training-notices.detail.withdraw')}
          </button>
        </Form>
      )}

      <section className="stack" aria-labelledby="notice-reach">
        <h2 id="notice-reach">{t('training-notices.detail.reach')}</h2>
        {n.partners.length === 0 ? (
          <EmptyState title={t('training-notices.detail.noReach')} />
        ) : (
          <TableRegion labelledBy="notice-reach">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('training-notices.col.partner')}</th>
                  <th scope="col">{t('training-notices.col.people')}</th>
                  <th scope="col">{t('training-notices.col.read')}</th>
                  <th scope="col">{t('training-notices.col.confirmed')}</th>
                  <th scope="col">{t('training-notices.col.rate')}</th>
                </tr>
              </thead>
              <tbody>
                {n.partners.map((p) => (
                  <tr key={p.partnerId}>
                    <th scope="row">
                      <AppLink to={`/s/training/partners/${p.partnerId}`}>{p.legalName}</AppLink>
                    </th>
                    <td>{p.people}</td>
                    <td>{p.read}</td>
                    <td>{n.requiresConfirmation ? p.confirmed : '—'}</td>
                    <td>{n.requiresConfirmation ? formatShare(locale, p.share) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )}
      </section>

      <article className="card course-body" lang="zh-CN">
        {/* react-markdown builds React elements and drops raw HTML. */}
        <h2>{n.titleZh}</h2>
        <Markdown skipHtml>{n.bodyZh}</Markdown>
      </article>
      <article className="card course-body" lang="en">
        <h2>{n.titleEn}</h2>
        <Markdown skipHtml>{n.bodyEn}</Markdown>
      </article>
      {n.attachments.length > 0 ? (
        <section aria-labelledby="notice-attachments">
          <h2 id="notice-attachments">{t('training-notices.detail.attachments')}</h2>
          <ul>
            {n.attachments.map((a) => (
              <li key={a.id}>
                <a href={`/s/training/notices/${n.id}/attachments/${a.id}`}>{a.fileName}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
