import { can, type RegisterRecord, registerEntry } from '@outpost/core';
import { discontinuationImpacts, riskAssessmentResults } from '@outpost/db';
import { SelectField } from '@outpost/ui';
import { AppLink } from '../../components/app-link';
import { keptFields, liveFields, recordValue } from '../../components/register/record-value';
import { InputField, TextAreaField } from '../../components/staff/fields';
import { FormOutcome, fieldErrorsOf } from '../../components/staff/form-outcome';
import { depsContext, localeContext } from '../../context';
import { orRouteError } from '../../lib/app-error.server';
import { useLocale, useT } from '../../lib/i18n';
import { saveArrangementAction } from '../../lib/register/register-actions.server';
import type { StaffActionData } from '../../lib/staff/action-result';
import { runStaffAction } from '../../lib/staff/run-action.server';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/register-arrangement';
import { IntentForm } from '../../components/intent-form';

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const db = context.get(depsContext).db;
  const entry = await orRouteError(locale, () => registerEntry(db, person.actor, params.contractId));
  // The scales come from the loader, so the page's bundle does not take the database with it.
  return {
    ...entry,
    mayEdit: can(person.actor, 'manage:contract'),
    riskAssessmentResults: [...riskAssessmentResults],
    discontinuationImpacts: [...discontinuationImpacts],
  };
}

export function action({ context, request, params }: Route.ActionArgs) {
  return runStaffAction(context, request, {
    arrangement: (args) => saveArrangementAction(args, params.contractId),
  });
}

/** One arrangement of the register: every field, where it comes from, what is missing; staff edit the rest. */
export default function RegisterArrangement({ loaderData: d, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const r = d.record as RegisterRecord;
  const result = actionData as StaffActionData | undefined;
  const errors = fieldErrorsOf(result, 'arrangement');
  const levels = (values: readonly string[]) => [
    { value: '', label: t('register.choose') },
    ...values.map((v) => ({ value: v, label: t(`register.level.${v}` as never) })),
  ];
  const row = (f: keyof RegisterRecord) => (
    <div key={f} className="summary-list__row" data-field={f}>
      <dt>{t(`register.field.${f}` as never)}</dt>
      <dd>
        {recordValue(t, locale, r, f)}
        {(r.inherited as string[]).includes(f) ? (
          <span className="muted">
            {t('common.parenthetical', { text: t('register.arrangement.inherited') })}
          </span>
        ) : null}
        {(d.missing as string[]).includes(f) ? <strong> {t('register.notRecorded')}</strong> : null}
      </dd>
    </div>
  );
  return (
    <div className="page">
      <title>{`${t('register.arrangement.title', { reference: r.reference })} · ${t('app.name')}`}</title>
      <p>
        <AppLink to="/s/register">{t('register.arrangement.back')}</AppLink>
      </p>
      <header className="page-header">
        <p className="page-header__eyebrow">{t('register.title')}</p>
        <h1>{t('register.arrangement.title', { reference: r.reference })}</h1>
        <p>
          <AppLink to={`/s/contracts/${r.contractId}`}>{t('register.arrangement.openContract')}</AppLink>
          {d.mayEdit ? (
            <>
              {' · '}
              <AppLink to={`/s/contracts/${r.contractId}/register`}>
                {t('register.arrangement.editContractFields')}
              </AppLink>
            </>
          ) : null}
        </p>
      </header>

      <section aria-labelledby="register-missing" data-testid="register-missing">
        <h2 id="register-missing">{t('register.arrangement.missingTitle')}</h2>
        {d.missing.length === 0 ? (
          <p>{t('register.complete')}</p>
        ) : (
          <ul>
            {d.missing.map((f) => (
              <li key={f}>{t(`register.field.${f}`)}</li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="register-live">
        <h2 id="register-live">{t('register.arrangement.live')}</h2>
        <dl className="summary-list">{liveFields.map(row)}</dl>
      </section>
      <section aria-labelledby="register-kept">
        <h2 id="register-kept">{t('register.arrangement.kept')}</h2>
        <dl className="summary-list">{keptFields.map(row)}</dl>
      </section>

      {d.mayEdit ? (
        <IntentForm
          intent="arrangement"
          submitLabel={t('register.arrangement.save')}
          inline
          labelledBy="register-edit"
        >
          <h2 id="register-edit">{t('register.arrangement.edit')}</h2>
          <FormOutcome result={result} intent="arrangement" />
          <InputField
            type="date"
            name="riskAssessedOn"
            label={t('register.field.riskAssessedOn')}
            defaultValue={r.riskAssessedOn ?? ''}
            error={errors.riskAssessedOn}
          />
          <SelectField
            name="riskAssessmentResult"
            label={t('register.field.riskAssessmentResult')}
            options={levels(d.riskAssessmentResults)}
            defaultValue={r.riskAssessmentResult ?? ''}
            error={errors.riskAssessmentResult}
          />
          <InputField
            type="date"
            name="lastAuditOn"
            label={t('register.field.lastAuditOn')}
            defaultValue={r.lastAuditOn ?? ''}
            error={errors.lastAuditOn}
          />
          <InputField
            type="date"
            name="nextAuditOn"
            label={t('register.field.nextAuditOn')}
            defaultValue={r.nextAuditOn ?? ''}
            error={errors.nextAuditOn}
          />
          <SelectField
            name="discontinuationImpact"
            label={t('register.field.discontinuationImpact')}
            options={levels(d.discontinuationImpacts)}
            defaultValue={
              r.discontinuationImpact && !r.inherited.includes('discontinuationImpact')
                ? r.discontinuationImpact
                : ''
            }
            error={errors.discontinuationImpact}
          />
          <TextAreaField
            name="alternativeProviders"
            label={t('register.field.alternativeProviders')}
            hint={t('register.arrangement.listHint')}
            defaultValue={
              r.inherited.includes('alternativeProviders') ? '' : r.alternativeProviders.join('\n')
            }
            error={errors.alternativeProviders}
          />
          <SelectField
            name="timeCritical"
            label={t('register.field.timeCritical')}
            options={[
              { value: '', label: t('register.choose') },
              { value: 'yes', label: t('register.yes') },
              { value: 'no', label: t('register.no') },
            ]}
            defaultValue={r.timeCritical === null ? '' : r.timeCritical ? 'yes' : 'no'}
            error={errors.timeCritical}
          />
          <InputField
            type="number"
            name="rtoHours"
            label={t('register.field.rtoHours')}
            inputMode="numeric"
            defaultValue={r.rtoHours ?? ''}
            error={errors.rtoHours}
          />
          <InputField
            type="number"
            name="rpoHours"
            label={t('register.field.rpoHours')}
            inputMode="numeric"
            defaultValue={r.rpoHours ?? ''}
            error={errors.rpoHours}
          />
          <InputField
            type="date"
            name="regulatorNotifiedOn"
            label={t('register.field.regulatorNotifiedOn')}
            defaultValue={r.regulatorNotifiedOn ?? ''}
            error={errors.regulatorNotifiedOn}
          />
        </IntentForm>
      ) : null}
    </div>
  );
}
