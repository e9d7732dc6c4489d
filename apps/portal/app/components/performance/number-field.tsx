import { useId } from 'react';

/** A labelled number input with its error tied by aria-describedby (TextField takes no numbers). */
export function NumberField({
  name,
  label,
  error,
  defaultValue,
  step = 'any',
  min,
  max,
  required,
}: {
  name: string;
  label: string;
  error?: string | undefined;
  defaultValue?: string | undefined;
  step?: string;
  min?: string;
  max?: string;
  required?: boolean;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className={error ? 'ui-field ui-field--invalid' : 'ui-field'}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type="number"
        inputMode="decimal"
        step={step}
        min={min}
        max={max}
        required={required}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
      />
      {error ? (
        <p id={errorId} className="ui-field__error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
