import { Alert, SelectField, TextField } from '@outpost/ui';
import { Form, useNavigation } from 'react-router';
import type { FormErrors } from '../../lib/form-errors';
import { useT } from '../../lib/i18n';
import { categoryLabel } from '../partner-labels';
import { CheckboxField, InputField, TextAreaField } from '../staff/fields';

/** The values the form shows (the server's NoticeFormValues, as plain data). */
export interface NoticeFormData {
  kind: string;
  titleZh: string;
  titleEn: string;
  bodyZh: string;
  bodyEn: string;
  target: string;
  partnerId: string;
  serviceCategory: string;
  personId: string;
  requiresConfirmation: boolean;
  confirmBy: string;
}

const kinds = ['regulation', 'policy', 'risk_bulletin'] as const;
const targets = ['partner', 'category', 'person'] as const;

/**
 * A notice in both languages, who it is for and whether each person must confirm it. Works
 * without script: all three target selects are shown and the chosen target says which counts.
 */
export function NoticeForm({
  values,
  errors,
  choices,
  serviceCategories,
}: {
  values: NoticeFormData;
  errors: FormErrors;
  choices: {
    partners: { id: string; name: string }[];
    people: { id: string; name: string; partnerName: string }[];
  };
  serviceCategories: readonly string[];
}) {
  const t = useT();
  const navigation = useNavigation();
  const f = errors.fields ?? {};
  const choose = { value: '', label: t('training-notices.form.choose') };
  return (
    <Form method="post" encType="multipart/form-data" className="stack" noValidate>
      {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
      <SelectField
        name="kind"
        label={t('training-notices.form.kind')}
        defaultValue={values.kind}
        error={f.kind}
        options={kinds.map((k) => ({ value: k, label: t(`training-notices.kind.${k}`) }))}
      />
      <TextField
        name="titleZh"
        label={t('training-notices.form.titleZh')}
        defaultValue={values.titleZh}
        error={f.titleZh}
      />
      <TextField
        name="titleEn"
        label={t('training-notices.form.titleEn')}
        defaultValue={values.titleEn}
        error={f.titleEn}
      />
      <TextAreaField
        name="bodyZh"
        label={t('training-notices.form.bodyZh')}
        defaultValue={values.bodyZh}
        error={f.bodyZh}
        rows={8}
      />
      <TextAreaField
        name="bodyEn"
        label={t('training-notices.form.bodyEn')}
        defaultValue={values.bodyEn}
        error={f.bodyEn}
        rows={8}
      />
      <SelectField
        name="target"
        label={t('training-notices.form.target')}
        defaultValue={values.target}
        error={f.target}
        options={targets.map((k) => ({ value: k, label: t(`training-notices.form.target.${k}`) }))}
      />
      <SelectField
        name="partnerId"
        label={t('training-notices.form.partnerId')}
        defaultValue={values.partnerId}
        error={f.partnerId}
        options={[choose, ...choices.partners.map((p) => ({ value: p.id, label: p.name }))]}
      />
      <SelectField
        name="serviceCategory"
        label={t('training-notices.form.serviceCategory')}
        defaultValue={values.serviceCategory}
        error={f.serviceCategory}
        options={[choose, ...serviceCategories.map((c) => ({ value: c, label: categoryLabel(t, c) }))]}
      />
      <SelectField
        name="personId"
        label={t('training-notices.form.personId')}
        defaultValue={values.personId}
        error={f.personId}
        options={[
          choose,
          ...choices.people.map((p) => ({ value: p.id, label: `${p.name} (${p.partnerName})` })),
        ]}
      />
      <CheckboxField
        name="requiresConfirmation"
        label={t('training-notices.form.requiresConfirmation')}
        defaultChecked={values.requiresConfirmation}
      />
      <InputField
        name="confirmBy"
        type="date"
        label={t('training-notices.form.confirmBy')}
        hint={t('training-notices.form.confirmByHint')}
        defaultValue={values.confirmBy}
        error={f.confirmBy}
      />
      <div className={f.attachments ? 'ui-field ui-field--invalid' : 'ui-field'}>
        <label htmlFor="notice-attachments">{t('training-notices.form.attachments')}</label>
        <input
          id="notice-attachments"
          type="file"
          name="attachments"
          accept="application/pdf,.pdf"
          multiple
          aria-invalid={f.attachments ? true : undefined}
          aria-describedby={f.attachments ? 'notice-attachments-error' : undefined}
        />
        {f.attachments ? (
          <p id="notice-attachments-error" className="ui-field__error">
            {f.attachments}
          </p>
        ) : null}
      </div>
      <div>
        <button type="submit" className="button button--primary" disabled={navigation.state === 'submitting'}>
          {t('training-notices.form.submit')}
        </button>
      </div>
    </Form>
  );
}
