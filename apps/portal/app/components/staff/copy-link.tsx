import { useId, useState } from 'react';
import { useT } from '../../lib/i18n';

/**
 * A link to pass on by hand, in a read-only field the person can select, with a
 * button that copies it. Where the clipboard is unavailable (plain http, old
 * browsers) the text is selected instead so Ctrl+C still works.
 */
export function CopyLink({ label, value }: { label: string; value: string }) {
  const t = useT();
  const id = useId();
  const [copied, setCopied] = useState(false);
  async function copy() {
    const field = document.getElementById(id) as HTMLInputElement | null;
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      field?.select();
    }
  }
  return (
    <div className="ui-field">
      <label htmlFor={id}>{label}</label>
      <div className="staff-copy">
        <input
          id={id}
          type="text"
          readOnly
          value={value}
          className="mono"
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" className="button" onClick={copy}>
          {t('staff-portal.invite.copy')}
        </button>
      </div>
      <p className="ui-field__hint" role="status">
        {copied ? t('staff-portal.invite.copied') : ''}
      </p>
    </div>
  );
}
