import { useState } from 'react';
import { useT } from '../../lib/i18n';

/**
 * Copies a secret or link to the clipboard and says so. The value is also shown in
 * a read-only field next to it, so copying by hand works where the clipboard API
 * is refused (plain http, old browsers).
 */
export function CopyButton({ value, label }: { value: string; label?: string }) {
  const t = useT();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      setState('failed');
    }
  }
  return (
    <>
      <button type="button" className="button" onClick={copy}>
        {label ?? t('partner-portal.common.copy')}
      </button>
      <span role="status" className="copy-status">
        {state === 'copied'
          ? t('partner-portal.common.copied')
          : state === 'failed'
            ? t('partner-portal.common.copyFailed')
            : ''}
      </span>
    </>
  );
}
