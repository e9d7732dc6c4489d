import { Alert } from '@outpost/ui';
import type { ReviewActionData } from '../../lib/reviews/review-actions.server';

type Result = ReviewActionData | null | undefined;

const matches = (result: Result, intent: string, target?: string): result is ReviewActionData =>
  Boolean(result && result.intent === intent && (target === undefined || result.target === target));

/** The result of the form submitted last, shown inside that form (and row) only. */
export function ReviewOutcome({
  result,
  intent,
  target,
  only,
}: {
  result: Result;
  intent: string;
  target?: string;
  /** A form that disappears on success shows its errors inside and its notice at the page top. */
  only?: 'notice' | 'errors';
}) {
  if (!matches(result, intent, target)) return null;
  if (result.errors?.form && only !== 'notice') return <Alert tone="error">{result.errors.form}</Alert>;
  if (result.notice && only !== 'errors') return <Alert tone="success">{result.notice}</Alert>;
  return null;
}

/** Field errors of a form's last submission (empty when it was another form). */
export function reviewFieldErrors(result: Result, intent: string, target?: string): Record<string, string> {
  return matches(result, intent, target) ? (result.errors?.fields ?? {}) : {};
}
