import { Form } from 'react-router';
import { useT } from '../../lib/i18n';
import type { StaffActionData } from '../../lib/staff/action-result';
import { FormOutcome, fieldErrorsOf } from './form-outcome';

export interface RelationshipOwnerView {
  partnerId: string;
  ownerId: string | null;
  choices: { id: string; displayName: string }[];
}

/** Who answers for this partner in risk matters: critical alerts DM them, unanswered ones remind them. */
export function RelationshipOwnerPanel({
  view,
  result,
}: {
  view: RelationshipOwnerView;
  result: StaffActionData | undefined;
}) {
  const t = useT();
  const errors = fieldErrorsOf(result, 'relationshipOwner');
  return (
    <section className="card stack" aria-labelledby="relationship-owner">
      <h2 id="relationship-owner">{t('risk.owner.title')}</h2>
      <p className="muted">{t('risk.owner.hint')}</p>
      <FormOutcome result={result} intent="relationshipOwner" />
      <Form method="post" noValidate preventScrollReset className="stack" key={view.ownerId ?? 'none'}>
        <input type="hidden" name="intent" value="relationshipOwner" />
        <input type="hidden" name="partnerId" value={view.partnerId} />
        <div className={errors.userId ? 'ui-field ui-field--invalid' : 'ui-field'}>
          <label htmlFor="relationship-owner-select">{t('risk.owner.label')}</label>
          <select
            id="relationship-owner-select"
            name="userId"
            defaultValue={view.ownerId ?? ''}
            aria-invalid={errors.userId ? true : undefined}
            aria-describedby={errors.userId ? 'relationship-owner-error' : undefined}
          >
            <option value="">{t('risk.owner.none')}</option>
            {view.choices.map((c) => (
              <option key={c.id} value={c.id}>
                {c.displayName}
              </option>
            ))}
          </select>
          {errors.userId ? (
            <p id="relationship-owner-error" className="ui-field__error">
              {errors.userId}
            </p>
          ) : null}
        </div>
        <div>
          <button type="submit" className="button button--primary">
            {t('staff-portal.settings.save')}
          </button>
        </div>
      </Form>
    </section>
  );
}
