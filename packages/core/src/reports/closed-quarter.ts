import { AppError } from '../errors.ts';
import { quarterSpan } from '../targets/quarters.ts';

/**
 * The quarter a management report may be made for: written `2026-Q3` and over in China. A report
 * of a running or future quarter would be a provisional one presented as final, so it is refused
 * (422, saying which quarter can be reported), never generated.
 */
export function closedQuarter(raw: unknown, now = new Date()): string {
  const text = typeof raw === 'string' ? raw.trim() : '';
  const field = (message: string, messageKey: string) =>
    new AppError('validation_failed', message, {
      messageKey,
      details: { fields: [{ path: 'quarter', code: 'invalid', message }] },
    });
  if (!/^\d{4}-Q[1-4]$/.test(text)) {
    throw field('Write the quarter as 2026-Q3.', 'reports.error.quarterFormat');
  }
  const span = quarterSpan(text, now);
  if (span.future) {
    throw field(
      'This quarter has not started yet; choose a quarter that has ended.',
      'reports.error.quarterFuture',
    );
  }
  if (span.running) {
    throw field(
      'This quarter has not closed yet; its report is made once the quarter has ended.',
      'reports.error.quarterRunning',
    );
  }
  return text;
}
