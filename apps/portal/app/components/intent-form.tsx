import type { ReactNode } from 'react';
import { Form } from 'react-router';

/**
 * One action of a page's post forms: a POST form that names its `intent` (and any other hidden
 * values, e.g. the task it acts on), its fields, and one submit button labelled by what it does.
 * The action reads the intent to know which form was sent; the button sits on its own line unless
 * `inline` (a form of one button, or a button beside a select).
 */
export function IntentForm({
  intent,
  hidden,
  submitLabel,
  primary = false,
  quiet = false,
  danger = false,
  inline = false,
  className = 'stack',
  labelledBy,
  children,
}: {
  intent: string;
  /** Other hidden values the action needs, by name. */
  hidden?: Record<string, string>;
  submitLabel: string;
  primary?: boolean;
  /** A lesser action beside the main one. */
  quiet?: boolean;
  danger?: boolean;
  inline?: boolean;
  /** The form's class: "stack" (fields one above the other) by default; "" for none. */
  className?: string;
  /** The id of a heading that names the form (it becomes a form landmark). */
  labelledBy?: string;
  children?: ReactNode;
}) {
  const button = (
    <button
      type="submit"
      className={`button${primary ? ' button--primary' : ''}${quiet ? ' button--quiet' : ''}${danger ? ' staff-danger' : ''}`}
    >
      {submitLabel}
    </button>
  );
  return (
    <Form method="post" className={className || undefined} aria-labelledby={labelledBy}>
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      {inline ? button : <div>{button}</div>}
    </Form>
  );
}
