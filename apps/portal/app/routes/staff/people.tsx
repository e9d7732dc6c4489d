import { listDepartments, listStaff, pendingStaffInvitations } from '@outpost/core';
import { formatDateTime } from '@outpost/i18n';
import { Badge, EmptyState, SelectField } from '@outpost/ui';
import { Form, useSearchParams } from 'react-router';
import { AppLink } from '../../components/app-link';
import { PageLinks } from '../../components/page-links';
import { InviteStaffForm, PersonActions } from '../../components/staff/people-forms';
import { FormOutcome } from '../../components/staff/form-outcome';
import { depsContext, localeContext } from '../../context';
import { orRouteError } from '../../lib/app-error.server';
import { useT } from '../../lib/i18n';
import { pageInfo, pageParam, queryParam } from '../../lib/search-params';
import type { StaffActionData } from '../../lib/staff/action-result';
import { type PeopleExtra, peopleActions } from '../../lib/staff/people-actions.server';
import { runStaffAction } from '../../lib/staff/run-action.server';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/people';
import { ListFilters, SearchField } from '../../components/list-filters';

const PAGE_SIZE = 25;

export async function loader({ context, request }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const db = context.get(depsContext).db;
  const params = new URL(request.url).searchParams;
  const q = queryParam(params);
  const statusParam = params.get('status');
  const status = statusParam === 'active' || statusParam === 'disabled' ? statusParam : 'all';
  const departmentParam = params.get('department') ?? '';
  const [result, pending, departments] = await orRouteError(locale, async () => {
    const all = await listDepartments(db);
    const departmentId = all.some((d) => d.id === departmentParam) ? departmentParam : undefined;
    return Promise.all([
      listStaff(db, person.actor, {
        q: q || undefined,
        status,
        departmentId,
        page: pageParam(params),
        pageSize: PAGE_SIZE,
      }),
      pendingStaffInvitations(db, person.actor),
      Promise.resolve(all),
    ]);
  });
  const nameOf = (d: { nameZh: string; nameEn: string }) => (locale === 'en' ? d.nameEn : d.nameZh);
  return {
    q,
    status,
    department: departmentParam,
    ...pageInfo(result, PAGE_SIZE),
    departments: departments.map((d) => ({ value: d.id, label: nameOf(d) })),
    people: result.items.map((p) => ({
      id: p.id,
      displayName: p.displayName,
      email: p.email,
      staffRoles: [...p.staffRoles],
      departmentId: p.department?.id ?? null,
      department: p.department ? nameOf(p.department) : null,
      active: p.status === 'active',
      isYou: p.id === person.user.id,
      mfaEnabled: p.mfaEnabled,
      lastSignedInAt: p.lastSignedInAt?.toISOString() ?? null,
      lastSignedIn: p.lastSignedInAt ? formatDateTime(locale, p.lastSignedInAt) : null,
    })),
    pending: pending.map((i) => ({
      id: i.id,
      email: i.email,
      staffRoles: [...i.staffRoles],
      department: (() => {
        const d = departments.find((x) => x.id === i.departmentId);
        return d ? nameOf(d) : null;
      })(),
      expiresAt: i.expiresAt.toISOString(),
      expires: formatDateTime(locale, i.expiresAt),
    })),
  };
}

export function action({ context, request }: Route.ActionArgs) {
  return runStaffAction(context, request, peopleActions);
}

/** Staff administration (decision record 042): who works here, in which role and department, and who left. */
export default function StaffPeople({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const [params] = useSearchParams();
  const result = actionData as StaffActionData<PeopleExtra> | undefined;
  const { people, pending, departments } = loaderData;
  const filtered = Boolean(loaderData.q) || loaderData.status !== 'all' || Boolean(loaderData.department);
  const roles = (codes: string[]) => codes.map((r) => t(`role.${r}` as never)).join(' · ');
  return (
    <div className="page">
      <title>{`${t('people.title')} · ${t('app.name')}`}</title>
      <header className="page-header page-header--row">
        <div>
          <p className="page-header__eyebrow">{t('staff.homeTitle')}</p>
          <h1>{t('people.title')}</h1>
          <p className="muted">{t('people.intro')}</p>
        </div>
        <AppLink to="/s/people/departments" className="button">
          {t('people.nav.departments')}
        </AppLink>
      </header>

      <ListFilters
        label={t('people.search')}
        submitLabel={t('common.search')}
        clear={filtered ? { to: '/s/people', label: t('staff.clearSearch') } : null}
      >
        <SearchField id="people-q" label={t('people.search')} defaultValue={loaderData.q} />
        <SelectField
          name="status"
          label={t('people.filter.status')}
          defaultValue={loaderData.status}
          options={[
            { value: 'all', label: t('people.filter.allStatuses') },
            { value: 'active', label: t('people.status.active') },
            { value: 'disabled', label: t('people.status.disabled') },
          ]}
        />
        <SelectField
          name="department"
          label={t('people.filter.department')}
          defaultValue={loaderData.department}
          options={[{ value: '', label: t('people.filter.allDepartments') }, ...departments]}
        />
      </ListFilters>

      <p className="muted" role="status">
        {t('people.count', { count: loaderData.total })}
      </p>
      {people.length === 0 ? (
        <EmptyState title={t('people.empty')} />
      ) : (
        // biome-ignore lint/a11y/useSemanticElements: a labelled scroll container, not a document section.
        // biome-ignore lint/a11y/noNoninteractiveTabindex: keyboard users need focus to scroll it.
        <div className="table-scroll" role="region" aria-labelledby="people-caption" tabIndex={0}>
          <table className="table">
            <caption id="people-caption" className="visually-hidden">
              {t('people.title')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('people.col.name')}</th>
                <th scope="col">{t('people.col.roles')}</th>
                <th scope="col">{t('people.col.department')}</th>
                <th scope="col">{t('people.col.status')}</th>
                <th scope="col">{t('people.col.lastSignIn')}</th>
                <th scope="col">{t('people.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {people.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    {p.displayName}
                    {p.isYou ? <span className="muted"> {t('people.you')}</span> : null}
                    <br />
                    <span className="muted">{p.email}</span>
                  </th>
                  <td>{roles(p.staffRoles)}</td>
                  <td>{p.department ?? t('people.noDepartment')}</td>
                  <td>
                    <Badge tone={p.active ? 'positive' : 'neutral'}>
                      {t(p.active ? 'people.status.active' : 'people.status.disabled')}
                    </Badge>
                    <br />
                    <span className="muted">{t(p.mfaEnabled ? 'people.mfa.on' : 'people.mfa.off')}</span>
                  </td>
                  <td>
                    {p.lastSignedInAt ? (
                      <time dateTime={p.lastSignedInAt}>{p.lastSignedIn}</time>
                    ) : (
                      t('people.never')
                    )}
                  </td>
                  <td>
                    <PersonActions person={p} result={result} departments={departments} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <PageLinks page={loaderData.page} pages={loaderData.pages} params={params} />

      <section className="card stack" aria-labelledby="pending-staff-heading">
        <h2 id="pending-staff-heading">{t('people.pending.title')}</h2>
        <FormOutcome result={result} intent="revoke" />
        {pending.length === 0 ? (
          <p className="muted">{t('people.pending.none')}</p>
        ) : (
          <ul className="plain-list">
            {pending.map((i) => (
              <li key={i.id}>
                {i.email} · {roles(i.staffRoles)} · {i.department ?? t('people.noDepartment')} ·{' '}
                <span className="muted">{t('people.pending.expires', { when: i.expires })}</span>{' '}
                <Form method="post" preventScrollReset className="people-inline">
                  <input type="hidden" name="intent" value="revoke" />
                  <input type="hidden" name="invitationId" value={i.id} />
                  <button type="submit" className="button button--quiet">
                    {t('people.pending.revoke')}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>

      <InviteStaffForm result={result} departments={departments} />
    </div>
  );
}
