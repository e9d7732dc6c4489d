import { Alert } from '@outpost/ui';
import { Form, useNavigation } from 'react-router';
import { useT } from '../../lib/i18n';
import type { ApplicationExtra } from '../../lib/staff/application-actions.server';
import type { StaffActionData } from '../../lib/staff/action-result';
import { CheckboxField, TextAreaField } from './fields';
import { FormOutcome, fieldErrorsOf } from './form-outcome';
import { stageLabel } from './labels';

/**
 * Moving the application on (core says what is still missing) or back to an earlier
 * stage with a reason. Returning discards committee votes, so it sits behind a
 * disclosure and needs an explicit confirmation.
 */
export function StageActions({
  stages,
  stageIndex,
  requirementNames,
  result,
}: {
  stages: string[];
  stageIndex: number;
  requirementNames: Record<string, string>;
  result: StaffActionData<ApplicationExtra> | undefined;
}) {
  const t = useT();
  const navigation = useNavigation();
  const busy = navigation.state === 'submitting';
  const next = stages[stageIndex + 1];
  const earlier = stages.slice(0, stageIndex);
  const returnErrors = fieldErrorsOf(result, 'return');
  const pending = result?.intent === 'advance' ? (result.extra?.pending ?? []) : [];
  return (
    <section className="card stack" aria-labelledby="stage-actions-heading">
      <h2 id="stage-actions-heading">{t('staff-portal.stage.actions')}</h2>
      {next ? (
        <>
          {result?.intent === 'advance' && result.errors?.form ? (
            <Alert tone="error">
              <p>{result.errors.form}</p>
              {pending.length > 0 ? (
                <ul>
                  {pending.map((key) => (
                    <li key={key}>{requirementNames[key] ?? key}</li>
                  ))}
                </ul>
              ) : null}
            </Alert>
          ) : (
            <FormOutcome result={result} intent="advance" />
          )}
          <Form method="post" preventScrollReset>
            <input type="hidden" name="intent" value="advance" />
            <button type="submit" className="button button--primary" disabled={busy}>
              {t('staff-portal.stage.advance', { next: stageLabel(t, next) })}
            </button>
          </Form>
        </>
      ) : (
        <p className="muted">{t('staff-portal.stage.committeeDecides')}</p>
      )}

      {earlier.length > 0 ? (
        <details
          className="staff-return"
          open={result?.intent === 'return' && result.errors ? true : undefined}
        >
          <summary>{t('staff-portal.stage.returnTitle')}</summary>
          <Form method="post" noValidate preventScrollReset className="stack">
            <input type="hidden" name="intent" value="return" />
            <FormOutcome result={result} intent="return" />
            <div className={returnErrors.stage ? 'ui-field ui-field--invalid' : 'ui-field'}>
              <label htmlFor="return-stage">{t('staff-portal.stage.returnTo')}</label>
              <select
                id="return-stage"
                name="stage"
                defaultValue={earlier[earlier.length - 1]}
                aria-invalid={returnErrors.stage ? true : undefined}
                aria-describedby={returnErrors.stage ? 'return-stage-error' : undefined}
              >
                {earlier.map((s) => (
                  <option key={s} value={s}>
                    {stageLabel(t, s)}
                  </option>
                ))}
              </select>
              {returnErrors.stage ? (
                <p id="return-stage-error" className="ui-field__error">
                  {returnErrors.stage}
                </p>
              ) : null}
            </div>
            <TextAreaField
              name="reason"
              label={t('staff-portal.stage.returnReason')}
              hint={t('staff-portal.stage.returnReasonHint')}
              rows={3}
              maxLength={2000}
              error={returnErrors.reason}
            />
            <CheckboxField
              name="confirm"
              label={t('staff-portal.stage.returnConfirm')}
              error={returnErrors.confirm}
            />
            <div>
              <button type="submit" className="button staff-danger" disabled={busy}>
                {t('staff-portal.stage.returnSubmit')}
              </button>
            </div>
          </Form>
        </details>
      ) : null}
    </section>
  );
}
