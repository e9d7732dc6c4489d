import { can, getEmergencyPlan } from '@outpost/core';
import { translate } from '@outpost/i18n';
import { Alert } from '@outpost/ui';
import Markdown from 'react-markdown';
import { data } from 'react-router';
import { AppLink } from '../../components/app-link';
import { PlanForm } from '../../components/risk/plan-form';
import { depsContext, localeContext } from '../../context';
import { orRouteError } from '../../lib/app-error.server';
import { useLocale, useT } from '../../lib/i18n';
import { savePlanForm } from '../../lib/risk/plan-form.server';
import { routeError } from '../../lib/route-error';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/risk-plan';

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const { plan, versions } = await orRouteError(locale, () =>
    getEmergencyPlan(context.get(depsContext).db, person.actor, params.planId),
  );
  const saved = Number(new URL(request.url).searchParams.get('saved'));
  return {
    mayManage: can(person.actor, 'manage:risk-incidents'),
    saved:
      Number.isInteger(saved) && saved > 0 ? translate(locale, 'risk.plan.saved', { version: saved }) : null,
    versions: versions.length,
    plan: {
      id: plan.id,
      scenario: plan.scenario,
      serviceCategories: plan.serviceCategories,
      titleZh: plan.titleZh,
      titleEn: plan.titleEn,
      bodyZh: plan.bodyZh,
      bodyEn: plan.bodyEn,
      stepsZh: plan.stepsZh,
      stepsEn: plan.stepsEn,
      active: plan.active,
      version: plan.version,
    },
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  if (!can(person.actor, 'manage:risk-incidents')) throw routeError(locale, 403, 'errors.forbidden');
  const result = await savePlanForm(
    context.get(depsContext).db,
    person.actor,
    locale,
    await request.formData(),
    params.planId,
  );
  if (result.ok) {
    return data({
      ok: true as const,
      notice: translate(locale, 'risk.plan.saved', { version: result.version }),
    });
  }
  return data(
    { ok: false as const, errors: result.errors, values: result.values },
    { status: result.status },
  );
}

/** One emergency plan in both languages (Markdown rendered safely), and its edit form. */
export default function RiskPlan({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { plan, mayManage } = loaderData;
  const failed = actionData && !actionData.ok ? actionData : null;
  const v = failed?.values;
  const title = locale === 'en' ? plan.titleEn : plan.titleZh;
  return (
    <div className="page">
      <title>{`${title} · ${t('app.name')}`}</title>
      <nav aria-label={t('common.breadcrumb')} className="breadcrumb">
        <AppLink to="/s/risk/plans">{t('risk.plan.back')}</AppLink>
      </nav>
      <header className="page-header">
        <p className="page-header__eyebrow">
          {t('risk.plans.title')} · {t(`risk.scenario.${plan.scenario}`)}
        </p>
        <h1>{title}</h1>
        <p className="muted">
          {t('risk.plan.version', { version: plan.version })} ·{' '}
          {plan.active ? t('risk.plans.active') : t('risk.plans.retired')}
        </p>
      </header>
      {actionData?.ok ? <Alert tone="success">{actionData.notice}</Alert> : null}
      {loaderData.saved && !actionData ? <Alert tone="success">{loaderData.saved}</Alert> : null}
      {failed?.errors.form ? <Alert tone="error">{failed.errors.form}</Alert> : null}

      {(
        [
          ['zh-CN', plan.titleZh, plan.bodyZh, plan.stepsZh, 'risk.plan.chinese'],
          ['en', plan.titleEn, plan.bodyEn, plan.stepsEn, 'risk.plan.english'],
        ] as const
      ).map(([lang, heading, body, steps, label]) => (
        <article key={lang} className="card course-body" lang={lang} aria-label={t(label)}>
          <h2>{heading}</h2>
          {/* react-markdown builds React elements and drops raw HTML: staff-written text cannot inject script. */}
          <Markdown skipHtml>{body}</Markdown>
          {steps.length ? (
            <ol>
              {steps.map((s, n) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: steps are shown in their saved order
                <li key={n}>{s}</li>
              ))}
            </ol>
          ) : null}
        </article>
      ))}

      {mayManage ? (
        <section className="stack" aria-labelledby="plan-edit">
          <h2 id="plan-edit">{t('risk.plan.save')}</h2>
          <PlanForm
            key={plan.version}
            values={{
              scenario: v?.scenario ?? plan.scenario,
              serviceCategories: plan.serviceCategories,
              titleZh: v?.titleZh ?? plan.titleZh,
              titleEn: v?.titleEn ?? plan.titleEn,
              bodyZh: v?.bodyZh ?? plan.bodyZh,
              bodyEn: v?.bodyEn ?? plan.bodyEn,
              stepsZh: v?.stepsZh ?? plan.stepsZh.join('\n'),
              stepsEn: v?.stepsEn ?? plan.stepsEn.join('\n'),
              active: plan.active,
            }}
            errors={failed?.errors}
            submitLabel={t('risk.plan.save')}
            showActive
          />
        </section>
      ) : null}
    </div>
  );
}
