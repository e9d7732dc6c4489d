import { can, partnerRegister } from '@outpost/core';
import { discontinuationImpacts, exitPossibilities, substitutabilities } from '@outpost/db';
import { SelectField } from '@outpost/ui';
import { Form } from 'react-router';
import { AppLink } from '../../components/app-link';
import { TextAreaField } from '../../components/staff/fields';
import { FormOutcome, fieldErrorsOf } from '../../components/staff/form-outcome';
import { depsContext, localeContext } from '../../context';
import { orRouteError } from '../../lib/app-error.server';
import { useT } from '../../lib/i18n';
import { savePartnerRegisterAction } from '../../lib/register/register-actions.server';
import type { StaffActionData } from '../../lib/staff/action-result';
import { runStaffAction } from '../../lib/staff/run-action.server';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/register-partner';

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const db = context.get(depsContext).db;
  const partner = await orRouteError(locale, () => partnerRegister(db, person.actor, params.partnerId));
  // The scales come from the loader, so the page's bundle does not take the database with it.
  return {
    ...partner,
    mayEdit: can(person.actor, 'manage:contract'),
    substitutabilities: [...substitutabilities],
    exitPossibilities: [...exitPossibilities],
    discontinuationImpacts: [...discontinuationImpacts],
  };
}

export function action({ context, request, params }: Route.ActionArgs) {
  return runStaffAction(context, request, {
    partner: (args) => savePartnerRegisterAction(args, params.partnerId),
  });
}

/**
 * A partner's own register fields (decision record 052): substitutability and whether the function
 * could be brought back in-house, for the partner as a whole (and its arrangements, where theirs say nothing).
 */
export default function RegisterPartner({ loaderData: d, actionData }: Route.ComponentProps) {
  const t = useT();
  const result = actionData as StaffActionData | undefined;
  const errors = fieldErrorsOf(result, 'partner');
  const f = d.fields;
  const options = (prefix: string, values: readonly string[]) => [
    { value: '', label: t('register.choose') },
    ...values.map((v) => ({ value: v, label: t(`${prefix}.${v}` as never) })),
  ];
  const disabled = !d.mayEdit;
  return (
    <div className="page">
      <title>{`${t('register.partner.title', { name: d.legalName })} · ${t('app.name')}`}</title>
      <p>
        <AppLink to="/s/register">{t('register.arrangement.back')}</AppLink>
      </p>
      <header className="page-header">
        <p className="page-header__eyebrow">{t('register.title')}</p>
        <h1>{t('register.partner.title', { name: d.legalName })}</h1>
        <p className="muted">{t('register.partner.intro')}</p>
      </header>
      {disabled ? (
        <dl className="summary-list">
          <div className="summary-list__row">
            <dt>{t('register.field.substitutability')}</dt>
            <dd>
              {f.substitutability
                ? t(`contracts.register.substitutability.${f.substitutability}`)
                : t('register.notRecorded')}
            </dd>
          </div>
          <div className="summary-list__row">
            <dt>{t('register.field.exitPossibility')}</dt>
            <dd>
              {f.exitPossibility
                ? t(`contracts.register.exitPossibility.${f.exitPossibility}`)
                : t('register.notRecorded')}
            </dd>
          </div>
          <div className="summary-list__row">
            <dt>{t('register.field.exitNotes')}</dt>
            <dd>{f.exitNotes ?? '—'}</dd>
          </div>
          <div className="summary-list__row">
            <dt>{t('register.field.discontinuationImpact')}</dt>
            <dd>{f.discontinuationImpact ? t(`register.level.${f.discontinuationImpact}`) : '—'}</dd>
          </div>
          <div className="summary-list__row">
            <dt>{t('register.field.alternativeProviders')}</dt>
            <dd>{f.alternativeProviders?.length ? f.alternativeProviders.join(', ') : '—'}</dd>
          </div>
        </dl>
      ) : (
        <Form method="post" className="stack" aria-label={t('register.partner.title', { name: d.legalName })}>
          <input type="hidden" name="intent" value="partner" />
          <FormOutcome result={result} intent="partner" />
          <SelectField
            name="substitutability"
            label={t('register.field.substitutability')}
            options={options('contracts.register.substitutability', d.substitutabilities)}
            defaultValue={f.substitutability ?? ''}
            error={errors.substitutability}
          />
          <SelectField
            name="exitPossibility"
            label={t('register.field.exitPossibility')}
            options={options('contracts.register.exitPossibility', d.exitPossibilities)}
            defaultValue={f.exitPossibility ?? ''}
            error={errors.exitPossibility}
          />
          <TextAreaField
            name="exitNotes"
            label={t('register.field.exitNotes')}
            maxLength={2000}
            defaultValue={f.exitNotes ?? ''}
            error={errors.exitNotes}
          />
          <SelectField
            name="discontinuationImpact"
            label={t('register.field.discontinuationImpact')}
            options={options('register.level', d.discontinuationImpacts)}
            defaultValue={f.discontinuationImpact ?? ''}
            error={errors.discontinuationImpact}
          />
          <TextAreaField
            name="alternativeProviders"
            label={t('register.field.alternativeProviders')}
            hint={t('register.arrangement.listHint')}
            defaultValue={(f.alternativeProviders ?? []).join('\n')}
            error={errors.alternativeProviders}
          />
          <button type="submit" className="button">
            {t('register.arrangement.save')}
          </button>
        </Form>
      )}
    </div>
  );
}
