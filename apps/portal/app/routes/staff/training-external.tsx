import { asAppError, decideExternalCertificate, externalCertificateQueue } from '@outpost/core';
import { formatDay, translate } from '@outpost/i18n';
import { Alert, EmptyState } from '@outpost/ui';
import { data, Form, useSearchParams } from 'react-router';
import { AppLink } from '../../components/app-link';
import { PageLinks } from '../../components/page-links';
import { InputField } from '../../components/staff/fields';
import { appErrorToForm, formText, orRouteError } from '../../lib/app-error.server';
import { useT } from '../../lib/i18n';
import { pageCount, pageParam } from '../../lib/search-params';
import { requireTrainingStaff } from '../../lib/training/staff-guard.server';
import type { FormErrors } from '../../lib/form-errors';
import type { Route } from './+types/training-external';

const statuses = ['submitted', 'accepted', 'rejected'] as const;

export async function loader({ context, request }: Route.LoaderArgs) {
  const { actor, deps, locale } = requireTrainingStaff(context, request);
  const params = new URL(request.url).searchParams;
  const status = statuses.find((s) => s === params.get('status')) ?? 'submitted';
  const queue = await orRouteError(locale, () =>
    externalCertificateQueue(deps.db, actor, { status, page: pageParam(params) }),
  );
  return {
    status,
    page: queue.page,
    pages: pageCount(queue.total, queue.pageSize),
    certificates: queue.certificates.map((c) => ({
      id: c.id,
      partnerName: c.partnerName,
      personName: c.personName,
      title: c.title,
      provider: c.provider,
      date: formatDay(locale, c.completedOn) ?? c.completedOn,
      hours: String(c.minutes / 60),
      category: c.category,
      fileName: c.fileName,
      status: c.status,
      rejectReason: c.rejectReason,
    })),
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const { actor, deps, locale } = requireTrainingStaff(context, request);
  const form = await request.formData();
  const certificateId = formText(form, 'certificateId');
  const decision = formText(form, 'decision');
  try {
    await decideExternalCertificate(
      deps.db,
      actor,
      decision === 'reject'
        ? { certificateId, decision, reason: formText(form, 'reason') }
        : { certificateId, decision: decision as 'accept' },
    );
    const notice = translate(
      locale,
      decision === 'reject' ? 'training-staff.external.rejected' : 'training-staff.external.accepted',
    );
    return data({ ok: true as const, certificateId, notice, at: Date.now() });
  } catch (raw) {
    const error = asAppError(raw);
    const fields = Array.isArray(error?.details?.fields) ? (error.details.fields as { path: string }[]) : [];
    if (error && fields.some((f) => f.path === 'reason')) {
      return data(
        {
          ok: false as const,
          certificateId,
          errors: { fields: { reason: translate(locale, 'training-staff.error.reason') } } as FormErrors,
          at: Date.now(),
        },
        { status: error.status },
      );
    }
    const mapped = appErrorToForm(raw, locale);
    if (!mapped) throw raw;
    return data(
      { ok: false as const, certificateId, errors: mapped.errors as FormErrors, at: Date.now() },
      { status: mapped.status },
    );
  }
}

/** The queue of external training certificates: open the file, accept, or reject with a reason. */
export default function TrainingExternal({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const [params] = useSearchParams();
  const view = loaderData;
  return (
    <div className="page">
      <title>{`${t('training-staff.external.title')} · ${t('app.name')}`}</title>
      <p>
        <AppLink to="/s/training/courses">← {t('training-staff.back')}</AppLink>
      </p>
      <header className="page-header">
        <p className="page-header__eyebrow">{t('training-staff.courses.title')}</p>
        <h1>{t('training-staff.external.title')}</h1>
        <p className="muted">{t('training-staff.external.intro')}</p>
      </header>
      <nav aria-label={t('training-staff.external.title')} className="staff-actions">
        {statuses.map((s) => (
          <AppLink
            key={s}
            to={`/s/training/external?status=${s}`}
            className={s === view.status ? 'button button--primary' : 'button'}
            aria-current={s === view.status ? 'page' : undefined}
          >
            {t(`training-staff.external.status.${s}`)}
          </AppLink>
        ))}
      </nav>
      {actionData?.ok ? <Alert tone="success">{actionData.notice}</Alert> : null}
      {actionData && !actionData.ok && actionData.errors.form ? (
        <Alert tone="error">{actionData.errors.form}</Alert>
      ) : null}
      {view.certificates.length === 0 ? (
        <EmptyState title={t('training-staff.external.empty')} />
      ) : (
        <ul className="stack" aria-label={t(`training-staff.external.status.${view.status}`)}>
          {view.certificates.map((c) => {
            const failed =
              actionData && !actionData.ok && actionData.certificateId === c.id ? actionData : null;
            return (
              <li key={c.id} id={`certificate-${c.id}`} className="card stack">
                <h2>{c.title}</h2>
                <dl className="stack">
                  <div>
                    <dt>{t('training-staff.external.partner')}</dt>
                    <dd>{c.partnerName}</dd>
                  </div>
                  <div>
                    <dt>{t('training-staff.external.person')}</dt>
                    <dd>{c.personName}</dd>
                  </div>
                  <div>
                    <dt>{t('training-staff.external.provider')}</dt>
                    <dd>{c.provider}</dd>
                  </div>
                  <div>
                    <dt>{t('training-staff.external.date')}</dt>
                    <dd>{c.date}</dd>
                  </div>
                  <div>
                    <dt>{t('training-staff.external.hours')}</dt>
                    <dd>{c.hours}</dd>
                  </div>
                  <div>
                    <dt>{t('training-staff.external.category')}</dt>
                    <dd>{t(`training.category.${c.category}`)}</dd>
                  </div>
                  {c.rejectReason ? (
                    <div>
                      <dt>{t('training-staff.external.reason')}</dt>
                      <dd>{c.rejectReason}</dd>
                    </div>
                  ) : null}
                </dl>
                <p>
                  <a href={`/s/training/external/${c.id}/file`}>
                    {t('training-staff.external.download', { name: c.fileName })}
                  </a>
                </p>
                {c.status === 'submitted' ? (
                  <div className="staff-actions">
                    <Form method="post">
                      <input type="hidden" name="certificateId" value={c.id} />
                      <input type="hidden" name="decision" value="accept" />
                      <button type="submit" className="button button--primary">
                        {t('training-staff.external.accept')}
                      </button>
                    </Form>
                    <Form method="post" className="stack" key={failed?.at ?? 'reject'}>
                      <input type="hidden" name="certificateId" value={c.id} />
                      <input type="hidden" name="decision" value="reject" />
                      <InputField
                        name="reason"
                        label={t('training-staff.external.reason')}
                        error={failed?.errors.fields?.reason}
                        maxLength={2000}
                      />
                      <div>
                        <button type="submit" className="button">
                          {t('training-staff.external.reject')}
                        </button>
                      </div>
                    </Form>
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      <PageLinks page={view.page} pages={view.pages} params={params} />
    </div>
  );
}
