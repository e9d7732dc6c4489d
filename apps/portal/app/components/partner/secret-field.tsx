import { useId } from 'react';
import { CopyButton } from './copy-button';

/** A value to hand on (an API key, an invitation link): read-only, selected on focus, with a copy button. */
export function SecretField({ label, value }: { label: string; value: string }) {
  const id = useId();
  return (
    <div className="ui-field secret-field">
      <label htmlFor={id}>{label}</label>
      <div className="secret-field__row">
        <input id={id} className="mono" readOnly value={value} onFocus={(e) => e.currentTarget.select()} />
        <CopyButton value={value} />
      </div>
    </div>
  );
}
