import { type Locale, translate } from '@outpost/i18n';

/**
 * Core's field issues (details.fields: path, English message, code) worded for the reader
 * as "<field label>: <what to do>" (decision record 025) — the one place every form's
 * error mapping (appErrorToForm, domainFormErrors, domainErrorToForm) turns a code into text.
 */
export interface ListedIssue {
  path: string;
  code?: string;
  min?: number;
  max?: number;
}

export function listedIssues(details: Record<string, unknown> | undefined): ListedIssue[] {
  const listed = details?.fields;
  if (!Array.isArray(listed)) return [];
  return listed.map((raw) => {
    const item = (raw ?? {}) as Record<string, unknown>;
    return {
      path: String(item.path ?? ''),
      code: typeof item.code === 'string' ? item.code : undefined,
      min: typeof item.min === 'number' ? item.min : undefined,
      max: typeof item.max === 'number' ? item.max : undefined,
    };
  });
}

/** The form input an issue belongs under: the first segment of its path (`items.2.dueDate` → items). */
export const topField = (path: string) => path.split('.')[0] ?? '';

/**
 * A field's label: the page's own (by full path or input name), else the shared catalogue
 * (`field-errors.label.<path without row numbers>`, the row number as {n}).
 */
export function fieldLabel(
  locale: Locale,
  path: string,
  labels: Record<string, string> = {},
): string | undefined {
  const own = labels[path] ?? labels[topField(path)];
  if (own) return own;
  const segments = path.split('.');
  const row = segments.find((s) => /^\d+$/.test(s));
  const key = `field-errors.label.${segments.filter((s) => !/^\d+$/.test(s)).join('.')}`;
  const text = translate(locale, key, row === undefined ? {} : { n: Number(row) + 1 });
  return text === key ? undefined : text;
}

/** "<label>: <what to do>" for one issue, or undefined when core sent no code or the field has no label. */
export function issueText(
  locale: Locale,
  issue: ListedIssue,
  labels: Record<string, string> = {},
): string | undefined {
  if (!issue.code) return undefined;
  const label = fieldLabel(locale, issue.path, labels);
  if (!label) return undefined;
  const key = `field-errors.code.${issue.code}`;
  const params: Record<string, number> = {};
  if (issue.min !== undefined) params.min = issue.min;
  if (issue.max !== undefined) params.max = issue.max;
  let problem = translate(locale, key, params);
  if (problem === key) problem = translate(locale, 'field-errors.code.invalid');
  return translate(locale, 'field-errors.format', { label, problem });
}

/** The banner for a refused form: each field's message (the banner alone must say what to fix). */
export function summarise(locale: Locale, messages: readonly string[]): string {
  return [...new Set(messages)].join(locale === 'zh-CN' ? '；' : '; ');
}
