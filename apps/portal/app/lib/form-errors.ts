/**
 * What an action returns when a form cannot be accepted: a message per field (shown
 * under that input and tied to it with aria-describedby) and/or one message for the
 * whole form. Messages are already translated.
 */
export interface FormErrors {
  fields?: Record<string, string>;
  form?: string;
}
