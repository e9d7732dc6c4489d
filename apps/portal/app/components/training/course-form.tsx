import { Alert, SelectField, TextField } from '@outpost/ui';
import { Form, useNavigation } from 'react-router';
import { useT } from '../../lib/i18n';
import type { FormErrors } from '../../lib/form-errors';
import { CheckboxField, InputField, TextAreaField } from '../staff/fields';

/** The values the form shows (the server's CourseFormValues, as plain data). */
export interface CourseFormData {
  category: string;
  titleZh: string;
  titleEn: string;
  bodyZh: string;
  bodyEn: string;
  creditHours: string;
  videoUrl: string;
  passMark: string;
  attemptLimit: string;
  shuffle: boolean;
  questions: {
    kind: 'single' | 'multiple';
    promptZh: string;
    promptEn: string;
    options: { zh: string; en: string }[];
    correct: number[];
  }[];
}

const categories = [
  'law_ethics',
  'professional_skills',
  'product',
  'risk_compliance',
  'information_security',
] as const;

/**
 * A course version's content and assessment, in both languages. Works without script: "add a
 * question" posts the form and comes back with one more question. The `key` of a refused form
 * changes so the inputs show what was sent.
 */
export function CourseForm({
  values,
  errors,
  withCategory,
  submitLabel,
  attachments = [],
}: {
  values: CourseFormData;
  errors: FormErrors;
  withCategory: boolean;
  submitLabel: string;
  attachments?: { id: string; fileName: string }[];
}) {
  const t = useT();
  const navigation = useNavigation();
  const f = errors.fields ?? {};
  return (
    <Form method="post" encType="multipart/form-data" className="stack" noValidate>
      {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
      <input type="hidden" name="questionCount" value={values.questions.length} />
      {withCategory ? (
        <SelectField
          name="category"
          label={t('training-staff.form.category')}
          defaultValue={values.category}
          error={f.category}
          options={categories.map((c) => ({ value: c, label: t(`training.category.${c}`) }))}
        />
      ) : (
        <input type="hidden" name="category" value={values.category} />
      )}
      <TextField
        name="titleZh"
        label={t('training-staff.form.titleZh')}
        defaultValue={values.titleZh}
        error={f.titleZh}
      />
      <TextField
        name="titleEn"
        label={t('training-staff.form.titleEn')}
        defaultValue={values.titleEn}
        error={f.titleEn}
      />
      <TextAreaField
        name="bodyZh"
        rows={8}
        label={t('training-staff.form.bodyZh')}
        hint={t('training-staff.form.bodyHint')}
        defaultValue={values.bodyZh}
        error={f.bodyZh}
      />
      <TextAreaField
        name="bodyEn"
        rows={8}
        label={t('training-staff.form.bodyEn')}
        hint={t('training-staff.form.bodyHint')}
        defaultValue={values.bodyEn}
        error={f.bodyEn}
      />
      <InputField
        name="creditHours"
        type="number"
        step="0.25"
        min="0.25"
        max="100"
        label={t('training-staff.form.creditHours')}
        hint={t('training-staff.form.creditHint')}
        defaultValue={values.creditHours}
        error={f.creditHours}
      />
      <InputField
        name="videoUrl"
        type="url"
        label={t('training-staff.form.videoUrl')}
        defaultValue={values.videoUrl}
        error={f.videoUrl}
      />
      {attachments.length > 0 ? (
        <fieldset className="ui-field staff-choices">
          <legend>{t('training-staff.form.keepAttachments')}</legend>
          {attachments.map((a) => (
            <label key={a.id} className="staff-check">
              <input type="checkbox" name="keep" value={a.id} defaultChecked />
              <span>{a.fileName}</span>
            </label>
          ))}
        </fieldset>
      ) : null}
      <div className={f.attachments ? 'ui-field ui-field--invalid' : 'ui-field'}>
        <label htmlFor="course-attachments">{t('training-staff.form.attachments')}</label>
        <input
          id="course-attachments"
          type="file"
          name="attachments"
          accept="application/pdf,.pdf"
          multiple
          aria-invalid={f.attachments ? true : undefined}
          aria-describedby={f.attachments ? 'course-attachments-error' : undefined}
        />
        {f.attachments ? (
          <p id="course-attachments-error" className="ui-field__error">
            {f.attachments}
          </p>
        ) : null}
      </div>
      <InputField
        name="passMark"
        type="number"
        min="0"
        max="100"
        label={t('training-staff.form.passMark')}
        defaultValue={values.passMark}
        error={f.passMark}
      />
      <InputField
        name="attemptLimit"
        type="number"
        min="1"
        max="20"
        label={t('training-staff.form.attemptLimit')}
        defaultValue={values.attemptLimit}
        error={f.attemptLimit}
      />
      <CheckboxField
        name="shuffle"
        label={t('training-staff.form.shuffle')}
        defaultChecked={values.shuffle}
      />

      <section className="stack" aria-labelledby="questions-heading">
        <h2 id="questions-heading">{t('training-staff.form.questions')}</h2>
        <p className="muted">{t('training-staff.form.questionsHint')}</p>
        {f.questions ? <p className="ui-field__error">{f.questions}</p> : null}
        {values.questions.map((q, i) => (
          <fieldset
            // biome-ignore lint/suspicious/noArrayIndexKey: questions are positional in the form
            key={i}
            className={f[`q${i}`] ? 'card stack ui-field--invalid' : 'card stack'}
            aria-describedby={f[`q${i}`] ? `q${i}-error` : undefined}
          >
            <legend>{t('training-staff.form.question', { n: i + 1 })}</legend>
            {f[`q${i}`] ? (
              <p id={`q${i}-error`} className="ui-field__error">
                {f[`q${i}`]}
              </p>
            ) : null}
            <input type="hidden" name={`q${i}.optionCount`} value={q.options.length} />
            <SelectField
              name={`q${i}.kind`}
              label={t('training-staff.form.kind')}
              defaultValue={q.kind}
              options={[
                { value: 'single', label: t('training-staff.form.kind.single') },
                { value: 'multiple', label: t('training-staff.form.kind.multiple') },
              ]}
            />
            <TextField
              name={`q${i}.promptZh`}
              label={t('training-staff.form.promptZh')}
              defaultValue={q.promptZh}
            />
            <TextField
              name={`q${i}.promptEn`}
              label={t('training-staff.form.promptEn')}
              defaultValue={q.promptEn}
            />
            {q.options.map((o, j) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: options are positional in the form
              <div key={j} className="training-option">
                <TextField
                  name={`q${i}.o${j}.zh`}
                  label={t('training-staff.form.optionZh', { n: j + 1 })}
                  defaultValue={o.zh}
                />
                <TextField
                  name={`q${i}.o${j}.en`}
                  label={t('training-staff.form.optionEn', { n: j + 1 })}
                  defaultValue={o.en}
                />
                <label className="staff-check">
                  <input
                    type="checkbox"
                    name={`q${i}.correct`}
                    value={j}
                    defaultChecked={q.correct.includes(j)}
                  />
                  <span>{t('training-staff.form.correct', { n: j + 1 })}</span>
                </label>
              </div>
            ))}
          </fieldset>
        ))}
        <div>
          <button type="submit" name="intent" value="addQuestion" className="button" formNoValidate>
            {t('training-staff.form.addQuestion')}
          </button>
        </div>
      </section>
      <div>
        <button
          type="submit"
          name="intent"
          value="publish"
          className="button button--primary"
          disabled={navigation.state === 'submitting'}
        >
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
