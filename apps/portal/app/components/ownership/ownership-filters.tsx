import { useLocale, useT } from '../../lib/i18n';
import { FilterSelect } from '../filter-select';
import type { OwnershipChoices } from './ownership-panel';

/**
 * The department and responsible-person filters of a list (decision record 050), placed inside the
 * list's own GET form so they combine with its other filters.
 */
export function OwnershipFilters({
  choices,
  params,
}: {
  choices: OwnershipChoices;
  /** The list's current search params: `department` and `owner` are the chosen values. */
  params: URLSearchParams;
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <FilterSelect
        id="filter-department"
        name="department"
        label={t('ownership.department')}
        allLabel={t('ownership.allDepartments')}
        options={choices.departments.map((d) => ({
          value: d.id,
          label: locale === 'en' ? d.nameEn : d.nameZh,
        }))}
        defaultValue={params.get('department') ?? ''}
      />
      <FilterSelect
        id="filter-owner"
        name="owner"
        label={t('ownership.person')}
        allLabel={t('ownership.allPeople')}
        options={choices.people.map((p) => ({ value: p.id, label: p.displayName }))}
        defaultValue={params.get('owner') ?? ''}
      />
    </>
  );
}
