import { asAppError } from '@outpost/core';
import { type Locale, translate } from '@outpost/i18n';
import { listedIssues } from '../field-issues';
import type { FormErrors } from '../form-errors';

/**
 * The rule form's errors with each parameter's issue under its own input (`params.windowDays`),
 * not all of them under the first (the shared mapping keys issues by their top field, `params`),
 * each saying the range it takes ("Window (days): use a whole number of days from 1 to 366") —
 * the shared wording is made for text fields. Decision record 041.
 */
export function withParamErrors(
  raw: unknown,
  errors: FormErrors,
  locale: Locale,
  labels: Record<string, string>,
): FormErrors {
  const fields: Record<string, string> = {};
  for (const issue of listedIssues(asAppError(raw)?.details)) {
    const [head, field] = issue.path.split('.');
    if (head !== 'params' || !field || fields[issue.path]) continue;
    const key = `risk.rules.error.${field}`;
    const problem = translate(locale, key);
    if (problem === key) continue;
    const label = labels[issue.path] ?? field;
    fields[issue.path] = translate(locale, 'field-errors.format', { label, problem });
  }
  if (Object.keys(fields).length === 0) return errors;
  const { params: _whole, ...rest } = errors.fields ?? {};
  const all = { ...rest, ...fields };
  return {
    fields: all,
    form: [...new Set(Object.values(all))].join(locale === 'zh-CN' ? '；' : '; '),
  };
}
