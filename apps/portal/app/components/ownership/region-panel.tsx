import { Form } from 'react-router';
import { useT } from '../../lib/i18n';
import type { StaffActionData } from '../../lib/staff/action-result';
import { FormOutcome, fieldErrorsOf } from '../staff/form-outcome';

/** The partner's sales region (decision record 046), edited by administrators (decision record 050). */
export function RegionPanel({
  view,
  result,
}: {
  view: { partnerId: string; region: string | null; regions: readonly string[] };
  result: StaffActionData | undefined;
}) {
  const t = useT();
  const errors = fieldErrorsOf(result, 'region');
  return (
    <section className="card stack" aria-labelledby="partner-region">
      <h2 id="partner-region">{t('region.title')}</h2>
      <FormOutcome result={result} intent="region" />
      <Form method="post" noValidate preventScrollReset className="stack" key={view.region ?? 'none'}>
        <input type="hidden" name="intent" value="region" />
        <input type="hidden" name="partnerId" value={view.partnerId} />
        <div className={errors.region ? 'ui-field ui-field--invalid' : 'ui-field'}>
          <label htmlFor="partner-region-select">{t('region.label')}</label>
          <select
            id="partner-region-select"
            name="region"
            defaultValue={view.region ?? ''}
            aria-invalid={errors.region ? true : undefined}
            aria-describedby={errors.region ? 'partner-region-error' : undefined}
          >
            <option value="">{t('region.none')}</option>
            {view.regions.map((r) => (
              <option key={r} value={r}>
                {t(`targets.region.${r}` as 'targets.region.north')}
              </option>
            ))}
          </select>
          {errors.region ? (
            <p id="partner-region-error" className="ui-field__error">
              {errors.region}
            </p>
          ) : null}
        </div>
        <div>
          <button type="submit" className="button">
            {t('ownership.save')}
          </button>
        </div>
      </Form>
    </section>
  );
}
