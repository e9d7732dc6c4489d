import { useId } from 'react';
import { useT } from '../../lib/i18n';
import { CheckboxField, InputField, TextAreaField } from '../staff/fields';

export interface EditedClause {
  title: string;
  kind: string;
  bodyZh: string;
  bodyEn: string;
}

export interface LibraryChoice {
  versionId: string;
  kind: string;
  title: string;
}

/**
 * The clauses of a draft or amendment: each one's text in both languages with a "remove" box;
 * then a clause to add from the library (by kind) and one written for this contract only.
 */
export function ClauseEditor({
  clauses,
  library,
  kinds,
  errors,
}: {
  clauses: EditedClause[];
  library: LibraryChoice[];
  kinds: string[];
  errors: Record<string, string>;
}) {
  const t = useT();
  const libraryId = useId();
  const kindId = useId();
  const byKind = kinds
    .map((kind) => ({ kind, clauses: library.filter((c) => c.kind === kind) }))
    .filter((g) => g.clauses.length > 0);
  return (
    <>
      <fieldset className="card stack">
        <legend>{t('contracts.form.clausesTitle')}</legend>
        <p className="muted">{t('contracts.form.clausesIntro')}</p>
        <p className="muted">{t('contracts.clauses.mandatoryHint')}</p>
        {clauses.map((c, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: clauses are numbered by their order.
          <details key={i} className="stack">
            <summary>
              {t('contracts.pdf.article', { n: i + 1 })} {c.title}{' '}
              <span className="muted">{t(`contracts.kind.${c.kind}` as 'contracts.kind.rights')}</span>
            </summary>
            <TextAreaField
              name={`clause.${i}.bodyZh`}
              label={t('contracts.form.clauseZh', { n: i + 1 })}
              defaultValue={c.bodyZh}
              error={errors[`clause.${i}.bodyZh`]}
              rows={5}
              maxLength={20_000}
            />
            <TextAreaField
              name={`clause.${i}.bodyEn`}
              label={t('contracts.form.clauseEn', { n: i + 1 })}
              defaultValue={c.bodyEn}
              error={errors[`clause.${i}.bodyEn`]}
              rows={5}
              maxLength={20_000}
            />
            <CheckboxField name={`clause.${i}.remove`} label={t('contracts.clauses.remove')} />
          </details>
        ))}
      </fieldset>

      <fieldset className="card stack">
        <legend>{t('contracts.clauses.addLibrary')}</legend>
        <div className="ui-field">
          <label htmlFor={libraryId}>{t('contracts.clauses.addLibrary')}</label>
          <p className="ui-field__hint">{t('contracts.clauses.addLibraryHint')}</p>
          <select id={libraryId} name="add.library" defaultValue="">
            <option value="">{t('contracts.clauses.addLibraryNone')}</option>
            {byKind.map((g) => (
              <optgroup key={g.kind} label={t(`contracts.kind.${g.kind}` as 'contracts.kind.rights')}>
                {g.clauses.map((c) => (
                  <option key={c.versionId} value={c.versionId}>
                    {c.title}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
      </fieldset>

      <fieldset className="card stack">
        <legend>{t('contracts.clauses.addOwn')}</legend>
        <p className="muted">{t('contracts.clauses.addOwnHint')}</p>
        <div className={errors['add.own'] ? 'ui-field ui-field--invalid' : 'ui-field'}>
          <label htmlFor={kindId}>{t('contracts.clauses.kind')}</label>
          <select
            id={kindId}
            name="add.kind"
            defaultValue=""
            aria-invalid={errors['add.own'] ? true : undefined}
            aria-describedby={errors['add.own'] ? `${kindId}-error` : undefined}
          >
            <option value="">{t('contracts.clauses.addLibraryNone')}</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {t(`contracts.kind.${k}` as 'contracts.kind.rights')}
              </option>
            ))}
          </select>
          {errors['add.own'] ? (
            <p id={`${kindId}-error`} className="ui-field__error">
              {errors['add.own']}
            </p>
          ) : null}
        </div>
        <InputField name="add.titleZh" label={t('contracts.clauses.titleZh')} maxLength={200} />
        <InputField name="add.titleEn" label={t('contracts.clauses.titleEn')} maxLength={200} />
        <TextAreaField name="add.bodyZh" label={t('contracts.clauses.bodyZh')} rows={4} maxLength={20_000} />
        <TextAreaField name="add.bodyEn" label={t('contracts.clauses.bodyEn')} rows={4} maxLength={20_000} />
      </fieldset>
    </>
  );
}
