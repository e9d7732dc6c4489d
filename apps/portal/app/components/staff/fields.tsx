import { useId } from 'react';

/**
 * Form fields the shared TextField does not cover (numbers, dates, long text,
 * checkboxes), built the same way: a visible label, an optional hint, and an error
 * announced and tied to the control with aria-describedby.
 */
interface FieldBase {
  name: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  required?: boolean;
}

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
}

function HintAndError({
  id,
  hint,
  error,
  children,
}: {
  id: string;
  hint?: string | undefined;
  error?: string | undefined;
  children: React.ReactNode;
}) {
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} className="ui-field__hint">
          {hint}
        </p>
      ) : null}
      {children}
      {error ? (
        <p id={`${id}-error`} className="ui-field__error">
          {error}
        </p>
      ) : null}
    </>
  );
}

export function InputField({
  name,
  label,
  hint,
  error,
  type = 'text',
  defaultValue,
  ...input
}: FieldBase & {
  type?: 'text' | 'email' | 'number' | 'date' | 'search' | 'url';
  defaultValue?: string | number | undefined;
  min?: number | string;
  max?: number | string;
  step?: number | string;
  maxLength?: number;
  autoComplete?: string;
  inputMode?: 'numeric' | 'decimal' | 'text' | 'email';
  readOnly?: boolean;
  className?: string;
  /** The id of a <datalist> of suggestions. */
  list?: string;
}) {
  const id = useId();
  const { className, ...rest } = input;
  return (
    <div
      className={`${error ? 'ui-field ui-field--invalid' : 'ui-field'}${className ? ` ${className}` : ''}`}
    >
      <label htmlFor={id}>{label}</label>
      <HintAndError id={id} hint={hint} error={error}>
        <input
          id={id}
          name={name}
          type={type}
          defaultValue={defaultValue}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, hint, error)}
          {...rest}
        />
      </HintAndError>
    </div>
  );
}

export function TextAreaField({
  name,
  label,
  hint,
  error,
  defaultValue,
  rows = 3,
  maxLength,
  required,
}: FieldBase & { defaultValue?: string | undefined; rows?: number; maxLength?: number }) {
  const id = useId();
  return (
    <div className={error ? 'ui-field ui-field--invalid' : 'ui-field'}>
      <label htmlFor={id}>{label}</label>
      <HintAndError id={id} hint={hint} error={error}>
        <textarea
          id={id}
          name={name}
          rows={rows}
          maxLength={maxLength}
          required={required}
          defaultValue={defaultValue}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, hint, error)}
        />
      </HintAndError>
    </div>
  );
}

/** Several choices of one question, as a fieldset whose legend is the question. */
export function CheckboxGroup({
  name,
  label,
  hint,
  error,
  options,
  defaultValues = [],
}: FieldBase & { options: { value: string; label: string }[]; defaultValues?: readonly string[] }) {
  const id = useId();
  return (
    <fieldset
      className={error ? 'ui-field staff-choices ui-field--invalid' : 'ui-field staff-choices'}
      aria-describedby={describedBy(id, hint, error)}
    >
      <legend>{label}</legend>
      <HintAndError id={id} hint={hint} error={error}>
        <div className="staff-choices__options">
          {options.map((o) => (
            <label key={o.value} className="staff-check">
              <input
                type="checkbox"
                name={name}
                value={o.value}
                defaultChecked={defaultValues.includes(o.value)}
              />
              <span>{o.label}</span>
            </label>
          ))}
        </div>
      </HintAndError>
    </fieldset>
  );
}

/** One yes/no choice. */
export function CheckboxField({
  name,
  label,
  hint,
  error,
  defaultChecked,
  required,
}: FieldBase & { defaultChecked?: boolean }) {
  const id = useId();
  return (
    <div className={error ? 'ui-field ui-field--invalid' : 'ui-field'}>
      <label className="staff-check" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          name={name}
          defaultChecked={defaultChecked}
          required={required}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, hint, error)}
        />
        <span>{label}</span>
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="ui-field__hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="ui-field__error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
