import {
  type AuditSearchFilters,
  auditChainSize,
  auditVocabulary,
  partnerChoices,
  searchAuditLog,
  verifyAuditLog,
} from '@outpost/core';
import { auditLabel, auditLabelledCodes, translate } from '@outpost/i18n';
import { Alert } from '@outpost/ui';
import { AuditEntriesTable } from '../../components/audit/entries-table';
import { ChainVerifier } from '../../components/audit/chain-verifier';
import { AppLink } from '../../components/app-link';
import { InputField } from '../../components/staff/fields';
import { depsContext, localeContext } from '../../context';
import { orRouteError } from '../../lib/app-error.server';
import { useT } from '../../lib/i18n';
import { appErrorToForm } from '../../lib/app-error.server';
import { auditFiltersOf, externalCheckpointsOf } from '../../lib/audit/filters';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/audit';
import { FilterSelect } from '../../components/filter-select';
import { ListFilters } from '../../components/list-filters';

/**
 * The audit-log viewer (issue 16, decision record 053): read:audit (auditors, administrators).
 * `?verify=1` runs the chain verification in the page itself (without JavaScript); with it,
 * the verifier streams progress from /s/audit/verify instead.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const db = context.get(depsContext).db;
  const params = new URL(request.url).searchParams;
  const filters = auditFiltersOf(params);
  const before = params.get('before');
  // The permission first (a 403 page), then the search, whose bad input is said above the form.
  const [vocabulary, size, partners] = await orRouteError(locale, () =>
    Promise.all([
      auditVocabulary(db, person.actor),
      auditChainSize(db, person.actor),
      partnerChoices(db, person.actor),
    ]),
  );
  let page: Awaited<ReturnType<typeof searchAuditLog>> | null = null;
  let searchError: string | null = null;
  try {
    page = await searchAuditLog(db, person.actor, {
      ...filters,
      ...(before ? { before } : {}),
    } as AuditSearchFilters);
  } catch (raw) {
    const mapped = appErrorToForm(raw, locale, {
      from: translate(locale, 'audit-viewer.filter.from'),
      to: translate(locale, 'audit-viewer.filter.to'),
      partnerId: translate(locale, 'audit-viewer.filter.partner'),
    });
    if (!mapped) throw raw;
    searchError = mapped.errors.form ?? Object.values(mapped.errors.fields ?? {}).join(' ');
  }
  const external = externalCheckpointsOf(params);
  const verifyError = external.bad ? translate(locale, 'audit-viewer.verify.badCheckpoint') : null;
  const verification =
    params.get('verify') === '1' && !external.bad
      ? await verifyAuditLog(db, person.actor, { external: external.checkpoints })
      : null;
  return {
    filters,
    entries: (page?.entries ?? []).map((e) => ({ ...e, at: e.at.toISOString() })),
    nextBefore: page?.nextBefore ?? null,
    searchError,
    verifyError,
    checkpointLines: params.get('checkpoints') ?? '',
    paged: Boolean(before),
    // Codes stay the filter's values (and the URL's); each is shown with its name, sorted by name.
    entityTypes: vocabulary.entityTypes
      .map((code) => ({ code, label: auditLabel(locale, 'entity', code) }))
      .sort((a, b) => a.label.localeCompare(b.label, locale)),
    actions: auditLabelledCodes('action')
      .map((code) => ({ code, label: auditLabel(locale, 'action', code) }))
      .sort((a, b) => a.code.localeCompare(b.code)),
    partners: partners.map((p) => ({ id: p.id, name: p.name })),
    size,
    verification: verification
      ? {
          report: verification.report,
          brokenEntry: verification.brokenEntry
            ? { ...verification.brokenEntry, at: verification.brokenEntry.at.toISOString() }
            : null,
          durationMs: verification.durationMs,
        }
      : null,
  };
}

export default function AuditLog({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const d = loaderData;
  const query = (extra: Record<string, string>) => {
    const p = new URLSearchParams(d.filters as Record<string, string>);
    for (const [k, v] of Object.entries(extra)) p.set(k, v);
    return p.toString();
  };
  return (
    <div className="page">
      <title>{`${t('audit-viewer.title')} · ${t('app.name')}`}</title>
      <header className="page-header">
        <p className="page-header__eyebrow">{t('audit-viewer.eyebrow')}</p>
        <h1>{t('audit-viewer.title')}</h1>
        <p className="muted">{t('audit-viewer.intro')}</p>
      </header>

      <ChainVerifier
        total={d.size.total}
        checkpoints={d.size.checkpoints}
        initial={d.verification}
        error={d.verifyError}
        lines={d.checkpointLines}
      />

      <ListFilters
        search={false}
        label={t('audit-viewer.search')}
        submitLabel={t('audit-viewer.search')}
        primary={false}
        clear={{ to: '/s/audit', label: t('audit-viewer.clear'), className: 'button--secondary' }}
      >
        <InputField
          name="actor"
          label={t('audit-viewer.filter.actor')}
          defaultValue={d.filters.actor ?? ''}
        />
        <FilterSelect
          id="audit-partner"
          name="partnerId"
          label={t('audit-viewer.filter.partner')}
          allLabel={t('audit-viewer.filter.any')}
          options={d.partners.map((p) => ({ value: p.id, label: p.name }))}
          defaultValue={d.filters.partnerId ?? ''}
        />
        <FilterSelect
          id="audit-entity-type"
          name="entityType"
          label={t('audit-viewer.filter.entityType')}
          allLabel={t('audit-viewer.filter.any')}
          options={d.entityTypes.map((e) => ({
            value: e.code,
            label: e.label === e.code ? e.code : `${e.label} (${e.code})`,
          }))}
          defaultValue={d.filters.entityType ?? ''}
        />
        <InputField
          name="entityId"
          label={t('audit-viewer.filter.entityId')}
          defaultValue={d.filters.entityId ?? ''}
        />
        <InputField
          name="action"
          label={t('audit-viewer.filter.action')}
          defaultValue={d.filters.action ?? ''}
          list="audit-actions"
        />
        <datalist id="audit-actions">
          {d.actions.map((a) => (
            <option key={a.code} value={a.code} label={a.label} />
          ))}
        </datalist>
        <InputField
          name="from"
          type="date"
          label={t('audit-viewer.filter.from')}
          defaultValue={d.filters.from ?? ''}
        />
        <InputField
          name="to"
          type="date"
          label={t('audit-viewer.filter.to')}
          defaultValue={d.filters.to ?? ''}
        />
      </ListFilters>

      {d.searchError ? <Alert tone="error">{d.searchError}</Alert> : null}
      <p>
        <a href={`/s/audit/export?${query({})}`} download>
          {t('audit-viewer.export')}
        </a>
      </p>

      <AuditEntriesTable entries={d.entries} />

      <nav aria-label={t('common.pagination')} className="pagination">
        {d.paged ? <AppLink to={`/s/audit?${query({})}`}>{t('audit-viewer.newest')}</AppLink> : null}{' '}
        {d.nextBefore ? (
          <AppLink to={`/s/audit?${query({ before: String(d.nextBefore) })}`}>
            {t('audit-viewer.older')}
          </AppLink>
        ) : null}
      </nav>
    </div>
  );
}
