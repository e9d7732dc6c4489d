import type { ReactNode } from 'react';
import { Form } from 'react-router';
import { AppLink } from './app-link';

/**
 * A list page's filter form: a GET form (a search landmark unless `search` is false) named by
 * `label`, its fields, a submit button and, when `clear` is given, a link back to the unfiltered list.
 * The fields are children: `SearchField`, `FilterSelect`, `FilterCheck` or any labelled control.
 */
export function ListFilters({
  label,
  action,
  search = true,
  className = 'filters',
  submitLabel,
  primary = true,
  clear,
  children,
}: {
  /** The form's accessible name (often the search field's label). */
  label: string;
  /** The list's own path; without it the form submits to the current URL. */
  action?: string;
  search?: boolean;
  className?: string;
  submitLabel: string;
  /** The submit button is the primary one (default) or a plain one. */
  primary?: boolean;
  /** The "clear" link, shown only when given (e.g. only while a filter is set). */
  clear?: { to: string; label: string; className?: string } | null;
  children: ReactNode;
}) {
  return (
    <Form
      method="get"
      action={action}
      role={search ? 'search' : undefined}
      className={className}
      aria-label={label}
    >
      {children}
      <button type="submit" className={primary ? 'button button--primary' : 'button'}>
        {submitLabel}
      </button>
      {clear ? (
        <AppLink to={clear.to} className={`button ${clear.className ?? 'button--quiet'}`}>
          {clear.label}
        </AppLink>
      ) : null}
    </Form>
  );
}

/** The free-text search of a list's filter form, labelled, with an optional hint. */
export function SearchField({
  id,
  label,
  hint,
  defaultValue,
  maxLength = 100,
  wide = true,
}: {
  id: string;
  label: string;
  hint?: string;
  defaultValue: string;
  maxLength?: number;
  /** Takes the row's spare width (default), or sits as wide as the other fields. */
  wide?: boolean;
}) {
  return (
    <div className={wide ? 'ui-field filters__query' : 'ui-field'}>
      <label htmlFor={id}>{label}</label>
      {hint ? <p className="ui-field__hint">{hint}</p> : null}
      <input id={id} name="q" type="search" defaultValue={defaultValue} maxLength={maxLength} />
    </div>
  );
}

/** A checkbox filter of a list's filter form: sends `name=1` when ticked. */
export function FilterCheck({
  name,
  label,
  defaultChecked,
}: {
  name: string;
  label: string;
  defaultChecked: boolean;
}) {
  return (
    <label className="staff-check">
      <input type="checkbox" name={name} value="1" defaultChecked={defaultChecked} />
      <span>{label}</span>
    </label>
  );
}
