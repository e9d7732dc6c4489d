import { can } from '@outpost/core';
import { Alert } from '@outpost/ui';
import { data, redirect } from 'react-router';
import { AppLink } from '../../components/app-link';
import { PlanForm } from '../../components/risk/plan-form';
import { depsContext, localeContext } from '../../context';
import { useT } from '../../lib/i18n';
import { savePlanForm } from '../../lib/risk/plan-form.server';
import { routeError } from '../../lib/route-error';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/risk-plan-new';

export async function loader({ context, request }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  if (!can(person.actor, 'manage:risk-incidents')) {
    throw routeError(context.get(localeContext), 403, 'errors.forbidden');
  }
  return null;
}

export async function action({ context, request }: Route.ActionArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  if (!can(person.actor, 'manage:risk-incidents')) throw routeError(locale, 403, 'errors.forbidden');
  const result = await savePlanForm(
    context.get(depsContext).db,
    person.actor,
    locale,
    await request.formData(),
  );
  if (result.ok) return redirect(`/s/risk/plans/${result.planId}?saved=${result.version}`);
  return data({ errors: result.errors, values: result.values }, { status: result.status });
}

export default function RiskPlanNew({ actionData }: Route.ComponentProps) {
  const t = useT();
  const v = actionData?.values ?? {};
  return (
    <div className="page">
      <title>{`${t('risk.plans.new')} · ${t('app.name')}`}</title>
      <nav aria-label={t('common.breadcrumb')} className="breadcrumb">
        <AppLink to="/s/risk/plans">{t('risk.plan.back')}</AppLink>
      </nav>
      <header className="page-header">
        <p className="page-header__eyebrow">{t('risk.plans.title')}</p>
        <h1>{t('risk.plans.new')}</h1>
      </header>
      {actionData?.errors.form ? <Alert tone="error">{actionData.errors.form}</Alert> : null}
      <PlanForm
        values={{
          scenario: v.scenario ?? 'other',
          serviceCategories: [],
          titleZh: v.titleZh ?? '',
          titleEn: v.titleEn ?? '',
          bodyZh: v.bodyZh ?? '',
          bodyEn: v.bodyEn ?? '',
          stepsZh: v.stepsZh ?? '',
          stepsEn: v.stepsEn ?? '',
          active: true,
        }}
        errors={actionData?.errors}
        submitLabel={t('risk.plan.create')}
        showActive={false}
      />
    </div>
  );
}
