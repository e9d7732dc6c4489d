import { Alert } from '@outpost/ui';
import { useState } from 'react';
import { Form } from 'react-router';
import { useT } from '../../lib/i18n';
import { TextAreaField } from '../staff/fields';
import { AuditCode, EntryChanges, type ViewerEntry } from './entries-table';

export interface VerificationView {
  report:
    | { ok: true; checked: number; unsigned: number; checkpoints: number }
    | { ok: false; checked: number; brokenAt: number; reason: string; code: string };
  brokenEntry: ViewerEntry | null;
  durationMs: number;
}

/** One line of /s/audit/verify's stream. */
type StreamLine =
  | { type: 'progress'; checked: number; total: number }
  | ({ type: 'result' } & VerificationView);

function Outcome({ result }: { result: VerificationView }) {
  const t = useT();
  const r = result.report;
  if (r.ok) {
    return (
      <Alert tone="success">
        <span data-testid="chain-result" data-ok="true">
          {t('audit-viewer.verify.ok', {
            checked: r.checked,
            checkpoints: r.checkpoints,
            seconds: (result.durationMs / 1000).toFixed(1),
          })}
          {r.unsigned ? ` ${t('audit-viewer.verify.unsigned', { count: r.unsigned })}` : ''}
        </span>
      </Alert>
    );
  }
  const e = result.brokenEntry;
  return (
    <Alert tone="error">
      <p data-testid="chain-result" data-ok="false">
        {t('audit-viewer.verify.broken', {
          id: r.brokenAt,
          reason: t(`audit-viewer.reason.${r.code}` as never),
          checked: r.checked,
        })}
      </p>
      <h3>{t('audit-viewer.verify.brokenEntry')}</h3>
      {e ? (
        <div data-testid="broken-entry">
          <p>
            {e.id} · <AuditCode kind="action" code={e.action} /> ·{' '}
            <AuditCode kind="entity" code={e.entityType} /> {e.entityId ?? ''}
          </p>
          <EntryChanges changes={e.changes} />
        </div>
      ) : (
        <p>{t('audit-viewer.verify.missingEntry', { id: r.brokenAt })}</p>
      )}
    </Alert>
  );
}

/**
 * "Verify the chain": without JavaScript the form reloads the page with ?verify=1 (the loader
 * runs the check); with it, the check streams its progress from /s/audit/verify, batch by
 * batch, so a large log shows how far it got (decision record 053).
 */
export function ChainVerifier({
  total,
  checkpoints,
  initial,
  error,
  lines,
}: {
  total: number;
  checkpoints: number;
  initial: VerificationView | null;
  /** A pasted checkpoint line that is not one (the page's own check). */
  error: string | null;
  lines: string;
}) {
  const t = useT();
  const [progress, setProgress] = useState<{ checked: number; total: number } | null>(null);
  const [result, setResult] = useState<VerificationView | null>(initial);
  const [running, setRunning] = useState(false);
  const [streamError, setStreamError] = useState<string | null>(null);

  async function run(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (running) return;
    setRunning(true);
    setResult(null);
    setStreamError(null);
    setProgress({ checked: 0, total });
    const pasted = String(new FormData(event.currentTarget).get('checkpoints') ?? '');
    const url = `/s/audit/verify?${new URLSearchParams({ checkpoints: pasted })}`;
    try {
      const response = await fetch(url, { headers: { accept: 'application/x-ndjson' } });
      if (response.status === 422) {
        setStreamError(t('audit-viewer.verify.badCheckpoint'));
        return;
      }
      if (!response.ok || !response.body) throw new Error(String(response.status));
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let newline = buffer.indexOf('\n');
        while (newline >= 0) {
          const line = JSON.parse(buffer.slice(0, newline)) as StreamLine;
          buffer = buffer.slice(newline + 1);
          if (line.type === 'progress') setProgress({ checked: line.checked, total: line.total });
          else setResult(line);
          newline = buffer.indexOf('\n');
        }
      }
    } catch {
      // The stream failed (a proxy, a dropped connection): fall back to the page's own check.
      window.location.assign(`/s/audit?${new URLSearchParams({ verify: '1', checkpoints: pasted })}`);
    } finally {
      setRunning(false);
      setProgress(null);
    }
  }

  return (
    <section className="card" aria-labelledby="chain-title">
      <h2 id="chain-title">{t('audit-viewer.verify.title')}</h2>
      <p className="muted">{t('audit-viewer.verify.intro', { total, checkpoints })}</p>
      <Form method="get" action="/s/audit" onSubmit={run}>
        <input type="hidden" name="verify" value="1" />
        <TextAreaField
          name="checkpoints"
          label={t('audit-viewer.verify.external')}
          hint={t('audit-viewer.verify.externalHint')}
          error={streamError ?? error ?? undefined}
          defaultValue={lines}
          rows={2}
        />
        <button type="submit" className="button button--primary" disabled={running}>
          {t('audit-viewer.verify.button')}
        </button>
      </Form>
      <div aria-live="polite">
        {progress ? (
          <p>
            <progress max={Math.max(progress.total, 1)} value={progress.checked} />{' '}
            {t('audit-viewer.verify.running', { checked: progress.checked, total: progress.total })}
          </p>
        ) : null}
        {result ? <Outcome result={result} /> : null}
      </div>
    </section>
  );
}
