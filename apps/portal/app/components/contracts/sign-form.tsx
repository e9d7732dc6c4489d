import { Form } from 'react-router';
import { useT } from '../../lib/i18n';

/** The countersigned copy (a PDF): the partner administrator uploads it, or staff when it came on paper. */
export function SignForm({ error, busy }: { error?: string | undefined; busy: boolean }) {
  const t = useT();
  return (
    <Form method="post" encType="multipart/form-data" className="stack" noValidate>
      <input type="hidden" name="intent" value="sign" />
      <div className={error ? 'ui-field ui-field--invalid' : 'ui-field'}>
        <label htmlFor="signed-file">{t('contracts.sign.file')}</label>
        <p id="signed-file-hint" className="ui-field__hint">
          {t('contracts.sign.hint')}
        </p>
        <input
          id="signed-file"
          type="file"
          name="file"
          accept="application/pdf,.pdf"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'signed-file-hint signed-file-error' : 'signed-file-hint'}
        />
        {error ? (
          <p id="signed-file-error" className="ui-field__error">
            {error}
          </p>
        ) : null}
      </div>
      <div>
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('contracts.sign.upload')}
        </button>
      </div>
    </Form>
  );
}
