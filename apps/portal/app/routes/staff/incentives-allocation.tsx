import { listAllocations } from '@outpost/core';
import { serviceCategories } from '@outpost/db';
import { Form } from 'react-router';
import { AppLink } from '../../components/app-link';
import { AllocationTable } from '../../components/incentives/allocation-table';
import { depsContext, localeContext } from '../../context';
import { orRouteError } from '../../lib/app-error.server';
import { useT } from '../../lib/i18n';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/incentives-allocation';

export async function loader({ context, request }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const params = new URL(request.url).searchParams;
  const category = serviceCategories.find((c) => c === params.get('category'));
  const tables = await orRouteError(locale, () =>
    listAllocations(context.get(depsContext).db, person.actor, category ? { serviceCategory: category } : {}),
  );
  return { category: category ?? '', categories: [...serviceCategories], tables };
}

/** Next quarter's allocation of new business per category, and every earlier table (the history). */
export default function IncentivesAllocation({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const d = loaderData;
  return (
    <div className="page">
      <title>{`${t('incentives.allocation.title')} · ${t('app.name')}`}</title>
      <header className="page-header">
        <p className="page-header__eyebrow">
          <AppLink to="/s/incentives">{t('incentives.title')}</AppLink>
        </p>
        <h1>{t('incentives.allocation.title')}</h1>
        <p className="muted">{t('incentives.allocation.intro')}</p>
      </header>
      <Form method="get" className="filters" aria-label={t('incentives.records.category')}>
        <div className="ui-field">
          <label htmlFor="allocation-category">{t('incentives.records.category')}</label>
          <select id="allocation-category" name="category" defaultValue={d.category}>
            <option value="">{t('targets.all')}</option>
            {d.categories.map((c) => (
              <option key={c} value={c}>
                {t(`category.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t('targets.show')}
        </button>
      </Form>
      {d.tables.length === 0 ? <p>{t('incentives.allocation.none')}</p> : null}
      {d.tables.map((table) => (
        <AllocationTable key={table.id} table={table} exportBase="/s/incentives/allocation/export" />
      ))}
    </div>
  );
}
