import { Form } from 'react-router';
import { useT } from '../../lib/i18n';
import { InputField, TextAreaField } from '../staff/fields';

export interface RenewalStartView {
  currentEnd: string;
  nextStart: string;
  annualValue: string;
  currency: string;
}

/**
 * On the staff contract page of a contract in force with nothing under way: the form that starts
 * a renewal (decision record 047) — the new end date, optionally the new annual value and a note.
 * SLA targets and clauses are then changed in the renewal's draft like an amendment's.
 */
export function RenewalStart({
  renewal,
  busy,
  errors,
}: {
  renewal: RenewalStartView;
  busy: boolean;
  errors: {
    endDate?: string | undefined;
    annualValue?: string | undefined;
    reason?: string | undefined;
    form?: string | undefined;
  };
}) {
  const t = useT();
  return (
    <section className="card stack" aria-labelledby="contract-renewal">
      <h2 id="contract-renewal">{t('contracts.renewal.section')}</h2>
      <p className="muted">{t('contracts.renewal.intro')}</p>
      <p>{t('contracts.renewal.currentEnd', { date: renewal.currentEnd, start: renewal.nextStart })}</p>
      {errors.form ? <p className="ui-field__error">{errors.form}</p> : null}
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="renew" />
        <InputField
          name="endDate"
          type="date"
          label={t('contracts.renewal.endDate')}
          error={errors.endDate}
        />
        <InputField
          name="annualValue"
          type="number"
          min={0}
          step="0.01"
          inputMode="decimal"
          label={t('contracts.renewal.annualValue', { currency: renewal.currency })}
          hint={t('contracts.renewal.annualValueHint', { value: renewal.annualValue })}
          error={errors.annualValue}
        />
        <TextAreaField
          name="reason"
          label={t('contracts.renewal.reason')}
          error={errors.reason}
          maxLength={2000}
        />
        <div>
          <button type="submit" className="button" disabled={busy}>
            {t('contracts.renewal.start')}
          </button>
        </div>
      </Form>
    </section>
  );
}
