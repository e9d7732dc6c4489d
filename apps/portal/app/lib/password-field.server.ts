import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, passwordProblem } from '@outpost/auth';
import { type Locale, translate } from '@outpost/i18n';

/**
 * The password policy's refusal of a new password in the reader's language, or null
 * (decision record 042): the same rule for invitations, change, reset and the first
 * administrator's link.
 */
export function passwordFieldError(locale: Locale, password: string): string | null {
  const problem = passwordProblem(password);
  return problem
    ? translate(locale, problem.key, { min: MIN_PASSWORD_LENGTH, max: MAX_PASSWORD_LENGTH })
    : null;
}
