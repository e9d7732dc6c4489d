import { Alert, Badge, type BadgeTone, DescriptionList } from '@outpost/ui';
import { data, Form, useNavigation } from 'react-router';
import { ApplicationTimeline } from '../../components/partner/application-timeline';
import { ConfirmDisclosure } from '../../components/partner/confirm-disclosure';
import { StageSteps } from '../../components/partner/stage-steps';
import { categoryLabel } from '../../components/partner-labels';
import { formText, orRouteError } from '../../lib/app-error.server';
import { useT } from '../../lib/i18n';
import {
  loadApplicationPage,
  submitApplicationAction,
  withdrawApplicationAction,
} from '../../lib/partner/application.server';
import { requirePartner } from '../../lib/partner/partner-viewer.server';
import { routeError } from '../../lib/route-error';
import type { Route } from './+types/application';
import { AppLink } from '../../components/app-link';

export async function loader({ context, request }: Route.LoaderArgs) {
  const { actor, deps, locale } = requirePartner(context, request);
  return orRouteError(locale, () => loadApplicationPage(deps.db, actor, locale));
}

export async function action({ context, request }: Route.ActionArgs) {
  const { actor, deps, locale } = requirePartner(context, request);
  const form = await request.formData();
  const intent = formText(form, 'intent');
  const run =
    intent === 'submit' ? submitApplicationAction : intent === 'withdraw' ? withdrawApplicationAction : null;
  if (!run) throw routeError(locale, 400, 'errors.refused');
  const result = await run(deps.db, actor, form, locale);
  return data(result, { status: result.status });
}

const statusTone: Record<string, BadgeTone> = {
  in_progress: 'info',
  approved: 'positive',
  rejected: 'negative',
  withdrawn: 'neutral',
};

/** The admission application: apply when ready, then follow its stages and timeline. */
export default function PartnerApplication({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const { application, apply, canSubmit, stages } = loaderData;
  const busy = (intent: string) =>
    navigation.state === 'submitting' && navigation.formData?.get('intent') === intent;
  const statusText = application ? t(`partner-portal.application.status.${application.status}` as never) : '';

  return (
    <div className="page page--medium">
      <title>{`${t('partner-portal.application.title')} · ${t('app.name')}`}</title>
      <header className="page-header">
        <p className="page-header__eyebrow">{t('partner.homeTitle')}</p>
        <h1>{t('partner-portal.application.title')}</h1>
        <p className="muted">{t('partner-portal.application.intro')}</p>
      </header>

      {actionData?.notice ? <Alert tone="success">{actionData.notice}</Alert> : null}

      {application ? (
        <section className="card stack" aria-labelledby="application-heading">
          <h2 id="application-heading">
            {application.status === 'in_progress'
              ? t('partner-portal.application.current')
              : t('partner-portal.application.previous')}
          </h2>
          {application.status === 'approved' ? (
            <Alert tone="success" title={statusText}>
              <p>{t('partner-portal.application.approvedText')}</p>
            </Alert>
          ) : application.status === 'rejected' ? (
            <Alert tone="info" title={statusText}>
              <p>{t('partner-portal.application.rejectedText')}</p>
            </Alert>
          ) : application.status === 'withdrawn' ? (
            <Alert tone="info" title={statusText}>
              <p>{t('partner-portal.application.withdrawnText')}</p>
            </Alert>
          ) : null}
          <DescriptionList
            items={[
              {
                term: t('partner-portal.application.status'),
                details: <Badge tone={statusTone[application.status] ?? 'neutral'}>{statusText}</Badge>,
              },
              {
                term: t('partner-portal.application.categories'),
                details: application.serviceCategories.map((c) => categoryLabel(t, c)).join(', '),
              },
              {
                term: t('partner-portal.application.submittedAt'),
                details: <time dateTime={application.submittedAt}>{application.submitted}</time>,
              },
              ...(application.decided
                ? [{ term: t('partner-portal.application.decidedAt'), details: application.decided }]
                : []),
              ...(application.inspection
                ? [
                    {
                      term: t('partner-portal.application.inspection'),
                      details: t('partner-portal.application.inspectionValue', {
                        date: application.inspection.date ?? '',
                        score: application.inspection.score,
                      }),
                    },
                  ]
                : []),
              ...(application.pilot
                ? [
                    {
                      term: t('partner-portal.application.pilot'),
                      details: t('partner-portal.application.pilotValue', {
                        from: application.pilot.from ?? '',
                        to: application.pilot.to ?? '',
                        score: application.pilot.score,
                      }),
                    },
                  ]
                : []),
            ]}
          />
          {application.status === 'in_progress' || application.status === 'approved' ? (
            <StageSteps
              stages={stages}
              current={application.stage}
              allDone={application.status === 'approved'}
            />
          ) : null}

          <h3>{t('partner-portal.application.timeline')}</h3>
          <ApplicationTimeline events={application.timeline} outcome={statusText} />

          {application.status === 'in_progress' && canSubmit ? (
            <ConfirmDisclosure label={t('partner-portal.application.withdraw')}>
              {actionData?.intent === 'withdraw' && actionData.errors?.form ? (
                <Alert tone="error">{actionData.errors.form}</Alert>
              ) : null}
              <p>{t('partner-portal.application.withdrawWarning')}</p>
              <Form method="post" className="stack">
                <input type="hidden" name="intent" value="withdraw" />
                <input type="hidden" name="applicationId" value={application.id} />
                <div className="ui-field">
                  <label htmlFor="withdraw-reason">{t('partner-portal.application.withdrawReason')}</label>
                  <textarea id="withdraw-reason" name="reason" rows={3} maxLength={2000} />
                </div>
                <div>
                  <button type="submit" className="button button--danger" disabled={busy('withdraw')}>
                    {t('partner-portal.application.withdrawConfirm')}
                  </button>
                </div>
              </Form>
            </ConfirmDisclosure>
          ) : null}
        </section>
      ) : null}

      {apply ? (
        <section className="card stack" aria-labelledby="apply-heading">
          <h2 id="apply-heading">{t('partner-portal.application.newTitle')}</h2>
          {!application ? <p>{t('partner-portal.home.noApplication')}</p> : null}
          <h3>{t('partner-portal.application.missingTitle')}</h3>
          {apply.missing.length === 0 ? (
            <p>{t('partner-portal.application.missingNone')}</p>
          ) : (
            <>
              <ul className="missing-list">
                {apply.missing.map((m) => (
                  <li key={m.id}>{m.name}</li>
                ))}
              </ul>
              <p>
                <AppLink to="/p/documents">{t('partner-portal.application.goUpload')}</AppLink>
              </p>
            </>
          )}

          {actionData?.intent === 'submit' && actionData.errors?.form ? (
            <Alert tone="error">
              <p>{actionData.errors.form}</p>
              {actionData.missing?.length ? (
                <>
                  <p>{t('partner-portal.application.missingError')}</p>
                  <ul>
                    {actionData.missing.map((name) => (
                      <li key={name}>{name}</li>
                    ))}
                  </ul>
                </>
              ) : null}
            </Alert>
          ) : null}

          {canSubmit ? (
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="submit" />
              <fieldset className="checkbox-group">
                <legend>{t('partner-portal.application.categories')}</legend>
                {apply.categories.map((c) => (
                  <label key={c} className="checkbox">
                    <input type="checkbox" name="serviceCategories" value={c} defaultChecked />
                    {categoryLabel(t, c)}
                  </label>
                ))}
              </fieldset>
              {apply.missing.length > 0 ? (
                <p className="muted" id="submit-blocked">
                  {t('partner-portal.application.submitBlocked')}
                </p>
              ) : null}
              <div>
                <button
                  type="submit"
                  className="button button--primary"
                  disabled={busy('submit')}
                  aria-describedby={apply.missing.length > 0 ? 'submit-blocked' : undefined}
                >
                  {t('partner-portal.application.submit')}
                </button>
              </div>
            </Form>
          ) : (
            <p className="muted">{t('partner-portal.common.adminOnly')}</p>
          )}
        </section>
      ) : null}
    </div>
  );
}
