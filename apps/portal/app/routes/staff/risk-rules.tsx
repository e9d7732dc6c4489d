import { asAppError, can, listKpis, listRiskRules, setRiskRuleEnabled } from '@outpost/core';
import { translate } from '@outpost/i18n';
import { Alert, Badge, EmptyState } from '@outpost/ui';
import { data, Form } from 'react-router';
import { AppLink } from '../../components/app-link';
import { categoryLabel } from '../../components/partner-labels';
import { LevelBadge } from '../../components/risk/risk-labels';
import { RuleSummary } from '../../components/risk/rule-summary';
import { TableRegion } from '../../components/table-region';
import { depsContext, localeContext } from '../../context';
import { appErrorToForm, formText, orRouteError } from '../../lib/app-error.server';
import { useLocale, useT } from '../../lib/i18n';
import { routeError } from '../../lib/route-error';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/risk-rules';

export async function loader({ context, request }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const db = context.get(depsContext).db;
  const rules = await orRouteError(locale, () => listRiskRules(db, person.actor));
  const kpis = await orRouteError(locale, () => listKpis(db, person.actor));
  return {
    mayManage: can(person.actor, 'manage:risk-rules'),
    kpis: kpis.map((k) => ({ key: k.key, nameZh: k.nameZh, nameEn: k.nameEn })),
    rules: rules.map((r) => ({
      id: r.id,
      kind: r.kind,
      nameZh: r.nameZh,
      nameEn: r.nameEn,
      level: r.level,
      serviceCategories: r.serviceCategories,
      params: r.params,
      enabled: r.enabled,
      version: r.version,
    })),
  };
}

/** Switches a rule on or off (a new version, audited in core). */
export async function action({ context, request }: Route.ActionArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  // Those who may only read are refused before the form is looked at (core refuses too).
  if (!can(person.actor, 'manage:risk-rules')) throw routeError(locale, 403, 'errors.forbidden');
  const form = await request.formData();
  const enabled = formText(form, 'enabled') === 'true';
  try {
    await setRiskRuleEnabled(context.get(depsContext).db, person.actor, formText(form, 'ruleId'), enabled);
    return data({
      ok: true as const,
      notice: translate(locale, enabled ? 'risk.rules.switchedOn' : 'risk.rules.switchedOff'),
    });
  } catch (raw) {
    const mapped = appErrorToForm(raw, locale);
    if (!mapped) throw raw;
    return data(
      { ok: false as const, error: mapped.errors.form ?? asAppError(raw)?.message ?? '' },
      { status: mapped.status },
    );
  }
}

/** The risk rules: what each watches, its level and categories, on or off, its version. */
export default function RiskRules({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { rules, mayManage, kpis } = loaderData;
  const kpiName = (key: string) => {
    const k = kpis.find((x) => x.key === key);
    return k ? (locale === 'en' ? k.nameEn : k.nameZh) : key;
  };
  return (
    <div className="page">
      <title>{`${t('risk.rules.title')} · ${t('app.name')}`}</title>
      <header className="page-header page-header--row">
        <div>
          <p className="page-header__eyebrow">{t('risk.eyebrow')}</p>
          <h1>{t('risk.rules.title')}</h1>
          <p className="muted">{t('risk.rules.intro')}</p>
        </div>
        {mayManage ? (
          <AppLink to="/s/risk/rules/new" className="button button--primary">
            {t('risk.rules.new')}
          </AppLink>
        ) : null}
      </header>
      {!mayManage ? <p className="muted">{t('risk.rules.readOnly')}</p> : null}
      {actionData?.ok ? <Alert tone="success">{actionData.notice}</Alert> : null}
      {actionData && !actionData.ok ? <Alert tone="error">{actionData.error}</Alert> : null}
      {rules.length === 0 ? (
        <EmptyState title={t('risk.rules.empty')} />
      ) : (
        <TableRegion labelledBy="risk-rules-caption">
          <table className="table">
            <caption id="risk-rules-caption" className="visually-hidden">
              {t('risk.rules.title')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('risk.rules.name')}</th>
                <th scope="col">{t('risk.rules.kind')}</th>
                <th scope="col">{t('risk.rules.level')}</th>
                <th scope="col">{t('risk.rules.categories')}</th>
                <th scope="col">{t('risk.rules.state')}</th>
                <th scope="col">{t('risk.rules.version')}</th>
              </tr>
            </thead>
            <tbody>
              {rules.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <AppLink to={`/s/risk/rules/${r.id}`}>{locale === 'en' ? r.nameEn : r.nameZh}</AppLink>
                    <p className="muted">
                      <RuleSummary kind={r.kind} params={r.params} kpiName={kpiName} />
                    </p>
                  </th>
                  <td>{t(`risk.kind.${r.kind}`)}</td>
                  <td>
                    <LevelBadge level={r.level} />
                  </td>
                  <td>
                    {r.serviceCategories.map((c) => categoryLabel(t, c)).join(', ') ||
                      t('risk.rules.allCategories')}
                  </td>
                  <td>
                    <Badge tone={r.enabled ? 'positive' : 'neutral'}>
                      {r.enabled ? t('risk.rules.enabled') : t('risk.rules.disabled')}
                    </Badge>
                    {mayManage ? (
                      <Form method="post">
                        <input type="hidden" name="ruleId" value={r.id} />
                        <input type="hidden" name="enabled" value={r.enabled ? 'false' : 'true'} />
                        <button type="submit" className="button button--quiet">
                          {r.enabled ? t('risk.rules.disable') : t('risk.rules.enable')}
                        </button>
                      </Form>
                    ) : null}
                  </td>
                  <td>{r.version}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </div>
  );
}
