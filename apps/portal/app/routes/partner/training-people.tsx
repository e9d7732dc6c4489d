import { Alert, Badge, EmptyState, SelectField, TextField } from '@outpost/ui';
import { data, Form, useNavigation, useSearchParams } from 'react-router';
import { AppLink } from '../../components/app-link';
import { PageLinks } from '../../components/page-links';
import { TableRegion } from '../../components/table-region';
import { categoryLabel } from '../../components/partner-labels';
import { InputField } from '../../components/staff/fields';
import { orRouteError } from '../../lib/app-error.server';
import { useT } from '../../lib/i18n';
import { requirePartner } from '../../lib/partner/partner-viewer.server';
import { pageCount, pageParam } from '../../lib/search-params';
import { loadRoster, rosterAction, serviceCategories } from '../../lib/training/roster.server';
import { type RosterImportReport, rosterImportAction } from '../../lib/training/roster-import.server';
import type { Route } from './+types/training-people';

export async function loader({ context, request }: Route.LoaderArgs) {
  const { actor, deps, locale } = requirePartner(context, request);
  const params = new URL(request.url).searchParams;
  const search = (params.get('q') ?? '').trim().slice(0, 100);
  const roster = await orRouteError(locale, () =>
    loadRoster(deps.db, actor, locale, { page: pageParam(params), search }),
  );
  return {
    ...roster,
    search,
    pages: pageCount(roster.total, roster.pageSize),
    categories: serviceCategories,
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const { actor, deps, locale } = requirePartner(context, request);
  const form = await request.formData();
  if (form.get('intent') === 'import') {
    const report = await rosterImportAction(deps.db, actor, form, locale, deps.uploadMaxBytes);
    return data({ report, at: Date.now() }, { status: report.status });
  }
  const result = await rosterAction(deps.db, actor, form, locale);
  return data({ ...result, at: Date.now() }, { status: result.ok ? 200 : result.status });
}

/** The outcome of a roster import: the counts, then each row with its reasons. */
function ImportReport({ report }: { report: RosterImportReport }) {
  const t = useT();
  if (!report.ok) return <Alert tone="error">{report.error}</Alert>;
  return (
    <div className="stack" aria-live="polite">
      <Alert tone={report.rows?.some((r) => r.problems.length > 0) ? 'info' : 'success'}>
        {report.summary}
      </Alert>
      <TableRegion labelledBy="import-report-caption">
        <table className="table">
          <caption id="import-report-caption">{t('training.import.reportTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('training.import.line')}</th>
              <th scope="col">{t('training.import.person')}</th>
              <th scope="col">{t('training.import.outcome')}</th>
            </tr>
          </thead>
          <tbody>
            {report.rows?.map((r) => (
              <tr key={r.line}>
                <td>{r.line}</td>
                <td>{r.name}</td>
                <td>
                  {r.status}
                  {r.problems.length > 0 ? (
                    <ul>
                      {r.problems.map((p) => (
                        <li key={p}>{p}</li>
                      ))}
                    </ul>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </div>
  );
}

const hours = (minutes: number) => String(Math.round((minutes / 60) * 10) / 10);

/** A partner administrator's training roster: who works on the insurer's business, and their hours. */
export default function TrainingPeople({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const view = loaderData;
  const report = actionData && 'report' in actionData ? actionData.report : null;
  const roster = actionData && !('report' in actionData) ? actionData : null;
  const failed = roster && !roster.ok ? roster : null;
  const fieldErrors = failed?.intent === 'add' ? (failed.errors.fields ?? {}) : {};
  return (
    <div className="page">
      <title>{`${t('training.roster.title')} · ${t('app.name')}`}</title>
      <p>
        <AppLink to="/p/training">← {t('training.back')}</AppLink>
      </p>
      <header className="page-header">
        <p className="page-header__eyebrow">{t('training.nav')}</p>
        <h1>{t('training.roster.title')}</h1>
        <p className="muted">{t('training.roster.intro', { year: view.year })}</p>
      </header>
      {roster?.ok ? <Alert tone="success">{roster.notice}</Alert> : null}
      {failed?.errors.form ? <Alert tone="error">{failed.errors.form}</Alert> : null}

      <Form method="get" className="filters" role="search" aria-label={t('training.roster.search')}>
        <TextField name="q" label={t('training.roster.search')} defaultValue={view.search} />
        <button type="submit" className="button">
          {t('training.roster.searchButton')}
        </button>
      </Form>
      <p className="muted">{t('training.roster.count', { count: view.total })}</p>
      {view.people.length === 0 ? (
        <EmptyState title={view.search ? t('training.roster.noMatch') : t('training.roster.empty')} />
      ) : (
        <TableRegion labelledBy="roster-caption">
          <table className="table">
            <caption id="roster-caption" className="visually-hidden">
              {t('training.roster.title')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('training.roster.name')}</th>
                <th scope="col">{t('training.roster.number')}</th>
                <th scope="col">{t('training.roster.role')}</th>
                <th scope="col">{t('training.roster.category')}</th>
                <th scope="col">{t('training.roster.start')}</th>
                <th scope="col">{t('training.roster.hours', { year: view.year })}</th>
                {view.canManage ? <th scope="col">{t('training.roster.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {view.people.map((p) => (
                <tr key={p.id}>
                  <th scope="row">{p.name}</th>
                  <td>
                    <code>{p.staffNumber}</code>
                  </td>
                  <td>{p.jobRole}</td>
                  <td>{categoryLabel(t, p.serviceCategory)}</td>
                  <td>{p.startDate}</td>
                  <td>
                    {t('training.progressValue', { done: hours(p.done), required: hours(p.required) })}{' '}
                    {p.met ? <Badge tone="positive">{t('training.progressMet')}</Badge> : null}
                  </td>
                  {view.canManage ? (
                    <td>
                      <a href={`/p/training/people/file?records=csv&person=${p.id}`} download>
                        {t('training.records.person', { name: p.name })}
                      </a>
                      <Form method="post">
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="personId" value={p.id} />
                        <button type="submit" className="button button--quiet button--small">
                          {t('training.roster.remove', { name: p.name })}
                        </button>
                      </Form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      <PageLinks page={view.page} pages={view.pages} params={params} />

      {view.canManage ? (
        <section className="card stack" aria-labelledby="records-heading">
          <h2 id="records-heading">{t('training.records.title')}</h2>
          <p className="muted">{t('training.records.intro')}</p>
          <p className="actions">
            <a className="button" href="/p/training/people/file?records=csv" download>
              {t('training.records.csv')}
            </a>{' '}
            <a className="button" href="/p/training/people/file?records=xlsx" download>
              {t('training.records.xlsx')}
            </a>{' '}
            <a className="button" href="/p/training/people/file?records=notices-csv" download>
              {t('training.records.noticesCsv')}
            </a>
          </p>
        </section>
      ) : null}

      {view.canManage ? (
        <section className="card stack" aria-labelledby="import-heading">
          <h2 id="import-heading">{t('training.import.title')}</h2>
          <p className="muted">{t('training.import.intro')}</p>
          <p>
            <a href="/p/training/people/file?template=csv" download>
              {t('training.import.template')}
            </a>
          </p>
          <Form method="post" encType="multipart/form-data" className="stack">
            <input type="hidden" name="intent" value="import" />
            <div className="ui-field">
              <label htmlFor="roster-file">{t('training.import.file')}</label>
              <input
                id="roster-file"
                name="file"
                type="file"
                required
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              />
            </div>
            <p>
              <button type="submit" className="button" disabled={navigation.state === 'submitting'}>
                {t('training.import.submit')}
              </button>
            </p>
          </Form>
          {report ? <ImportReport report={report} /> : null}
        </section>
      ) : null}

      {view.canManage ? (
        <section className="card stack" aria-labelledby="add-heading">
          <h2 id="add-heading">{t('training.roster.addTitle')}</h2>
          <Form method="post" noValidate className="stack" key={roster?.ok ? `add-${roster.at}` : 'add'}>
            <input type="hidden" name="intent" value="add" />
            <TextField name="name" label={t('training.roster.name')} required error={fieldErrors.name} />
            <TextField
              name="staffNumber"
              label={t('training.roster.number')}
              hint={t('training.roster.numberHint')}
              required
              error={fieldErrors.staffNumber}
            />
            <TextField
              name="jobRole"
              label={t('training.roster.role')}
              required
              error={fieldErrors.jobRole}
            />
            <SelectField
              name="serviceCategory"
              label={t('training.roster.category')}
              options={view.categories.map((c) => ({ value: c, label: categoryLabel(t, c) }))}
              error={fieldErrors.serviceCategory}
            />
            <InputField
              name="startDate"
              type="date"
              label={t('training.roster.start')}
              required
              error={fieldErrors.startDate}
            />
            <p>
              <button
                type="submit"
                className="button button--primary"
                disabled={navigation.state === 'submitting'}
              >
                {t('training.roster.add')}
              </button>
            </p>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
