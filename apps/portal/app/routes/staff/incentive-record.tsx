import { getIncentiveRecord, incentiveApprovalState } from '@outpost/core';
import { AppLink } from '../../components/app-link';
import { IncentiveStatusBadge, RecordReason, yuan } from '../../components/incentives/record-parts';
import { FormOutcome, fieldErrorsOf } from '../../components/staff/form-outcome';
import { depsContext, localeContext } from '../../context';
import { orRouteError } from '../../lib/app-error.server';
import { useLocale, useT } from '../../lib/i18n';
import { decideIncentiveAction } from '../../lib/incentives/decide-action.server';
import type { StaffActionData } from '../../lib/staff/action-result';
import { runStaffAction } from '../../lib/staff/run-action.server';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/incentive-record';
import { IntentForm } from '../../components/intent-form';

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const db = context.get(depsContext).db;
  const [record, approval] = await orRouteError(locale, () =>
    Promise.all([
      getIncentiveRecord(db, person.actor, params.recordId),
      incentiveApprovalState(db, person.actor, params.recordId),
    ]),
  );
  const me = person.actor.type === 'staff' ? person.actor.userId : '';
  const mine = approval.approvers.find((a) => a.id === me);
  return {
    record,
    approval: {
      tally: approval.tally,
      approvers: approval.approvers.map((a) => ({
        id: a.id,
        name: a.name,
        decision: a.decision?.decision ?? null,
        reason: a.decision?.reason ?? null,
      })),
    },
    mayDecide: record.status === 'pending_approval' && mine !== undefined && mine.decision === null,
  };
}

export function action({ context, request, params }: Route.ActionArgs) {
  return runStaffAction(context, request, { decide: decideIncentiveAction(params.recordId) });
}

/** One incentive or penalty record: what, how much, why, its review, and its approval (staff). */
export default function IncentiveRecord({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { record, approval, mayDecide } = loaderData;
  const result = actionData as StaffActionData | undefined;
  const errors = fieldErrorsOf(result, 'decide');
  return (
    <div className="page">
      <title>{`${record.partnerName} ${record.quarter} · ${t('app.name')}`}</title>
      <header className="page-header">
        <p className="page-header__eyebrow">
          <AppLink to="/s/incentives">{t('incentives.title')}</AppLink>
        </p>
        <h1>
          {record.partnerName} · {record.quarter} · {t(`category.${record.serviceCategory}`)}
        </h1>
        <p>
          <IncentiveStatusBadge status={record.status} /> {record.tierName} · {t('incentives.records.amount')}
          : {yuan(locale, record.amountCents)}
        </p>
      </header>
      <section className="card stack" aria-labelledby="why">
        <h2 id="why">{t('incentives.records.why')}</h2>
        <RecordReason record={record} />
        <p>
          <AppLink to={`/s/reviews/${record.reviewId}`}>{t('incentives.records.review')}</AppLink>
        </p>
      </section>
      {approval.approvers.length > 0 ? (
        <section className="card stack" aria-labelledby="approvals">
          <h2 id="approvals">{t('incentives.records.approvers')}</h2>
          <p>
            {t('incentives.ballot.tally', {
              approve: approval.tally.approve,
              rejected: approval.tally.reject,
              pending: approval.tally.pending,
              approvers: approval.tally.approvers,
            })}
          </p>
          <ul>
            {approval.approvers.map((a) => (
              <li key={a.id}>
                {a.name}: {a.decision ? t(`incentives.ballot.youDecided.${a.decision}`) : '—'}
                {a.reason ? t('common.parenthetical', { text: a.reason }) : ''}
              </li>
            ))}
          </ul>
          <FormOutcome result={result} intent="decide" />
          {mayDecide ? (
            <div className="filters">
              <IntentForm
                intent="decide"
                hidden={{ decision: 'approve' }}
                submitLabel={t('incentives.records.approve')}
                primary
                inline
                className=""
              />
              <IntentForm
                intent="decide"
                hidden={{ decision: 'reject' }}
                submitLabel={t('incentives.records.reject')}
                inline
              >
                <div className="ui-field">
                  <label htmlFor="reject-reason">{t('incentives.records.rejectReason')}</label>
                  <textarea
                    id="reject-reason"
                    name="reason"
                    rows={2}
                    aria-invalid={errors.reason ? true : undefined}
                  />
                  {errors.reason ? <p className="ui-field__error">{errors.reason}</p> : null}
                </div>
              </IntentForm>
            </div>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
