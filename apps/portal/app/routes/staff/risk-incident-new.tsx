import { can, getRiskAlert, incidentFormChoices, openRiskIncident } from '@outpost/core';
import { translate } from '@outpost/i18n';
import { Alert } from '@outpost/ui';
import { data, Form, redirect } from 'react-router';
import { AppLink } from '../../components/app-link';
import { InputField, TextAreaField } from '../../components/staff/fields';
import { depsContext, localeContext } from '../../context';
import { appErrorToForm, formText, orRouteError } from '../../lib/app-error.server';
import type { FormErrors } from '../../lib/form-errors';
import { useLocale, useT } from '../../lib/i18n';
import { riskLevelCodes } from '../../lib/risk/risk-codes';
import { routeError } from '../../lib/route-error';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/risk-incident-new';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function loader({ context, request }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  if (!can(person.actor, 'manage:risk-incidents')) throw routeError(locale, 403, 'errors.forbidden');
  const db = context.get(depsContext).db;
  const alertParam = new URL(request.url).searchParams.get('alert') ?? '';
  const alert = uuid.test(alertParam)
    ? await orRouteError(locale, () => getRiskAlert(db, person.actor, alertParam))
    : null;
  const choices = await incidentFormChoices(db, person.actor);
  const snapshot = (alert?.alert.ruleSnapshot ?? {}) as { nameZh?: string; nameEn?: string };
  const ruleName = (locale === 'en' ? snapshot.nameEn : snapshot.nameZh) ?? '';
  return {
    alert: alert
      ? {
          id: alert.alert.id,
          level: alert.alert.level,
          partnerName: alert.partner.legalName,
          ruleName,
        }
      : null,
    defaultTitle: alert ? `${ruleName} — ${alert.partner.legalName}` : '',
    me: person.actor.type === 'staff' ? person.actor.userId : '',
    ...choices,
  };
}

const fields = [
  'title',
  'severity',
  'description',
  'affectedScope',
  'affectedCustomers',
  'affectedPolicies',
  'affectedSystems',
  'containment',
  'handlingPlan',
  'responsibleId',
] as const;

export async function action({ context, request }: Route.ActionArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  if (!can(person.actor, 'manage:risk-incidents')) throw routeError(locale, 403, 'errors.forbidden');
  const form = await request.formData();
  const values = Object.fromEntries(fields.map((f) => [f, formText(form, f)]));
  const alertId = formText(form, 'alertId') || undefined;
  const partnerId = formText(form, 'partnerId') || undefined;
  const planId = formText(form, 'planId') || undefined;
  try {
    const { incident, existing } = await openRiskIncident(context.get(depsContext).db, person.actor, {
      ...(values as Record<(typeof fields)[number], string>),
      severity: values.severity as 'notice',
      ...(alertId ? { alertId } : { partnerId: partnerId ?? '' }),
      ...(planId ? { planId } : {}),
    });
    return redirect(`/s/risk/incidents/${incident.id}?done=${existing ? 'existing' : 'opened'}`);
  } catch (raw) {
    const mapped = appErrorToForm(raw, locale, {
      title: translate(locale, 'risk.incident.field.title'),
      severity: translate(locale, 'risk.incident.field.severity'),
      partnerId: translate(locale, 'risk.incident.field.partner'),
      responsibleId: translate(locale, 'risk.incident.field.responsible'),
      planId: translate(locale, 'risk.incident.field.plan'),
      affectedCustomers: translate(locale, 'risk.incident.field.affectedCustomers'),
      affectedPolicies: translate(locale, 'risk.incident.field.affectedPolicies'),
      affectedSystems: translate(locale, 'risk.incident.field.affectedSystems'),
    });
    if (!mapped) throw raw;
    return data({ errors: mapped.errors as FormErrors, values }, { status: mapped.status });
  }
}

/** Opening an incident: from an alert (its partner and level filled in) or directly. */
export default function RiskIncidentNew({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { alert, partners, staff, plans } = loaderData;
  const errors = actionData?.errors;
  const value = (name: string, fallback = '') => actionData?.values?.[name] ?? fallback;
  const err = (name: string) => errors?.fields?.[name];
  return (
    <div className="page">
      <title>{`${t('risk.incident.new.title')} · ${t('app.name')}`}</title>
      <nav aria-label={t('common.breadcrumb')} className="breadcrumb">
        <AppLink to={alert ? `/s/risk/alerts/${alert.id}` : '/s/risk/incidents'}>
          {alert ? t('risk.alert.back') : t('risk.incident.back')}
        </AppLink>
      </nav>
      <header className="page-header">
        <p className="page-header__eyebrow">{t('risk.eyebrow')}</p>
        <h1>{t('risk.incident.new.title')}</h1>
        {alert ? (
          <p>{t('risk.incident.new.fromAlert', { rule: alert.ruleName, partner: alert.partnerName })}</p>
        ) : null}
      </header>
      {errors?.form ? <Alert tone="error">{errors.form}</Alert> : null}
      <Form method="post" className="card stack" noValidate>
        {alert ? (
          <input type="hidden" name="alertId" value={alert.id} />
        ) : (
          <div className={err('partnerId') ? 'ui-field ui-field--invalid' : 'ui-field'}>
            <label htmlFor="incident-partner">{t('risk.incident.field.partner')}</label>
            <select
              id="incident-partner"
              name="partnerId"
              defaultValue={value('partnerId')}
              aria-invalid={err('partnerId') ? true : undefined}
              aria-describedby={err('partnerId') ? 'incident-partner-error' : undefined}
            >
              <option value="">{t('risk.incident.field.choosePartner')}</option>
              {partners.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.legalName}
                </option>
              ))}
            </select>
            {err('partnerId') ? (
              <p id="incident-partner-error" className="ui-field__error">
                {err('partnerId')}
              </p>
            ) : null}
          </div>
        )}
        <InputField
          name="title"
          label={t('risk.incident.field.title')}
          defaultValue={value('title', loaderData.defaultTitle)}
          error={err('title')}
          maxLength={200}
          required
        />
        <div className="ui-field">
          <label htmlFor="incident-severity">{t('risk.incident.field.severity')}</label>
          <select
            id="incident-severity"
            name="severity"
            defaultValue={value('severity', alert?.level ?? 'warning')}
          >
            {riskLevelCodes.map((l) => (
              <option key={l} value={l}>
                {t(`risk.level.${l}`)}
              </option>
            ))}
          </select>
        </div>
        <TextAreaField
          name="description"
          label={t('risk.incident.field.description')}
          defaultValue={value('description')}
          error={err('description')}
          rows={4}
          maxLength={10000}
        />
        <TextAreaField
          name="affectedScope"
          label={t('risk.incident.field.affectedScope')}
          defaultValue={value('affectedScope')}
          error={err('affectedScope')}
          maxLength={4000}
        />
        <div className="filters">
          {(['affectedCustomers', 'affectedPolicies', 'affectedSystems'] as const).map((f) => (
            <InputField
              key={f}
              name={f}
              type="number"
              min={0}
              step={1}
              inputMode="numeric"
              label={t(`risk.incident.field.${f}`)}
              defaultValue={value(f)}
              error={err(f)}
            />
          ))}
        </div>
        <TextAreaField
          name="containment"
          label={t('risk.incident.field.containment')}
          defaultValue={value('containment')}
          error={err('containment')}
          maxLength={10000}
        />
        <TextAreaField
          name="handlingPlan"
          label={t('risk.incident.field.handlingPlan')}
          defaultValue={value('handlingPlan')}
          error={err('handlingPlan')}
          maxLength={10000}
        />
        <div className={err('responsibleId') ? 'ui-field ui-field--invalid' : 'ui-field'}>
          <label htmlFor="incident-responsible">{t('risk.incident.field.responsible')}</label>
          <select
            id="incident-responsible"
            name="responsibleId"
            defaultValue={value('responsibleId', loaderData.me)}
            aria-describedby={err('responsibleId') ? 'incident-responsible-error' : undefined}
          >
            {staff.map((s) => (
              <option key={s.id} value={s.id}>
                {s.displayName}
              </option>
            ))}
          </select>
          {err('responsibleId') ? (
            <p id="incident-responsible-error" className="ui-field__error">
              {err('responsibleId')}
            </p>
          ) : null}
        </div>
        <div className={err('planId') ? 'ui-field ui-field--invalid' : 'ui-field'}>
          <label htmlFor="incident-plan">{t('risk.incident.field.plan')}</label>
          <p id="incident-plan-hint" className="ui-field__hint">
            {t('risk.incident.field.planHint')}
          </p>
          <select
            id="incident-plan"
            name="planId"
            defaultValue={value('planId')}
            aria-describedby={err('planId') ? 'incident-plan-hint incident-plan-error' : 'incident-plan-hint'}
          >
            <option value="">{t('risk.incident.field.noPlan')}</option>
            {plans.map((p) => (
              <option key={p.id} value={p.id}>
                {locale === 'en' ? p.titleEn : p.titleZh} · {t(`risk.scenario.${p.scenario}`)}
              </option>
            ))}
          </select>
          {err('planId') ? (
            <p id="incident-plan-error" className="ui-field__error">
              {err('planId')}
            </p>
          ) : null}
        </div>
        <div>
          <button type="submit" className="button button--primary">
            {t('risk.incident.new.submit')}
          </button>
        </div>
      </Form>
    </div>
  );
}
