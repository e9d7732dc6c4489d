import { can, concentrationView } from '@outpost/core';
import { formatNumber, todayInChina } from '@outpost/i18n';
import { Badge } from '@outpost/ui';
import { ConcentrationLimitForm } from '../../components/continuity/concentration-limit-form';
import { ShareBars } from '../../components/continuity/share-bars';
import { saveConcentrationLimitAction } from '../../lib/continuity/concentration-limit.server';
import type { StaffActionData } from '../../lib/staff/action-result';
import { runStaffAction } from '../../lib/staff/run-action.server';
import { TableRegion } from '../../components/table-region';
import { depsContext, localeContext } from '../../context';
import { orRouteError } from '../../lib/app-error.server';
import { useT } from '../../lib/i18n';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/concentration';

const pct = (n: number) => Math.round(n * 10) / 10;

export async function loader({ context, request }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const view = await orRouteError(locale, () =>
    concentrationView(context.get(depsContext).db, person.actor, { today: todayInChina() }),
  );
  return {
    mayConfigure: can(person.actor, 'manage:requirements'),
    limitPercent: view.limitPercent,
    windowDays: view.windowDays,
    categories: view.categories.map((c) => {
      const ids = [...new Set([...c.volume.shares, ...c.value.shares].map((s) => s.partnerId))];
      const names = new Map([...c.volume.shares, ...c.value.shares].map((s) => [s.partnerId, s.legalName]));
      return {
        category: c.category,
        flags: c.flags,
        servingPartners: c.servingPartners,
        bars: c.volume.shares.map((s) => ({
          partnerId: s.partnerId,
          legalName: s.legalName,
          percent: s.percent,
          above: s.percent > view.limitPercent,
        })),
        rows: ids.map((id) => {
          const v = c.volume.shares.find((s) => s.partnerId === id);
          const m = c.value.shares.find((s) => s.partnerId === id);
          return {
            partnerId: id,
            legalName: names.get(id) ?? id,
            cases: v?.amount ?? 0,
            casesShare: pct(v?.percent ?? 0),
            value: m ? formatNumber(locale, m.amount / 100, 0) : '—',
            valueShare: m ? pct(m.percent) : null,
            above: c.aboveLimitPartnerIds.includes(id),
          };
        }),
      };
    }),
  };
}

export function action({ context, request }: Route.ActionArgs) {
  return runStaffAction(context, request, { concentrationLimit: saveConcentrationLimitAction });
}

/** Per service category, each partner's share of the cases and of the contract value, flagged above the limit. */
export default function Concentration({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { categories, limitPercent, windowDays } = loaderData;
  const flagged = categories.filter((c) => c.flags.length > 0).length;
  return (
    <div className="page">
      <title>{`${t('continuity.concentration.title')} · ${t('app.name')}`}</title>
      <header className="page-header">
        <p className="page-header__eyebrow">{t('continuity.eyebrow')}</p>
        <h1>{t('continuity.concentration.title')}</h1>
        <p className="muted">
          {t('continuity.concentration.intro', { days: windowDays, limit: limitPercent })}
        </p>
        <p>{t('continuity.concentration.flagged', { count: flagged })}</p>
      </header>
      {loaderData.mayConfigure ? (
        <ConcentrationLimitForm
          limitPercent={limitPercent}
          windowDays={windowDays}
          result={actionData as StaffActionData | undefined}
        />
      ) : null}
      {categories.map((c) => {
        const name = t(`category.${c.category}`);
        return (
          <section key={c.category} className="card stack" aria-labelledby={`conc-${c.category}`}>
            <h2 id={`conc-${c.category}`}>
              {name}{' '}
              {c.flags.map((f) => (
                <Badge key={f} tone="negative">
                  {t(`continuity.concentration.flag.${f}`)}
                </Badge>
              ))}
            </h2>
            <p className="muted">{t('continuity.concentration.serving', { count: c.servingPartners })}</p>
            {c.rows.length === 0 ? (
              <p>{t('continuity.concentration.noData')}</p>
            ) : (
              <>
                {c.bars.length > 0 ? (
                  <ShareBars
                    label={t('continuity.concentration.chartLabel', { category: name, limit: limitPercent })}
                    shares={c.bars}
                    limitPercent={limitPercent}
                  />
                ) : null}
                <TableRegion labelledBy={`conc-${c.category}-caption`}>
                  <table className="table">
                    <caption id={`conc-${c.category}-caption`}>
                      {t('continuity.concentration.caption', { category: name })}
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('continuity.concentration.col.partner')}</th>
                        <th scope="col">{t('continuity.concentration.col.cases')}</th>
                        <th scope="col">{t('continuity.concentration.col.casesShare')}</th>
                        <th scope="col">{t('continuity.concentration.col.value')}</th>
                        <th scope="col">{t('continuity.concentration.col.valueShare')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {c.rows.map((r) => (
                        <tr key={r.partnerId}>
                          <th scope="row">
                            {r.legalName}
                            {r.above ? (
                              <>
                                {' '}
                                <Badge tone="negative">{t('continuity.concentration.aboveMark')}</Badge>
                              </>
                            ) : null}
                          </th>
                          <td>{r.cases}</td>
                          <td>{`${r.casesShare} %`}</td>
                          <td>{r.value}</td>
                          <td>{r.valueShare === null ? '—' : `${r.valueShare} %`}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableRegion>
              </>
            )}
          </section>
        );
      })}
    </div>
  );
}
