import { Form } from 'react-router';
import type { FormErrors } from '../../lib/form-errors';
import { useT } from '../../lib/i18n';
import { riskPlanScenarioCodes } from '../../lib/risk/incident-codes';
import { serviceCategoryCodes } from '../../lib/risk/risk-codes';
import { CheckboxField, CheckboxGroup, InputField, TextAreaField } from '../staff/fields';

export interface PlanValues {
  scenario: string;
  serviceCategories: readonly string[];
  titleZh: string;
  titleEn: string;
  bodyZh: string;
  bodyEn: string;
  stepsZh: string;
  stepsEn: string;
  active: boolean;
}

/** The emergency plan form, both languages side by side in reading order (Chinese first). */
export function PlanForm({
  values,
  errors,
  submitLabel,
  showActive,
}: {
  values: PlanValues;
  errors?: FormErrors | null | undefined;
  submitLabel: string;
  showActive: boolean;
}) {
  const t = useT();
  const err = (name: string) => errors?.fields?.[name];
  return (
    <Form method="post" className="card stack" noValidate>
      <div className="ui-field">
        <label htmlFor="plan-scenario">{t('risk.plan.field.scenario')}</label>
        <select id="plan-scenario" name="scenario" defaultValue={values.scenario || 'other'}>
          {riskPlanScenarioCodes.map((s) => (
            <option key={s} value={s}>
              {t(`risk.scenario.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <CheckboxGroup
        name="serviceCategories"
        label={t('risk.plan.field.categories')}
        options={serviceCategoryCodes.map((c) => ({ value: c, label: t(`category.${c}`) }))}
        defaultValues={values.serviceCategories}
        error={err('serviceCategories')}
      />
      <InputField
        name="titleZh"
        label={t('risk.plan.field.titleZh')}
        defaultValue={values.titleZh}
        error={err('titleZh')}
        maxLength={200}
      />
      <InputField
        name="titleEn"
        label={t('risk.plan.field.titleEn')}
        defaultValue={values.titleEn}
        error={err('titleEn')}
        maxLength={200}
      />
      <TextAreaField
        name="bodyZh"
        label={t('risk.plan.field.bodyZh')}
        defaultValue={values.bodyZh}
        error={err('bodyZh')}
        rows={8}
        maxLength={20000}
      />
      <TextAreaField
        name="bodyEn"
        label={t('risk.plan.field.bodyEn')}
        defaultValue={values.bodyEn}
        error={err('bodyEn')}
        rows={8}
        maxLength={20000}
      />
      <TextAreaField
        name="stepsZh"
        label={t('risk.plan.field.stepsZh')}
        defaultValue={values.stepsZh}
        error={err('stepsZh')}
        rows={6}
      />
      <TextAreaField
        name="stepsEn"
        label={t('risk.plan.field.stepsEn')}
        defaultValue={values.stepsEn}
        error={err('stepsEn')}
        rows={6}
      />
      {showActive ? (
        <CheckboxField name="active" label={t('risk.plan.field.active')} defaultChecked={values.active} />
      ) : null}
      <div>
        <button type="submit" className="button button--primary">
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
