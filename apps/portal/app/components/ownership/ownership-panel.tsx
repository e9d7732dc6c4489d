import { useFetcher } from 'react-router';
import { useLocale, useT } from '../../lib/i18n';
import type { StaffActionData } from '../../lib/staff/action-result';
import { FormOutcome, fieldErrorsOf } from '../staff/form-outcome';

export interface OwnershipChoices {
  people: { id: string; displayName: string; departmentId: string | null }[];
  departments: { id: string; nameZh: string; nameEn: string }[];
}

export interface OwnershipView {
  entity: 'partner' | 'contract' | 'risk_alert' | 'rectification_item';
  id: string;
  ownerId: string | null;
  departmentId: string | null;
  /** Null: the reader may not change them (only shown). */
  choices: OwnershipChoices | null;
  ownerName: string | null;
  departmentName: string | null;
}

/**
 * The owning department and the responsible person of one record (decision record 050). Left on
 * "the person's department", the department follows the person chosen.
 */
export function OwnershipPanel({ view, compact = false }: { view: OwnershipView; compact?: boolean }) {
  const t = useT();
  // Posted to /s/ownership from whichever page shows the record; the page's data reloads after it.
  const fetcher = useFetcher<StaffActionData>();
  const result = fetcher.data;
  const target = `${view.entity}:${view.id}`;
  const errors = fieldErrorsOf(result, 'ownership', target);
  const body = view.choices ? (
    <fetcher.Form
      method="post"
      action="/s/ownership"
      noValidate
      className={compact ? 'inline-form' : 'stack'}
    >
      <FormOutcome result={result} intent="ownership" target={target} />
      <input type="hidden" name="intent" value="ownership" />
      <input type="hidden" name="target" value={target} />
      <input type="hidden" name="entity" value={view.entity} />
      <input type="hidden" name="id" value={view.id} />
      <OwnershipSelects view={view} choices={view.choices} errors={errors} idPrefix={`own-${view.id}`} />
      <div>
        <button type="submit" className="button">
          {t('ownership.save')}
        </button>
      </div>
    </fetcher.Form>
  ) : (
    <p>
      {view.departmentName ?? t('ownership.none')} · {view.ownerName ?? t('ownership.nobody')}
    </p>
  );
  if (compact) return body;
  return (
    <section className="card stack" aria-labelledby={`ownership-${view.id}`}>
      <h2 id={`ownership-${view.id}`}>{t('ownership.title')}</h2>
      {body}
    </section>
  );
}

function OwnershipSelects({
  view,
  choices,
  errors,
  idPrefix,
}: {
  view: OwnershipView;
  choices: OwnershipChoices;
  errors: Record<string, string>;
  idPrefix: string;
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <div className={errors.departmentId ? 'ui-field ui-field--invalid' : 'ui-field'}>
        <label htmlFor={`${idPrefix}-dept`}>{t('ownership.department')}</label>
        <select
          id={`${idPrefix}-dept`}
          name="departmentId"
          defaultValue={view.departmentId ?? ''}
          aria-invalid={errors.departmentId ? true : undefined}
          aria-describedby={errors.departmentId ? `${idPrefix}-dept-error` : undefined}
        >
          <option value="">{t('ownership.departmentFromPerson')}</option>
          {choices.departments.map((d) => (
            <option key={d.id} value={d.id}>
              {locale === 'en' ? d.nameEn : d.nameZh}
            </option>
          ))}
        </select>
        {errors.departmentId ? (
          <p id={`${idPrefix}-dept-error`} className="ui-field__error">
            {errors.departmentId}
          </p>
        ) : null}
      </div>
      <div className={errors.ownerId ? 'ui-field ui-field--invalid' : 'ui-field'}>
        <label htmlFor={`${idPrefix}-person`}>{t('ownership.person')}</label>
        <select
          id={`${idPrefix}-person`}
          name="ownerId"
          defaultValue={view.ownerId ?? ''}
          aria-invalid={errors.ownerId ? true : undefined}
          aria-describedby={errors.ownerId ? `${idPrefix}-person-error` : undefined}
        >
          <option value="">{t('ownership.nobody')}</option>
          {choices.people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.displayName}
            </option>
          ))}
        </select>
        {errors.ownerId ? (
          <p id={`${idPrefix}-person-error`} className="ui-field__error">
            {errors.ownerId}
          </p>
        ) : null}
      </div>
    </>
  );
}
