import { Alert } from '@outpost/ui';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useRevalidator } from 'react-router';
import { addMonths } from '@outpost/i18n';
import { useT } from '../../lib/i18n';
import { uploadErrorsFromResponse, type UploadFormErrors } from '../../lib/partner/upload-errors';
import { describedBy, FieldError } from './field-error';

export interface DocumentUploadFormProps {
  requirementId: string;
  requirementName: string;
  /** The requirement expires, so the expiry date is required (or derived from the issue date). */
  expires: boolean;
  /** How long a document of this type is valid from its issue date; null: no fixed period. */
  validityMonths: number | null;
  hasDocument: boolean;
  maxBytes: number;
  maxSize: string;
  accept: string;
  /** The outcome of the no-JavaScript post for this requirement, if it was the last one. */
  serverResult?: { notice?: string; errors?: UploadFormErrors } | undefined;
}

type Progress = { state: 'idle' } | { state: 'uploading' | 'checking' | 'done'; percent: number };

/**
 * Uploads one requirement's document. With JavaScript the file goes straight to the
 * API with XMLHttpRequest — fetch cannot report upload progress — so a progress bar
 * can follow it; the page data is then reloaded. Without JavaScript the same form
 * posts to the page's action, which calls the same core service.
 */
export function DocumentUploadForm(props: DocumentUploadFormProps) {
  const t = useT();
  const id = useId();
  const revalidator = useRevalidator();
  const formRef = useRef<HTMLFormElement>(null);
  const [progress, setProgress] = useState<Progress>({ state: 'idle' });
  const [clientErrors, setClientErrors] = useState<UploadFormErrors | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const errors: UploadFormErrors = clientErrors ?? props.serverResult?.errors ?? { fields: {} };
  const shownNotice = clientErrors ? null : (notice ?? props.serverResult?.notice ?? null);
  const busy = progress.state === 'uploading' || progress.state === 'checking';

  function checkBeforeSending(form: FormData): UploadFormErrors | null {
    const fields: Record<string, string> = {};
    const file = form.get('file');
    if (!(file instanceof File) || !file.name) {
      fields.file = t('partner-portal.documents.error.fileRequired');
    } else if (file.size > props.maxBytes) {
      // Saves sending 30 MB only to be told it is too big; the server checks again anyway.
      fields.file = t('partner-portal.documents.error.tooLarge', { size: props.maxSize });
    }
    const issueDate = String(form.get('issueDate') ?? '');
    const expiryDate = String(form.get('expiryDate') ?? '');
    // The server decides; these checks only save a round trip. With an issue date and a validity
    // period, an empty expiry date is worked out by the server.
    const derivable = Boolean(issueDate && props.validityMonths);
    if (props.expires && !expiryDate && !derivable) fields.expiryDate = t('errors.expiry_required');
    else if (issueDate && expiryDate && expiryDate <= issueDate) {
      fields.expiryDate = t('partner-portal.documents.error.expiryAfterIssue');
    } else if (issueDate && expiryDate && props.validityMonths) {
      const latest = addMonths(issueDate, props.validityMonths);
      if (expiryDate > latest) {
        fields.expiryDate = t('errors.document_dates.beyond_validity', {
          months: props.validityMonths,
          latest,
        });
      }
    }
    return Object.keys(fields).length ? { fields } : null;
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const form = new FormData(event.currentTarget);
    form.delete('intent');
    setNotice(null);
    const problems = checkBeforeSending(form);
    if (problems) {
      setClientErrors(problems);
      return;
    }
    setClientErrors(null);
    setProgress({ state: 'uploading', percent: 0 });
    const sent = { expiryDate: String(form.get('expiryDate') ?? '') };
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/documents');
    xhr.responseType = 'json';
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) {
        setProgress({ state: 'uploading', percent: Math.round((e.loaded / e.total) * 100) });
      }
    };
    // All bytes are sent; the server now sniffs the type and stores the file.
    xhr.upload.onload = () => setProgress({ state: 'checking', percent: 100 });
    xhr.onload = () => {
      setProgress({ state: 'done', percent: 100 });
      if (xhr.status === 201) {
        const version = (xhr.response as { version?: { version?: number } } | null)?.version?.version ?? 1;
        setNotice(t('partner-portal.documents.uploaded', { version }));
        formRef.current?.reset();
        revalidator.revalidate();
        return;
      }
      setClientErrors(
        uploadErrorsFromResponse(t, xhr.status, xhr.response, { maxSize: props.maxSize, sent }),
      );
    };
    xhr.onerror = () => {
      setProgress({ state: 'idle' });
      setClientErrors({ fields: {}, form: t('partner-portal.documents.error.network') });
    };
    xhr.send(form);
  }

  const fileHint = `${id}-file-hint`;
  const fileError = `${id}-file-error`;
  const issueError = `${id}-issue-error`;
  const expiryHint = `${id}-expiry-hint`;
  const expiryError = `${id}-expiry-error`;
  const progressLabel = `${id}-progress-label`;
  const heading = props.hasDocument
    ? t('partner-portal.documents.uploadNewTitle')
    : t('partner-portal.documents.uploadTitle');

  return (
    <form
      ref={formRef}
      method="post"
      encType="multipart/form-data"
      className="upload-form"
      onSubmit={onSubmit}
      aria-label={`${heading}: ${props.requirementName}`}
      noValidate
    >
      <p className="upload-form__title">{heading}</p>
      <input type="hidden" name="intent" value="upload" />
      <input type="hidden" name="requirementId" value={props.requirementId} />
      {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
      <div className="upload-form__fields">
        <div className={errors.fields.file ? 'ui-field ui-field--invalid' : 'ui-field'}>
          <label htmlFor={`${id}-file`}>{t('partner-portal.documents.file')}</label>
          <p id={fileHint} className="ui-field__hint">
            {t('partner-portal.documents.rules', { size: props.maxSize })}
          </p>
          <input
            id={`${id}-file`}
            name="file"
            type="file"
            accept={props.accept}
            required
            aria-invalid={errors.fields.file ? true : undefined}
            aria-describedby={describedBy(fileHint, errors.fields.file && fileError)}
          />
          <FieldError id={fileError} message={errors.fields.file} />
        </div>
        <div className={errors.fields.issueDate ? 'ui-field ui-field--invalid' : 'ui-field'}>
          <label htmlFor={`${id}-issue`}>{t('partner-portal.documents.issueDate')}</label>
          <input
            id={`${id}-issue`}
            name="issueDate"
            type="date"
            aria-invalid={errors.fields.issueDate ? true : undefined}
            aria-describedby={describedBy(errors.fields.issueDate && issueError)}
          />
          <FieldError id={issueError} message={errors.fields.issueDate} />
        </div>
        {props.expires ? (
          <div className={errors.fields.expiryDate ? 'ui-field ui-field--invalid' : 'ui-field'}>
            <label htmlFor={`${id}-expiry`}>{t('partner-portal.documents.expiryDate')}</label>
            <p id={expiryHint} className="ui-field__hint">
              {props.validityMonths
                ? `${t('document-review.validity.months', { months: props.validityMonths })} ${t('document-review.validity.derived')}`
                : t('partner-portal.documents.expiryHint')}
            </p>
            <input
              id={`${id}-expiry`}
              name="expiryDate"
              type="date"
              required={props.validityMonths === null}
              aria-invalid={errors.fields.expiryDate ? true : undefined}
              aria-describedby={describedBy(expiryHint, errors.fields.expiryDate && expiryError)}
            />
            <FieldError id={expiryError} message={errors.fields.expiryDate} />
          </div>
        ) : (
          // 长期有效: there is no expiry date to enter.
          <p className="ui-field__hint upload-form__long-term">{t('document-review.validity.longTerm')}</p>
        )}
      </div>
      <div className="upload-form__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('partner-portal.documents.submit')}
        </button>
        {progress.state === 'idle' ? null : (
          <div className="upload-progress">
            <progress
              max={100}
              value={progress.percent}
              aria-labelledby={progressLabel}
              aria-valuetext={`${progress.percent}%`}
            />
            <span id={progressLabel} className="visually-hidden">
              {t('partner-portal.documents.progressLabel', { name: props.requirementName })}
            </span>
          </div>
        )}
      </div>
      {/* Announced politely as it changes; the percentage is text, not only a bar. */}
      <p className="upload-form__status" role="status" aria-live="polite">
        {progress.state === 'uploading'
          ? t('partner-portal.documents.progress', { percent: progress.percent })
          : progress.state === 'checking'
            ? t('partner-portal.documents.checking')
            : (shownNotice ?? '')}
      </p>
    </form>
  );
}
