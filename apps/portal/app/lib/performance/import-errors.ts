import type { ImportIssue } from '@outpost/core';
import type { MessageKey, Translate } from '@outpost/i18n';

/**
 * A problem in an import file in the reader's language: its code and params rendered through
 * the catalogue (`performance.import.issue.<code>`), naming the column and what to fix.
 * Core's English `message` is never shown here; it is for logs and API clients.
 */
export function importErrorText(t: Translate, issue: Pick<ImportIssue, 'code' | 'path' | 'params'>): string {
  const params: Record<string, string> = { column: issue.path ?? '' };
  for (const [name, value] of Object.entries(issue.params ?? {})) params[name] = String(value);
  return t(`performance.import.issue.${issue.code}` as MessageKey, params);
}

/** Splits events into the API's batches (at most `size` each), in order. */
export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
