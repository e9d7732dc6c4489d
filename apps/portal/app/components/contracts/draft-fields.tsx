import { useId } from 'react';
import type { DraftFormValues, DraftVariable } from '../../lib/contracts/draft-form';
import { slaRows } from '../../lib/contracts/draft-form';
import { useT } from '../../lib/i18n';
import { CheckboxField, InputField } from '../staff/fields';

interface Props {
  values: DraftFormValues;
  errors: Record<string, string>;
  variables: DraftVariable[];
  kpis: { key: string; name: string }[];
}

/** A labelled select whose error is tied to it (like InputField). */
function Select({
  name,
  label,
  error,
  defaultValue,
  options,
}: {
  name: string;
  label: string;
  error?: string | undefined;
  defaultValue: string;
  options: { value: string; label: string }[];
}) {
  const id = useId();
  return (
    <div className={error ? 'ui-field ui-field--invalid' : 'ui-field'}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={name}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error ? (
        <p id={`${id}-error`} className="ui-field__error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The draft's terms, one input per clause variable (by its type) and the SLA target rows. */
export function DraftFields({ values, errors, variables, kpis }: Props) {
  const t = useT();
  const rows = Array.from({ length: slaRows }, (_, i) => values.sla[i]);
  return (
    <>
      <fieldset className="card stack">
        <legend>{t('contracts.form.termsTitle')}</legend>
        <InputField
          name="startDate"
          type="date"
          label={t('contracts.form.startDate')}
          defaultValue={values.startDate}
          error={errors.startDate}
        />
        <InputField
          name="endDate"
          type="date"
          label={t('contracts.form.endDate')}
          defaultValue={values.endDate}
          error={errors.endDate}
        />
        <CheckboxField
          name="autoRenew"
          label={t('contracts.form.autoRenew')}
          defaultChecked={values.autoRenew}
        />
        <InputField
          name="noticeDays"
          type="number"
          min={0}
          max={3650}
          step={1}
          label={t('contracts.form.noticeDays')}
          defaultValue={values.noticeDays}
          error={errors.noticeDays}
        />
        <InputField
          name="annualValue"
          inputMode="decimal"
          label={t('contracts.form.annualValue')}
          defaultValue={values.annualValue}
          error={errors.annualValue}
        />
        <InputField
          name="currency"
          maxLength={3}
          label={t('contracts.form.currency')}
          defaultValue={values.currency}
          error={errors.currency}
        />
        <InputField
          name="governingLaw"
          maxLength={200}
          label={t('contracts.form.governingLaw')}
          defaultValue={values.governingLaw}
          error={errors.governingLaw}
        />
        <Select
          name="language"
          label={t('contracts.form.language')}
          defaultValue={values.language}
          error={errors.language}
          options={[
            { value: 'zh-CN', label: t('contracts.lang.zh') },
            { value: 'en', label: t('contracts.lang.en') },
          ]}
        />
      </fieldset>

      {variables.length > 0 ? (
        <fieldset className="card stack">
          <legend>{t('contracts.form.valuesTitle')}</legend>
          <p className="muted">{t('contracts.form.valuesIntro')}</p>
          {variables.map((v) => (
            <InputField
              key={v.name}
              name={`value.${v.name}`}
              label={v.type === 'money' ? t('contracts.form.moneyLabel', { label: v.label }) : v.label}
              type={v.type === 'date' ? 'date' : v.type === 'text' || v.type === 'money' ? 'text' : 'number'}
              inputMode={v.type === 'money' ? 'decimal' : undefined}
              step={v.type === 'number' || v.type === 'percent' ? 'any' : v.type === 'days' ? 1 : undefined}
              min={v.type === 'percent' || v.type === 'days' ? 0 : undefined}
              max={v.type === 'percent' ? 100 : v.type === 'days' ? 3650 : undefined}
              defaultValue={values.values[v.name] ?? ''}
              error={errors[`value.${v.name}`]}
            />
          ))}
        </fieldset>
      ) : null}

      <fieldset className="card stack">
        <legend>{t('contracts.form.slaTitle')}</legend>
        <p className="muted">{t('contracts.form.slaIntro')}</p>
        {rows.map((row, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions of the form.
          <fieldset key={i} className="filters">
            <legend>{t('contracts.form.slaRow', { n: i + 1 })}</legend>
            <Select
              name={`sla.${i}.kpiKey`}
              label={t('contracts.form.kpi')}
              defaultValue={row?.kpiKey ?? ''}
              error={errors[`sla.${i}.kpiKey`]}
              options={[
                { value: '', label: t('contracts.form.noKpi') },
                ...kpis.map((k) => ({ value: k.key, label: k.name })),
              ]}
            />
            <Select
              name={`sla.${i}.comparator`}
              label={t('contracts.form.comparator')}
              defaultValue={row?.comparator ?? 'gte'}
              error={errors[`sla.${i}.comparator`]}
              options={[
                { value: 'gte', label: t('contracts.form.gte') },
                { value: 'lte', label: t('contracts.form.lte') },
              ]}
            />
            <InputField
              name={`sla.${i}.target`}
              type="number"
              step="any"
              label={t('contracts.form.target')}
              defaultValue={row?.target ?? ''}
              error={errors[`sla.${i}.target`]}
            />
            <Select
              name={`sla.${i}.period`}
              label={t('contracts.form.period')}
              defaultValue={row?.period ?? 'month'}
              error={errors[`sla.${i}.period`]}
              options={[
                { value: 'month', label: t('contracts.pdf.period.month') },
                { value: 'quarter', label: t('contracts.pdf.period.quarter') },
              ]}
            />
          </fieldset>
        ))}
      </fieldset>
    </>
  );
}
