import { listPartners } from '@outpost/core';
import { EmptyState, TextField } from '@outpost/ui';
import { TableRegion } from '../../components/table-region';
import { depsContext, localeContext } from '../../context';
import { orRouteError } from '../../lib/app-error.server';
import { useT } from '../../lib/i18n';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/training-records';
import { ListFilters } from '../../components/list-filters';
import { queryParam } from '../../lib/search-params';

/** Staff choose a partner and download its training records (CSV or Excel). */
export async function loader({ context, request }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const { db } = context.get(depsContext);
  const params = new URL(request.url).searchParams;
  const partnerId = params.get('partner');
  const q = queryParam(params);
  const list = await orRouteError(locale, () =>
    listPartners(db, person.actor, { q: q || undefined, pageSize: 100 }),
  );
  return {
    q,
    chosen: partnerId ?? '',
    partners: list.items.map((p) => ({ id: p.id, legalName: p.legalName })),
  };
}

export default function TrainingRecords({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { partners, q, chosen } = loaderData;
  const shown = chosen ? partners.filter((p) => p.id === chosen) : partners;
  return (
    <div className="page">
      <title>{`${t('training.records.title')} · ${t('app.name')}`}</title>
      <header className="page-header">
        <h1>{t('training.records.title')}</h1>
        <p className="muted">{t('training.records.intro')}</p>
      </header>
      <ListFilters
        label={t('training.records.partner')}
        submitLabel={t('training.records.choose')}
        primary={false}
      >
        <TextField name="q" label={t('training.records.partner')} defaultValue={q} />
      </ListFilters>
      {shown.length === 0 ? (
        <EmptyState title={t('training.records.partner')} />
      ) : (
        <TableRegion labelledBy="records-caption">
          <table className="table">
            <caption id="records-caption" className="visually-hidden">
              {t('training.records.title')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('training.records.partner')}</th>
                <th scope="col">{t('training.records.title')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((p) => (
                <tr key={p.id}>
                  <th scope="row">{p.legalName}</th>
                  <td>
                    <a href={`/s/training/records/file?partner=${p.id}&format=csv`} download>
                      {t('training.records.csv')}
                    </a>{' '}
                    ·{' '}
                    <a href={`/s/training/records/file?partner=${p.id}&format=xlsx`} download>
                      {t('training.records.xlsx')}
                    </a>{' '}
                    ·{' '}
                    <a href={`/s/training/records/file?partner=${p.id}&format=notices-csv`} download>
                      {t('training.records.noticesCsv')}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </div>
  );
}
