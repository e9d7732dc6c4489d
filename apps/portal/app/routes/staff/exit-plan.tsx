import { can, exitPlanAlternativeChoices, getExitPlan, ownershipChoices } from '@outpost/core';
import type { ExitAlternative } from '@outpost/db';
import { formatDateTime, formatDay } from '@outpost/i18n';
import { DescriptionList } from '@outpost/ui';
import { AppLink } from '../../components/app-link';
import { ExitPlanForm } from '../../components/continuity/exit-plan-form';
import { ReviewStateBadge } from '../../components/continuity/review-state';
import { depsContext, localeContext } from '../../context';
import { orRouteError } from '../../lib/app-error.server';
import { saveExitPlanAction } from '../../lib/continuity/exit-plan.server';
import { useT } from '../../lib/i18n';
import type { StaffActionData } from '../../lib/staff/action-result';
import { runStaffAction } from '../../lib/staff/run-action.server';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/exit-plan';

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const db = context.get(depsContext).db;
  const asked = Number(new URL(request.url).searchParams.get('version'));
  const version = Number.isInteger(asked) && asked > 0 ? asked : undefined;
  const mayManage = can(person.actor, 'manage:continuity');
  const { view, partnerChoices, people } = await orRouteError(locale, async () => {
    const view = await getExitPlan(db, person.actor, params.partnerId, { version });
    const [partnerChoices, choices] = mayManage
      ? await Promise.all([
          exitPlanAlternativeChoices(db, person.actor, params.partnerId),
          ownershipChoices(db, person.actor),
        ])
      : [[], { people: [] }];
    return { view, partnerChoices, people: choices.people };
  });
  const shown = view.shown;
  const alternatives = (shown?.alternatives ?? []) as ExitAlternative[];
  return {
    partner: view.partner,
    state: view.state,
    needsPlan: view.partner.criticality !== 'standard',
    viewingOld: view.plan !== null && shown !== null && shown.version !== view.plan.version,
    shownVersion: shown?.version ?? null,
    shown: shown
      ? {
          alternatives: alternatives.map((a) =>
            a.kind === 'partner'
              ? {
                  kind: 'partner' as const,
                  id: a.partnerId,
                  name: view.partnerNames[a.partnerId] ?? a.partnerId,
                }
              : { kind: 'external' as const, id: a.name, name: a.name },
          ),
          steps: shown.steps,
          switchDays: shown.switchDays,
          dataToMigrate: shown.dataToMigrate,
          lastReviewedOn: formatDay(locale, shown.lastReviewedOn),
          lastTestedOn: shown.lastTestedOn ? formatDay(locale, shown.lastTestedOn) : null,
          nextReviewOn: formatDay(locale, shown.nextReviewOn),
          owner: people.find((p) => p.id === shown.ownerId)?.displayName ?? null,
        }
      : null,
    versions: view.versions.map((v) => ({
      version: v.version,
      when: formatDateTime(locale, v.changedAt),
      who: v.changedBy ?? '—',
    })),
    form:
      mayManage && view.partner.criticality !== 'standard'
        ? {
            partnerId: view.partner.id,
            version: view.plan?.version ?? null,
            alternativePartnerIds: (view.plan?.alternatives ?? []).flatMap((a) =>
              a.kind === 'partner' ? [a.partnerId] : [],
            ),
            externalFirms: (view.plan?.alternatives ?? []).flatMap((a) =>
              a.kind === 'external' ? [a.name] : [],
            ),
            steps: view.plan?.steps ?? [],
            switchDays: view.plan?.switchDays ?? null,
            dataToMigrate: view.plan?.dataToMigrate ?? '',
            lastReviewedOn: view.plan?.lastReviewedOn ?? '',
            lastTestedOn: view.plan?.lastTestedOn ?? '',
            nextReviewOn: view.plan?.nextReviewOn ?? '',
            ownerId: view.plan?.ownerId ?? null,
            partnerChoices: partnerChoices.map((p) => ({ id: p.id, legalName: p.legalName })),
            people: people.map((p) => ({ id: p.id, displayName: p.displayName })),
          }
        : null,
  };
}

export function action({ context, request }: Route.ActionArgs) {
  return runStaffAction(context, request, { saveExitPlan: saveExitPlanAction });
}

/** One partner's exit plan: the version shown, its history, and (for risk officers) the form for a new version. */
export default function ExitPlan({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const result = actionData as StaffActionData | undefined;
  const { partner, shown, versions, form } = loaderData;
  return (
    <div className="page">
      <title>{`${t('continuity.plan.title', { partner: partner.legalName })} · ${t('app.name')}`}</title>
      <nav aria-label={t('common.breadcrumb')} className="breadcrumb">
        <AppLink to="/s/exit-plans">{t('continuity.exitPlans.title')}</AppLink>
      </nav>
      <header className="page-header">
        <p className="page-header__eyebrow">{t('continuity.eyebrow')}</p>
        <h1>{t('continuity.plan.title', { partner: partner.legalName })}</h1>
        <p>
          <ReviewStateBadge state={loaderData.state} />{' '}
          <AppLink to={`/s/partners/${partner.id}`}>{partner.legalName}</AppLink>
        </p>
      </header>
      {loaderData.viewingOld ? (
        <p>
          {t('continuity.plan.viewing', { version: loaderData.shownVersion ?? '' })}{' '}
          <AppLink to={`/s/exit-plans/${partner.id}`}>{t('continuity.plan.viewLatest')}</AppLink>
        </p>
      ) : null}
      {!loaderData.needsPlan ? <p className="muted">{t('continuity.plan.notNeeded')}</p> : null}
      {shown ? (
        <section className="card stack" aria-labelledby="exit-plan-shown">
          <h2 id="exit-plan-shown">
            {t('continuity.exitPlans.col.version')} {loaderData.shownVersion}
          </h2>
          <DescriptionList
            items={[
              {
                term: t('continuity.plan.alternatives'),
                details: (
                  <ul>
                    {shown.alternatives.map((a) => (
                      <li key={`${a.kind}:${a.id}`}>
                        {a.kind === 'partner' ? (
                          <AppLink to={`/s/partners/${a.id}`}>{a.name}</AppLink>
                        ) : (
                          t('continuity.plan.external', { name: a.name })
                        )}
                      </li>
                    ))}
                  </ul>
                ),
              },
              {
                term: t('continuity.plan.steps'),
                details: (
                  <ol>
                    {shown.steps.map((s, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: steps are an ordered list of plain text
                      <li key={i}>{s}</li>
                    ))}
                  </ol>
                ),
              },
              {
                term: t('continuity.plan.switchDays'),
                details: t('continuity.exitPlans.days', { count: shown.switchDays }),
              },
              { term: t('continuity.plan.dataToMigrate'), details: shown.dataToMigrate },
              { term: t('continuity.plan.lastReviewedOn'), details: shown.lastReviewedOn ?? '—' },
              {
                term: t('continuity.plan.lastTestedOn'),
                details: shown.lastTestedOn ?? t('continuity.exitPlans.never'),
              },
              { term: t('continuity.plan.nextReviewOn'), details: shown.nextReviewOn ?? '—' },
              { term: t('continuity.plan.owner'), details: shown.owner ?? '—' },
            ]}
          />
        </section>
      ) : (
        <p>{t('continuity.plan.none')}</p>
      )}
      {versions.length > 0 ? (
        <section className="card stack" aria-labelledby="exit-plan-history">
          <h2 id="exit-plan-history">{t('continuity.plan.history')}</h2>
          <ul className="staff-list">
            {versions.map((v) => (
              <li key={v.version}>
                <AppLink to={`/s/exit-plans/${partner.id}?version=${v.version}`}>
                  {t('continuity.plan.versionLine', { version: v.version, when: v.when, who: v.who })}
                </AppLink>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {form && !loaderData.viewingOld ? <ExitPlanForm view={form} result={result} /> : null}
    </div>
  );
}
