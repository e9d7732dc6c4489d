import type { FormErrors } from '../form-errors';

/**
 * What a staff page's action returns to the page: which form it answers (`intent`),
 * a notice on success or translated errors, and any extra facts the page shows (the
 * invitation link, the missing items core named…). `at` tells two identical results
 * apart so a form can reset after each success.
 */
export interface StaffActionResult<Extra = unknown> {
  intent: string;
  status: number;
  notice?: string;
  errors?: FormErrors;
  extra?: Extra;
}

export interface StaffActionData<Extra = unknown> {
  intent: string;
  notice: string | null;
  errors: FormErrors | null;
  extra: Extra | null;
  /** Which row a per-row form (a document, a blacklist entry) was about. */
  target: string | null;
  at: number;
}
