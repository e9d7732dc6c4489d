import { Form } from 'react-router';
import { useT } from '../../lib/i18n';
import type { StaffActionData } from '../../lib/staff/action-result';
import { InputField } from '../staff/fields';
import { FormOutcome, fieldErrorsOf } from '../staff/form-outcome';

/** The limit above which a share flags a category, and the window of cases counted (administrators). */
export function ConcentrationLimitForm({
  limitPercent,
  windowDays,
  result,
}: {
  limitPercent: number;
  windowDays: number;
  result: StaffActionData | undefined;
}) {
  const t = useT();
  const errors = fieldErrorsOf(result, 'concentrationLimit');
  return (
    <section className="card stack" aria-labelledby="concentration-limit">
      <h2 id="concentration-limit">{t('continuity.concentration.limitTitle')}</h2>
      <FormOutcome result={result} intent="concentrationLimit" />
      <Form
        method="post"
        noValidate
        preventScrollReset
        className="stack"
        key={`${limitPercent}:${windowDays}`}
      >
        <input type="hidden" name="intent" value="concentrationLimit" />
        <InputField
          name="limitPercent"
          type="number"
          min={1}
          max={99}
          step="any"
          label={t('continuity.concentration.limitLabel')}
          defaultValue={limitPercent}
          error={errors.limitPercent}
        />
        <InputField
          name="windowDays"
          type="number"
          min={1}
          max={366}
          label={t('continuity.concentration.windowLabel')}
          defaultValue={windowDays}
          error={errors.windowDays}
        />
        <div>
          <button type="submit" className="button">
            {t('ownership.save')}
          </button>
        </div>
      </Form>
    </section>
  );
}
