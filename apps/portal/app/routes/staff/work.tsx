import { can } from '@outpost/core';
import { EmptyState } from '@outpost/ui';
import { AppLink } from '../../components/app-link';
import { WorkGroupCard } from '../../components/work-queue/work-group';
import { depsContext, localeContext } from '../../context';
import { orRouteError } from '../../lib/app-error.server';
import { useT } from '../../lib/i18n';
import { requireKind } from '../../lib/viewer.server';
import { loadWorkQueue } from '../../lib/work-queue/staff-queue.server';
import type { Route } from './+types/work';

export async function loader({ context, request }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const queue = await orRouteError(locale, () =>
    loadWorkQueue(context.get(depsContext).db, person.actor, locale),
  );
  return {
    ...queue,
    name: person.user.displayName,
    // The role is said by the page, in the reader's language, not carried in the person's name.
    roles: person.user.staffRoles,
    canInvite: can(person.actor, 'invite:partner'),
  };
}

/**
 * The staff console's first page: what needs this person, by kind of work, with counts
 * and links to the items that have waited longest (decision record 014).
 */
export default function StaffWork({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { groups, total } = loaderData;
  // Groups with work first, in the registry's order; the ones with nothing waiting after them.
  const ordered = [...groups.filter((g) => g.count > 0), ...groups.filter((g) => g.count === 0)];
  return (
    <div className="page">
      <title>{`${t('work-queue.title')} · ${t('app.name')}`}</title>
      <header className="page-header page-header--row">
        <div>
          <p className="page-header__eyebrow">{t('staff.homeTitle')}</p>
          <h1>{t('work-queue.title')}</h1>
          <p className="muted">
            {t('staff.welcome', { name: loaderData.name })}
            {loaderData.roles.length > 0
              ? ` · ${loaderData.roles.map((role) => t(`role.${role}`)).join(' · ')}`
              : ''}
          </p>
        </div>
        {loaderData.canInvite ? (
          <AppLink to="/s/partners/new" className="button button--primary">
            {t('staff-portal.invite.title')}
          </AppLink>
        ) : null}
      </header>

      {groups.length === 0 ? (
        <EmptyState title={t('work-queue.noGroups')}>
          <p>{t('work-queue.noGroupsHint')}</p>
        </EmptyState>
      ) : (
        <>
          <p className="work-summary">
            {total > 0 ? (
              <>
                <strong>{t('work-queue.total', { count: total })}</strong>{' '}
                <span className="muted">{t('work-queue.intro')}</span>
              </>
            ) : (
              <>
                <strong>{t('work-queue.allClear')}</strong>{' '}
                <span className="muted">{t('work-queue.allClearHint')}</span>
              </>
            )}
          </p>
          <div className="work-groups">
            {ordered.map((group) => (
              <WorkGroupCard key={group.key} group={group} />
            ))}
          </div>
        </>
      )}
    </div>
  );
}
