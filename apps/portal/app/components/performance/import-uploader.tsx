import type { ImportIssue, ServiceEventInput } from '@outpost/core';
import { Alert } from '@outpost/ui';
import { useEffect, useId, useRef, useState } from 'react';
import { useFetcher } from 'react-router';
import { useT } from '../../lib/i18n';
import { chunks, importErrorText } from '../../lib/performance/import-errors';

export type CheckResult =
  | { ok: true; partnerId: string; events: ServiceEventInput[]; batchSize: number }
  | {
      ok: false;
      errors: ImportIssue[];
      errorCount: number;
      form?: string;
      fields?: Record<string, string>;
    };

type Upload =
  | { state: 'idle' }
  | { state: 'sending'; done: number; total: number }
  | { state: 'done'; accepted: number; duplicates: number; total: number }
  | { state: 'failed'; done: number; total: number; message: string };

/**
 * Step 1: the file goes to the page's action, which reads and checks every row (nothing is
 * stored; any bad row is reported by row and column). Step 2, only when all rows are good:
 * the browser sends the checked events to POST /api/v1/events in batches of 5,000 and the
 * <progress> follows each batch. Batches are idempotent by external id, so a retry after a
 * network failure resumes without counting anything twice.
 */
export function ImportUploader({
  partners,
  defaultPartner,
  maxSize,
}: {
  partners: { id: string; legalName: string }[];
  defaultPartner: string;
  maxSize: string;
}) {
  const t = useT();
  const id = useId();
  const fetcher = useFetcher<CheckResult>();
  const [upload, setUpload] = useState<Upload>({ state: 'idle' });
  const started = useRef<CheckResult | null>(null);
  const checking = fetcher.state !== 'idle';
  const result = fetcher.data;

  async function send(checked: Extract<CheckResult, { ok: true }>, from = 0) {
    const batches = chunks(checked.events, checked.batchSize);
    const total = checked.events.length;
    let done = from * checked.batchSize;
    let accepted = 0;
    let duplicates = 0;
    setUpload({ state: 'sending', done, total });
    for (const [i, events] of batches.entries()) {
      if (i < from) continue;
      try {
        const response = await fetch('/api/v1/events', {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ partnerId: checked.partnerId, events }),
        });
        if (!response.ok) {
          const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
          throw new Error(body?.error?.message ?? `HTTP ${response.status}`);
        }
        const body = (await response.json()) as { accepted: number; duplicates: number };
        accepted += body.accepted;
        duplicates += body.duplicates;
        done += events.length;
        setUpload({ state: 'sending', done, total });
      } catch (error) {
        setUpload({
          state: 'failed',
          done,
          total,
          message: error instanceof Error ? error.message : String(error),
        });
        return;
      }
    }
    setUpload({ state: 'done', accepted, duplicates, total });
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per check result (the ref guards it); send only calls state setters.
  useEffect(() => {
    if (result && result !== started.current && result.ok) {
      started.current = result;
      void send(result);
    }
  }, [result]);

  const bad = result && !result.ok ? result : null;
  const fieldError = (name: string) => bad?.fields?.[name];
  return (
    <div className="stack">
      <fetcher.Form
        method="post"
        encType="multipart/form-data"
        className="card stack import-form"
        onSubmit={() => setUpload({ state: 'idle' })}
      >
        <div className={fieldError('partnerId') ? 'ui-field ui-field--invalid' : 'ui-field'}>
          <label htmlFor={`${id}-partner`}>{t('performance.import.partner')}</label>
          <select
            id={`${id}-partner`}
            name="partnerId"
            defaultValue={defaultPartner}
            required
            aria-invalid={fieldError('partnerId') ? true : undefined}
            aria-describedby={fieldError('partnerId') ? `${id}-partner-error` : undefined}
          >
            <option value="">{t('performance.import.choosePartner')}</option>
            {partners.map((p) => (
              <option key={p.id} value={p.id}>
                {p.legalName}
              </option>
            ))}
          </select>
          {fieldError('partnerId') ? (
            <p id={`${id}-partner-error`} className="ui-field__error">
              {fieldError('partnerId')}
            </p>
          ) : null}
        </div>
        <div className={fieldError('file') ? 'ui-field ui-field--invalid' : 'ui-field'}>
          <label htmlFor={`${id}-file`}>{t('performance.import.file')}</label>
          <input
            id={`${id}-file`}
            name="file"
            type="file"
            required
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby={`${id}-file-hint${fieldError('file') ? ` ${id}-file-error` : ''}`}
            aria-invalid={fieldError('file') ? true : undefined}
          />
          <p id={`${id}-file-hint`} className="ui-field__hint">
            {t('performance.import.fileHint', { size: maxSize })}
          </p>
          {fieldError('file') ? (
            <p id={`${id}-file-error`} className="ui-field__error">
              {fieldError('file')}
            </p>
          ) : null}
        </div>
        <div>
          <button
            type="submit"
            className="button button--primary"
            disabled={checking || upload.state === 'sending'}
          >
            {checking ? t('performance.import.checking') : t('performance.import.submit')}
          </button>
        </div>
      </fetcher.Form>

      {bad?.form ? <Alert tone="error">{bad.form}</Alert> : null}

      {bad && bad.errors.length > 0 ? (
        <section className="card stack" aria-labelledby={`${id}-errors`}>
          <div role="alert">
            <h2 id={`${id}-errors`}>{t('performance.import.errorsTitle', { count: bad.errorCount })}</h2>
            <p>{t('performance.import.nothingStored')}</p>
          </div>
          {/* biome-ignore lint/a11y/useSemanticElements: a labelled scroll container, not a document section. */}
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: keyboard users need focus to scroll it. */}
          <div className="table-scroll" role="region" aria-labelledby={`${id}-errors-caption`} tabIndex={0}>
            <table className="table">
              <caption id={`${id}-errors-caption`} className="visually-hidden">
                {t('performance.import.errorsCaption')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('performance.import.row')}</th>
                  <th scope="col">{t('performance.import.column')}</th>
                  <th scope="col">{t('performance.import.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {bad.errors.map((e, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: one row can have several problems; order is stable.
                  <tr key={i}>
                    <th scope="row">{e.row}</th>
                    <td className="mono">{e.path ?? '—'}</td>
                    <td>{importErrorText(t, e)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {bad.errorCount > bad.errors.length ? (
            <p className="muted">
              {t('performance.import.moreErrors', { shown: bad.errors.length, count: bad.errorCount })}
            </p>
          ) : null}
        </section>
      ) : null}

      {upload.state !== 'idle' ? (
        <section className="card stack" aria-labelledby={`${id}-progress-label`}>
          <label id={`${id}-progress-label`} htmlFor={`${id}-progress`}>
            {t('performance.import.progress', {
              done: upload.state === 'done' ? upload.total : upload.done,
              total: upload.total,
            })}
          </label>
          <progress
            id={`${id}-progress`}
            max={upload.total}
            value={upload.state === 'done' ? upload.total : upload.done}
            className="import-progress"
          />
          <div role="status">
            {upload.state === 'done' ? (
              <Alert tone="success">
                {t('performance.import.done', { accepted: upload.accepted, duplicates: upload.duplicates })}
              </Alert>
            ) : null}
          </div>
          {upload.state === 'failed' && result?.ok ? (
            <div role="alert" className="stack">
              <Alert tone="error">{t('performance.import.failed', { message: upload.message })}</Alert>
              <button
                type="button"
                className="button"
                onClick={() => void send(result, Math.floor(upload.done / result.batchSize))}
              >
                {t('performance.import.retry')}
              </button>
            </div>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
