/**
 * Reading staff forms. Browsers send checkboxes only when ticked, numbers and dates
 * as text: these helpers turn them into the shapes core's schemas expect, and leave
 * every rule (ranges, required fields) to core so the portal never disagrees with it.
 */

/** A text value ('' when missing or a file). */
export function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

/** A text value, or undefined when left blank (optional fields). */
export function optionalText(form: FormData, name: string): string | undefined {
  const value = text(form, name).trim();
  return value === '' ? undefined : value;
}

/** Every ticked value of a checkbox group. */
export function checkedValues(form: FormData, name: string): string[] {
  return form.getAll(name).filter((v): v is string => typeof v === 'string' && v !== '');
}

/** One checkbox. */
export function isChecked(form: FormData, name: string): boolean {
  return form.get(name) !== null;
}

/**
 * A number typed into a field: undefined when blank, NaN when not a number (core then
 * reports the field as invalid rather than the portal guessing a value).
 */
export function numberValue(form: FormData, name: string): number | undefined {
  const raw = text(form, name).trim().replace(',', '.');
  if (raw === '') return undefined;
  return Number(raw);
}

/** People named one per line or separated by commas (Chinese or Latin), e.g. inspectors. */
export function splitNames(value: string): string[] {
  return value
    .split(/[\n\r,，、;；]+/)
    .map((name) => name.trim())
    .filter((name) => name !== '');
}
