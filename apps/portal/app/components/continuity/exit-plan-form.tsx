import { Form } from 'react-router';
import { useT } from '../../lib/i18n';
import type { StaffActionData } from '../../lib/staff/action-result';
import { InputField, TextAreaField } from '../staff/fields';
import { FormOutcome, fieldErrorsOf } from '../staff/form-outcome';

export interface ExitPlanFormView {
  partnerId: string;
  /** The version the form was opened on (null: no plan yet). */
  version: number | null;
  alternativePartnerIds: string[];
  externalFirms: string[];
  steps: string[];
  switchDays: number | null;
  dataToMigrate: string;
  lastReviewedOn: string;
  lastTestedOn: string;
  nextReviewOn: string;
  ownerId: string | null;
  partnerChoices: { id: string; legalName: string }[];
  people: { id: string; displayName: string }[];
}

/** Writing or revising an exit plan; each save is a new version (decision record 050). */
export function ExitPlanForm({
  view,
  result,
}: {
  view: ExitPlanFormView;
  result: StaffActionData | undefined;
}) {
  const t = useT();
  const errors = fieldErrorsOf(result, 'saveExitPlan');
  return (
    <section className="card stack" aria-labelledby="exit-plan-form">
      <h2 id="exit-plan-form">{view.version ? t('continuity.plan.edit') : t('continuity.plan.create')}</h2>
      <FormOutcome result={result} intent="saveExitPlan" />
      <Form method="post" noValidate className="stack" key={view.version ?? 0}>
        <input type="hidden" name="intent" value="saveExitPlan" />
        <input type="hidden" name="partnerId" value={view.partnerId} />
        <input type="hidden" name="expectedVersion" value={view.version ?? ''} />
        <fieldset className={errors.alternatives ? 'ui-field ui-field--invalid' : 'ui-field'}>
          <legend>{t('continuity.plan.alternatives')}</legend>
          <label htmlFor="exit-alt-partners">{t('continuity.plan.alternativePartners')}</label>
          <p id="exit-alt-partners-hint" className="ui-field__hint">
            {t('continuity.plan.alternativePartnersHint')}
          </p>
          <select
            id="exit-alt-partners"
            name="alternativePartners"
            multiple
            size={Math.min(8, Math.max(3, view.partnerChoices.length))}
            defaultValue={view.alternativePartnerIds}
            aria-describedby={
              errors.alternatives ? 'exit-alt-partners-hint exit-alt-error' : 'exit-alt-partners-hint'
            }
            aria-invalid={errors.alternatives ? true : undefined}
          >
            {view.partnerChoices.map((p) => (
              <option key={p.id} value={p.id}>
                {p.legalName}
              </option>
            ))}
          </select>
          <TextAreaField
            name="externalFirms"
            label={t('continuity.plan.externalFirms')}
            hint={t('continuity.plan.externalFirmsHint')}
            defaultValue={view.externalFirms.join('\n')}
          />
          {errors.alternatives ? (
            <p id="exit-alt-error" className="ui-field__error">
              {errors.alternatives}
            </p>
          ) : null}
        </fieldset>
        <TextAreaField
          name="steps"
          label={t('continuity.plan.steps')}
          hint={t('continuity.plan.stepsHint')}
          defaultValue={view.steps.join('\n')}
          rows={6}
          error={errors.steps}
        />
        <InputField
          name="switchDays"
          type="number"
          min={1}
          max={3650}
          label={t('continuity.plan.switchDays')}
          defaultValue={view.switchDays ?? ''}
          error={errors.switchDays}
        />
        <TextAreaField
          name="dataToMigrate"
          label={t('continuity.plan.dataToMigrate')}
          defaultValue={view.dataToMigrate}
          error={errors.dataToMigrate}
        />
        <InputField
          name="lastReviewedOn"
          type="date"
          label={t('continuity.plan.lastReviewedOn')}
          defaultValue={view.lastReviewedOn}
          error={errors.lastReviewedOn}
        />
        <InputField
          name="lastTestedOn"
          type="date"
          label={t('continuity.plan.lastTestedOn')}
          defaultValue={view.lastTestedOn}
          error={errors.lastTestedOn}
        />
        <InputField
          name="nextReviewOn"
          type="date"
          label={t('continuity.plan.nextReviewOn')}
          hint={t('continuity.plan.nextReviewHint')}
          defaultValue={view.nextReviewOn}
          error={errors.nextReviewOn}
        />
        <div className={errors.ownerId ? 'ui-field ui-field--invalid' : 'ui-field'}>
          <label htmlFor="exit-owner">{t('continuity.plan.owner')}</label>
          <select
            id="exit-owner"
            name="ownerId"
            defaultValue={view.ownerId ?? ''}
            aria-invalid={errors.ownerId ? true : undefined}
            aria-describedby={errors.ownerId ? 'exit-owner-error' : undefined}
          >
            <option value="">{t('continuity.plan.noOwner')}</option>
            {view.people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.displayName}
              </option>
            ))}
          </select>
          {errors.ownerId ? (
            <p id="exit-owner-error" className="ui-field__error">
              {errors.ownerId}
            </p>
          ) : null}
        </div>
        <div>
          <button type="submit" className="button button--primary">
            {t('continuity.plan.save')}
          </button>
        </div>
      </Form>
    </section>
  );
}
