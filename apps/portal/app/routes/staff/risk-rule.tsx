import { can, getRiskRule, listKpis, saveRiskRule } from '@outpost/core';
import { formatDateTime, translate } from '@outpost/i18n';
import { Alert, SelectField } from '@outpost/ui';
import { data, Form, redirect } from 'react-router';
import { AppLink } from '../../components/app-link';
import { categoryLabel } from '../../components/partner-labels';
import { RuleSummary } from '../../components/risk/rule-summary';
import { CheckboxField, CheckboxGroup, InputField } from '../../components/staff/fields';
import { depsContext, localeContext } from '../../context';
import { appErrorToForm, orRouteError } from '../../lib/app-error.server';
import type { FormErrors } from '../../lib/form-errors';
import { useLocale, useT } from '../../lib/i18n';
import { routeError } from '../../lib/route-error';
import { withParamErrors } from '../../lib/risk/rule-errors.server';
import { booleanParams, isRuleKind, paramFields, ruleFromForm, ruleKinds } from '../../lib/risk/rule-form';
import {
  riskLevelCodes as riskLevels,
  serviceCategoryCodes as serviceCategories,
} from '../../lib/risk/risk-codes';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/risk-rule';

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const db = context.get(depsContext).db;
  const mayManage = can(person.actor, 'manage:risk-rules');
  const kpis = (await orRouteError(locale, () => listKpis(db, person.actor)))
    .filter((k) => k.active && k.computation !== 'external')
    .map((k) => ({ key: k.key, nameZh: k.nameZh, nameEn: k.nameEn }));
  if (params.ruleId === 'new') {
    if (!mayManage) throw routeError(locale, 403, 'errors.forbidden');
    const kind = new URL(request.url).searchParams.get('kind');
    return { mayManage, saved: false, kpis, rule: null, kind: isRuleKind(kind) ? kind : null, versions: [] };
  }
  const { rule, versions } = await orRouteError(locale, () => getRiskRule(db, person.actor, params.ruleId));
  return {
    mayManage,
    saved: new URL(request.url).searchParams.has('saved'),
    kpis,
    kind: rule.kind,
    rule: {
      id: rule.id,
      nameZh: rule.nameZh,
      nameEn: rule.nameEn,
      level: rule.level,
      serviceCategories: rule.serviceCategories as string[],
      params: rule.params,
      enabled: rule.enabled,
      version: rule.version,
    },
    versions: versions.map((v) => ({
      version: v.version,
      when: formatDateTime(locale, v.changedAt),
      snapshot: v.snapshot as {
        nameZh: string;
        nameEn: string;
        level: 'notice' | 'warning' | 'critical';
        enabled: boolean;
        params: Record<string, unknown>;
      },
    })),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const db = context.get(depsContext).db;
  // Those who may only read are refused before the form is looked at (core refuses too).
  if (!can(person.actor, 'manage:risk-rules')) throw routeError(locale, 403, 'errors.forbidden');
  const form = await request.formData();
  const kind = form.get('kind');
  if (!isRuleKind(kind)) {
    return data({ errors: { form: translate(locale, 'errors.bad_request') } as FormErrors }, { status: 400 });
  }
  const input = ruleFromForm(form, kind);
  try {
    const saved = await saveRiskRule(
      db,
      person.actor,
      params.ruleId === 'new' ? input : { ...input, id: params.ruleId },
    );
    return redirect(`/s/risk/rules/${saved.id}?saved=${saved.version}`);
  } catch (raw) {
    const labels: Record<string, string> = {
      nameZh: translate(locale, 'risk.rules.field.nameZh'),
      nameEn: translate(locale, 'risk.rules.field.nameEn'),
      level: translate(locale, 'risk.rules.level'),
      serviceCategories: translate(locale, 'risk.rules.categories'),
      params: translate(locale, 'risk.rules.kind'),
    };
    for (const field of paramFields[kind])
      labels[`params.${field}`] = translate(locale, `risk.rules.field.${field}`);
    const mapped = appErrorToForm(raw, locale, labels);
    if (!mapped) throw raw;
    return data({ errors: withParamErrors(raw, mapped.errors, locale, labels) }, { status: mapped.status });
  }
}

/** Edit a rule (every save a new version), or create one after choosing its kind; with the version history. */
export default function RiskRulePage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { rule, kind, kpis, versions, mayManage, saved } = loaderData;
  const kpiName = (key: string) => {
    const k = kpis.find((x) => x.key === key);
    return k ? (locale === 'en' ? k.nameEn : k.nameZh) : key;
  };
  const errors = actionData?.errors;
  const fieldError = (name: string) => errors?.fields?.[name] ?? errors?.fields?.[name.split('.')[0] ?? ''];
  const title = rule ? (locale === 'en' ? rule.nameEn : rule.nameZh) : t('risk.rules.new');
  return (
    <div className="page">
      <title>{`${title} · ${t('app.name')}`}</title>
      <nav aria-label={t('common.breadcrumb')} className="breadcrumb">
        <AppLink to="/s/risk/rules">{t('risk.rules.back')}</AppLink>
      </nav>
      <header className="page-header">
        <p className="page-header__eyebrow">{t('risk.rules.title')}</p>
        <h1>{title}</h1>
        {kind ? <p className="muted">{t(`risk.kind.${kind}`)}</p> : null}
      </header>
      {saved && rule ? (
        <Alert tone="success">{t('risk.rules.saved', { version: rule.version })}</Alert>
      ) : null}
      {errors?.form ? <Alert tone="error">{errors.form}</Alert> : null}

      {!kind ? (
        <Form method="get" className="card stack">
          <SelectField
            name="kind"
            label={t('risk.rules.chooseKind')}
            options={ruleKinds.map((k) => ({ value: k, label: t(`risk.kind.${k}`) }))}
          />
          <div>
            <button type="submit" className="button button--primary">
              {t('risk.rules.continue')}
            </button>
          </div>
        </Form>
      ) : mayManage ? (
        <Form method="post" className="card stack" key={rule?.version ?? 'new'}>
          <input type="hidden" name="kind" value={kind} />
          <InputField
            name="nameZh"
            label={t('risk.rules.field.nameZh')}
            defaultValue={rule?.nameZh}
            error={fieldError('nameZh')}
            maxLength={200}
          />
          <InputField
            name="nameEn"
            label={t('risk.rules.field.nameEn')}
            defaultValue={rule?.nameEn}
            error={fieldError('nameEn')}
            maxLength={200}
          />
          <SelectField
            name="level"
            label={t('risk.rules.level')}
            defaultValue={rule?.level ?? 'warning'}
            error={fieldError('level')}
            options={riskLevels.map((l) => ({ value: l, label: t(`risk.level.${l}`) }))}
          />
          <CheckboxGroup
            name="serviceCategories"
            label={t('risk.rules.categories')}
            hint={t('risk.rules.categoriesHint')}
            error={fieldError('serviceCategories')}
            options={serviceCategories.map((c) => ({ value: c, label: categoryLabel(t, c) }))}
            defaultValues={rule?.serviceCategories ?? []}
          />
          {paramFields[kind].map((field) => {
            const name = `params.${field}`;
            const value = rule?.params[field];
            if (field === 'kpiKey') {
              return (
                <SelectField
                  key={field}
                  name={name}
                  label={t('risk.rules.field.kpiKey')}
                  defaultValue={typeof value === 'string' ? value : undefined}
                  error={fieldError(name)}
                  options={kpis.map((k) => ({ value: k.key, label: locale === 'en' ? k.nameEn : k.nameZh }))}
                />
              );
            }
            if (booleanParams.has(field)) {
              return (
                <CheckboxField
                  key={field}
                  name={name}
                  label={t(`risk.rules.field.${field}`)}
                  hint={t('risk.rules.hint.includeNoContract')}
                  error={fieldError(name)}
                  defaultChecked={value === true}
                />
              );
            }
            if (field === 'breach') {
              return (
                <SelectField
                  key={field}
                  name={name}
                  label={t('risk.rules.field.breach')}
                  defaultValue={typeof value === 'string' ? value : 'warning'}
                  error={fieldError(name)}
                  options={(['warning', 'critical'] as const).map((b) => ({
                    value: b,
                    label: t(`risk.rules.field.breach.${b}`),
                  }))}
                />
              );
            }
            return (
              <InputField
                key={field}
                name={name}
                type="number"
                step="any"
                label={t(`risk.rules.field.${field}`)}
                defaultValue={typeof value === 'number' ? value : undefined}
                error={fieldError(name)}
              />
            );
          })}
          <CheckboxField
            name="enabled"
            label={t('risk.rules.field.enabled')}
            defaultChecked={rule?.enabled ?? true}
          />
          <div>
            <button type="submit" className="button button--primary">
              {t('risk.rules.save')}
            </button>
          </div>
        </Form>
      ) : (
        <p className="muted">{t('risk.rules.readOnly')}</p>
      )}

      {versions.length > 0 ? (
        <section className="card stack" aria-labelledby="rule-history">
          <h2 id="rule-history">{t('risk.rules.history')}</h2>
          <ol className="risk-timeline">
            {versions.map((v) => (
              <li key={v.version} className="risk-timeline__item">
                <strong>{t('risk.rules.historyEntry', { version: v.version, when: v.when })}</strong>
                <p>
                  {locale === 'en' ? v.snapshot.nameEn : v.snapshot.nameZh} ·{' '}
                  {t(`risk.level.${v.snapshot.level}`)} ·{' '}
                  {v.snapshot.enabled ? t('risk.rules.enabled') : t('risk.rules.disabled')}
                </p>
                <p className="muted">
                  <RuleSummary kind={kind ?? ''} params={v.snapshot.params} kpiName={kpiName} />
                </p>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}
