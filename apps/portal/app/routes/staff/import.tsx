import {
  asAppError,
  can,
  importColumns,
  importTemplateCsv,
  listPartners,
  MAX_IMPORT_BYTES,
  prepareEventImport,
} from '@outpost/core';
import { translate } from '@outpost/i18n';
import { data, useSearchParams } from 'react-router';
import { type CheckResult, ImportUploader } from '../../components/performance/import-uploader';
import { depsContext, localeContext } from '../../context';
import { orRouteError } from '../../lib/app-error.server';
import { useT } from '../../lib/i18n';
import { routeError } from '../../lib/route-error';
import { domainFormErrors } from '../../lib/staff/domain-errors.server';
import { uploadRefusalMessage } from '../../lib/upload-refusal.server';
import { formatBytes } from '@outpost/i18n';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/import';
import { ListFilters, SearchField } from '../../components/list-filters';
import { queryParam } from '../../lib/search-params';

function requireImporter(context: Route.LoaderArgs['context'], request: Request) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  // Core refuses too; checking here turns the page itself into a 403 for people who cannot import.
  if (!can(person.actor, 'ingest:events:any')) throw routeError(locale, 403, 'errors.forbidden');
  return { person, locale, deps: context.get(depsContext) };
}

export async function loader({ context, request }: Route.LoaderArgs) {
  const { person, locale, deps } = requireImporter(context, request);
  const params = new URL(request.url).searchParams;
  if (params.get('template') === 'csv') {
    // A BOM so Excel opens the Chinese sample values as UTF-8.
    return new Response(`\uFEFF${importTemplateCsv}`, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': 'attachment; filename="outpost-events-template.csv"',
      },
    });
  }
  const q = queryParam(params);
  const list = await orRouteError(locale, () =>
    listPartners(deps.db, person.actor, { q: q || undefined, pageSize: 100 }),
  );
  const chosen = params.get('partner') ?? '';
  return {
    q,
    partners: list.items.map((p) => ({ id: p.id, legalName: p.legalName })),
    more: list.total > list.items.length,
    defaultPartner: list.items.some((p) => p.id === chosen) ? chosen : '',
    columns: importColumns,
    maxSize: formatBytes(locale, Math.min(MAX_IMPORT_BYTES, deps.uploadMaxBytes)),
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const { person, locale, deps } = requireImporter(context, request);
  const form = await request.formData();
  const file = form.get('file');
  const partnerId = String(form.get('partnerId') ?? '');
  if (!(file instanceof File) || file.size === 0) {
    return data<CheckResult>(
      {
        ok: false,
        errors: [],
        errorCount: 0,
        fields: { file: translate(locale, 'performance.import.fileRequired') },
      },
      { status: 422 },
    );
  }
  try {
    const prepared = await prepareEventImport(deps.db, person.actor, {
      partnerId,
      fileName: file.name,
      bytes: new Uint8Array(await file.arrayBuffer()),
    });
    if (prepared.errorCount > 0) {
      return data<CheckResult>(
        { ok: false, errors: prepared.errors, errorCount: prepared.errorCount },
        { status: 422 },
      );
    }
    return data<CheckResult>({
      ok: true,
      partnerId: prepared.partnerId,
      events: prepared.events,
      batchSize: prepared.batchSize,
    });
  } catch (error) {
    // A bomb or a program inside the workbook: say so, rather than "could not read the file".
    const refusal = uploadRefusalMessage(error, locale);
    if (refusal) {
      return data<CheckResult>(
        { ok: false, errors: [], errorCount: 0, fields: { file: refusal } },
        { status: asAppError(error)!.status },
      );
    }
    const mapped = domainFormErrors(error, locale, {
      file: 'performance.import.fileUnreadable',
      partnerId: 'performance.import.partnerRequired',
    });
    if (!mapped) throw error;
    // "Not found" for the partner belongs under the partner field.
    const fields = mapped.status === 404 ? { partnerId: mapped.errors.form ?? '' } : mapped.errors.fields;
    return data<CheckResult>(
      { ok: false, errors: [], errorCount: 0, form: mapped.errors.form, fields },
      { status: mapped.status },
    );
  }
}

/** Staff import a partner's service events from a CSV or XLSX file: checked whole, then stored in batches. */
export default function StaffImport({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const [params] = useSearchParams();
  return (
    <div className="page page--medium">
      <title>{`${t('performance.import.title')} · ${t('app.name')}`}</title>
      <header className="page-header">
        <h1>{t('performance.import.title')}</h1>
        <p className="muted">{t('performance.import.intro')}</p>
      </header>

      <ListFilters
        label={t('performance.import.findPartner')}
        submitLabel={t('common.search')}
        primary={false}
      >
        {params.get('partner') ? (
          <input type="hidden" name="partner" value={params.get('partner') ?? ''} />
        ) : null}
        <SearchField id="import-q" label={t('performance.import.findPartner')} defaultValue={loaderData.q} />
      </ListFilters>
      {loaderData.more ? <p className="muted">{t('performance.import.morePartners')}</p> : null}

      <ImportUploader
        partners={loaderData.partners}
        defaultPartner={loaderData.defaultPartner}
        maxSize={loaderData.maxSize}
      />

      <section className="card stack" aria-labelledby="columns-heading">
        <h2 id="columns-heading">{t('performance.import.columnsTitle')}</h2>
        <p>{t('performance.import.columnsIntro')}</p>
        <p>
          <a href="/s/import?template=csv" download className="button">
            {t('performance.import.template')}
          </a>
        </p>
        <dl className="import-columns">
          {loaderData.columns.map((c) => (
            <div key={c}>
              <dt className="mono">{c}</dt>
              <dd>{t(`performance.import.col.${c}`)}</dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  );
}
