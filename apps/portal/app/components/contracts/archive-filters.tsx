import { useSearchParams } from 'react-router';
import { clauseKindCodes, expiryWindows } from '../../lib/contracts/archive-codes';
import { useT } from '../../lib/i18n';
import { FilterSelect } from '../filter-select';

/** The archive's extra filters (decision record 039): partner, clause kind, expiry window. Inside the list's search form. */
export function ArchiveFilters({ partners }: { partners: readonly { id: string; name: string }[] }) {
  const t = useT();
  const [params] = useSearchParams();
  return (
    <>
      <FilterSelect
        id="contracts-partner"
        name="partner"
        label={t('contracts.archive.partner')}
        allLabel={t('contracts.archive.allPartners')}
        options={partners.map((p) => ({ value: p.id, label: p.name }))}
        defaultValue={params.get('partner') ?? ''}
      />
      <FilterSelect
        id="contracts-kind"
        name="kind"
        label={t('contracts.archive.clauseKind')}
        allLabel={t('contracts.archive.allKinds')}
        options={clauseKindCodes.map((k) => ({ value: k, label: t(`contracts.kind.${k}`) }))}
        defaultValue={params.get('kind') ?? ''}
      />
      <FilterSelect
        id="contracts-within"
        name="within"
        label={t('contracts.archive.endsWithin')}
        allLabel={t('contracts.archive.endsAny')}
        options={expiryWindows.map((d) => ({
          value: String(d),
          label: t('contracts.archive.endsWithinDays', { days: d }),
        }))}
        defaultValue={params.get('within') ?? ''}
      />
      <div className="ui-field">
        <label htmlFor="contracts-from">{t('contracts.archive.endsFrom')}</label>
        <input id="contracts-from" name="from" type="date" defaultValue={params.get('from') ?? ''} />
      </div>
      <div className="ui-field">
        <label htmlFor="contracts-to">{t('contracts.archive.endsTo')}</label>
        <input id="contracts-to" name="to" type="date" defaultValue={params.get('to') ?? ''} />
      </div>
    </>
  );
}

/** Download links for the filtered list: every matching row, not only this page. */
export function ArchiveExportLinks({ query }: { query: string }) {
  const t = useT();
  const href = (format: string) => `/s/contracts/export?${query ? `${query}&` : ''}format=${format}`;
  return (
    <p className="filters">
      <span className="muted">{t('contracts.archive.exportHint')}</span>
      <a className="button" href={href('csv')} download>
        {t('contracts.archive.exportCsv')}
      </a>
      <a className="button" href={href('xlsx')} download>
        {t('contracts.archive.exportXlsx')}
      </a>
    </p>
  );
}
