import { can, getSupervisionTask, linkableRectificationItems } from '@outpost/core';
import { formatDateTime, formatDay } from '@outpost/i18n';
import { Alert } from '@outpost/ui';
import { AppLink } from '../../components/app-link';
import { CheckboxGroup, TextAreaField } from '../../components/staff/fields';
import { FormOutcome, fieldErrorsOf } from '../../components/staff/form-outcome';
import { SupervisionStatus } from '../../components/supervision/task-status';
import { depsContext, localeContext } from '../../context';
import { orRouteError } from '../../lib/app-error.server';
import { routeError } from '../../lib/route-error';
import { useLocale, useT } from '../../lib/i18n';
import type { StaffActionData } from '../../lib/staff/action-result';
import { runStaffAction } from '../../lib/staff/run-action.server';
import { addFindingAction, setStatusAction } from '../../lib/supervision/actions.server';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/supervision-task';
import { IntentForm } from '../../components/intent-form';

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const db = context.get(depsContext).db;
  const view = await orRouteError(locale, () => getSupervisionTask(db, person.actor, params.taskId));
  const items = await linkableRectificationItems(
    db,
    person.actor,
    view.partners.map((p) => p.id),
  );
  return {
    ...view,
    task: { ...view.task, closedAt: view.task.closedAt?.toISOString() ?? null },
    findings: view.findings.map((f) => ({ ...f, createdAt: f.createdAt.toISOString() })),
    items,
    mayManage: can(person.actor, 'manage:supervision'),
    created: new URL(request.url).searchParams.get('created') === '1',
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  // Those who may not change tasks are refused before anything is read (a 403 with its code).
  if (!can(person.actor, 'manage:supervision')) throw routeError(locale, 403, 'errors.forbidden');
  // Then an unknown task is the 404 page.
  await orRouteError(locale, () =>
    getSupervisionTask(context.get(depsContext).db, person.actor, params.taskId),
  );
  return runStaffAction(context, request, {
    finding: addFindingAction(params.taskId),
    close: setStatusAction(params.taskId, 'closed'),
    reopen: setStatusAction(params.taskId, 'open'),
  });
}

/** One supervision task: scope, owner, due date, findings with the rectification items that track them. */
export default function SupervisionTask({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const d = loaderData;
  const result = actionData as StaffActionData | undefined;
  const findingErrors = fieldErrorsOf(result, 'finding');
  const closeErrors = fieldErrorsOf(result, 'close');
  const partnerName = new Map(d.partners.map((p) => [p.id, p.name]));
  return (
    <div className="page">
      <title>{`${d.task.title} · ${t('app.name')}`}</title>
      <nav aria-label={t('common.breadcrumb')} className="breadcrumb">
        <AppLink to="/s/supervision">{t('supervision.back')}</AppLink>
      </nav>
      <header className="page-header">
        <p className="page-header__eyebrow">{t('supervision.eyebrow')}</p>
        <h1>{d.task.title}</h1>
        <p>
          <SupervisionStatus status={d.task.status} overdue={d.task.overdue} /> ·{' '}
          {t('supervision.dueOn', { date: formatDay(locale, d.task.dueDate) ?? d.task.dueDate })} ·{' '}
          {t('supervision.col.owner')}: {d.task.ownerName}
        </p>
        {d.task.description ? <p>{d.task.description}</p> : null}
      </header>
      {d.created ? <Alert tone="success">{t('supervision.created')}</Alert> : null}
      {d.task.status === 'closed' && d.task.closedAt ? (
        <p>
          {t('supervision.closedOn', {
            date: formatDateTime(locale, d.task.closedAt),
            conclusion: d.task.conclusion ?? '',
          })}
        </p>
      ) : null}

      <section aria-labelledby="sv-scope">
        <h2 id="sv-scope">{t('supervision.scope')}</h2>
        {d.partners.length ? (
          <ul>
            {d.partners.map((p) => (
              <li key={p.id}>
                <AppLink to={`/s/partners/${p.id}`}>{p.name}</AppLink>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('supervision.scope.none')}</p>
        )}
        {d.task.regions.length ? (
          <p>
            {t('supervision.field.regions')}
            {t('common.colon')}
            {d.task.regions.map((r) => t(`targets.region.${r}` as never)).join('、')}
          </p>
        ) : null}
      </section>

      <section aria-labelledby="sv-findings">
        <h2 id="sv-findings">{t('supervision.findings')}</h2>
        {d.findings.length === 0 ? <p className="muted">{t('supervision.findings.empty')}</p> : null}
        <ul className="stack" data-testid="supervision-findings">
          {d.findings.map((f) => (
            <li key={f.id} className="card">
              <p>
                <strong>{t(`supervision.severity.${f.severity}`)}</strong>
                {f.partnerName ? ` · ${f.partnerName}` : ''} · {formatDateTime(locale, f.createdAt)}
              </p>
              <p>{f.description}</p>
              {f.items.length ? (
                <>
                  <p>{t('supervision.finding.linked')}:</p>
                  <ul>
                    {f.items.map((i) => (
                      <li key={i.id}>
                        <AppLink to={`/s/reviews/${i.reviewId}`}>{i.description}</AppLink> (
                        {t(`supervision.item.status.${i.status}`)}, {formatDay(locale, i.dueDate)})
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      {d.mayManage && d.task.status === 'open' ? (
        <IntentForm
          intent="finding"
          submitLabel={t('supervision.finding.add')}
          primary
          inline
          className="stack card"
          labelledBy="sv-add-finding"
        >
          <h2 id="sv-add-finding">{t('supervision.finding.add')}</h2>
          <FormOutcome result={result} intent="finding" />
          <div className="ui-field">
            <label htmlFor="sv-finding-partner">{t('supervision.finding.partner')}</label>
            <select id="sv-finding-partner" name="partnerId" defaultValue="">
              <option value="">{t('supervision.finding.none')}</option>
              {d.partners.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
          <div className="ui-field">
            <label htmlFor="sv-finding-severity">{t('supervision.finding.severity')}</label>
            <select id="sv-finding-severity" name="severity" defaultValue="medium">
              {(['low', 'medium', 'high'] as const).map((s) => (
                <option key={s} value={s}>
                  {t(`supervision.severity.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <TextAreaField
            name="description"
            label={t('supervision.finding.description')}
            error={findingErrors.description}
            required
          />
          {d.items.length ? (
            <CheckboxGroup
              name="itemIds"
              label={t('supervision.finding.items')}
              error={findingErrors.itemIds}
              options={d.items.map((i) => ({
                value: i.id,
                label: `${partnerName.get(i.partnerId) ?? ''}${t('common.colon')}${i.description}${t('common.parenthetical', { text: t(`supervision.item.status.${i.status}`) })}`,
              }))}
            />
          ) : (
            <p className="muted">{t('supervision.finding.itemsNone')}</p>
          )}
        </IntentForm>
      ) : null}

      {d.mayManage ? (
        d.task.status === 'open' ? (
          <IntentForm intent="close" submitLabel={t('supervision.close')} inline className="stack card">
            <FormOutcome result={result} intent="close" />
            <TextAreaField
              name="conclusion"
              label={t('supervision.close.conclusion')}
              error={closeErrors.conclusion}
              required
            />
          </IntentForm>
        ) : (
          <IntentForm intent="reopen" submitLabel={t('supervision.reopen')} inline className="" />
        )
      ) : null}
    </div>
  );
}
