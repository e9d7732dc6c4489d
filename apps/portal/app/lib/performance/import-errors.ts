import type { ImportRowError } from '@outpost/core';
import type { Translate } from '@outpost/i18n';

/**
 * A row problem in the reader's language. Problems the portal has words for are translated;
 * a schema rule's reason is core's English sentence (it names the field and the rule exactly).
 */
export function importErrorText(
  t: Translate,
  error: Pick<ImportRowError, 'problem' | 'reason' | 'column'>,
): string {
  if (error.problem === 'invalid' || error.problem === 'bad_correction') return error.reason;
  return t(`performance.import.problem.${error.problem}`, { column: error.column ?? '' });
}

/** Splits events into the API's batches (at most `size` each), in order. */
export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
