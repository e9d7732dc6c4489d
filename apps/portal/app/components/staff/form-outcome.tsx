import { Alert } from '@outpost/ui';
import type { StaffActionData } from '../../lib/staff/action-result';

/**
 * The result of the form submitted last, shown inside that form (matched by intent,
 * and by row for per-row forms) so a message never appears next to the wrong form.
 */
export function FormOutcome({
  result,
  intent,
  target,
}: {
  result: StaffActionData<unknown> | null | undefined;
  intent: string;
  target?: string;
}) {
  if (!result || result.intent !== intent) return null;
  if (target !== undefined && result.target !== target) return null;
  if (result.errors?.form) return <Alert tone="error">{result.errors.form}</Alert>;
  if (result.notice) return <Alert tone="success">{result.notice}</Alert>;
  return null;
}

/** The field errors of a form's last submission (empty when it was another form). */
export function fieldErrorsOf(
  result: StaffActionData<unknown> | null | undefined,
  intent: string,
  target?: string,
): Record<string, string> {
  if (!result || result.intent !== intent) return {};
  if (target !== undefined && result.target !== target) return {};
  return result.errors?.fields ?? {};
}
