import { useId, useState } from 'react';
import { Form } from 'react-router';
import { useT } from '../../lib/i18n';
import type { ReviewActionData } from '../../lib/reviews/review-actions.server';
import type { ReviewDetailView } from '../../lib/reviews/review-view.server';
import { ConfirmDisclosure } from '../partner/confirm-disclosure';
import { InputField, TextAreaField } from '../staff/fields';
import { decisionLabel } from './labels';
import { ReviewOutcome, reviewFieldErrors } from './review-outcome';

type Row = { key: number; description: string; dueDate: string };

/**
 * Staff complete a draft: comments, decision and (for a rectification) items with due dates.
 * "Save" keeps it a draft; "Finalise" sits behind a confirmation because the partner is told
 * and a suspension suspends the partner. Without JavaScript there is always one spare row.
 */
export function CompletionForm({
  view,
  result,
}: {
  view: ReviewDetailView;
  result: ReviewActionData | undefined;
}) {
  const t = useT();
  const decisionId = useId();
  const itemsHintId = useId();
  const errors = { ...reviewFieldErrors(result, 'save'), ...reviewFieldErrors(result, 'finalise') };
  const [rows, setRows] = useState<Row[]>(() => [
    ...view.items.map((i, key) => ({ key, description: i.description, dueDate: i.dueDate })),
    { key: view.items.length, description: '', dueDate: '' },
  ]);
  const [decision, setDecision] = useState(view.review.decision ?? '');
  return (
    <section className="card review-section" aria-labelledby="complete-heading">
      <h2 id="complete-heading">{t('reviews.completeTitle')}</h2>
      <Form method="post" className="review-form">
        <TextAreaField
          name="comments"
          label={t('reviews.comments')}
          hint={t('reviews.commentsHint')}
          defaultValue={view.review.comments ?? ''}
          rows={5}
          maxLength={10_000}
          error={errors.comments}
        />
        <div className={errors.decision ? 'ui-field ui-field--invalid' : 'ui-field'}>
          <label htmlFor={decisionId}>{t('reviews.decision')}</label>
          <select
            id={decisionId}
            name="decision"
            value={decision}
            onChange={(e) => setDecision(e.target.value)}
            aria-invalid={errors.decision ? true : undefined}
            aria-describedby={errors.decision ? `${decisionId}-error` : undefined}
          >
            <option value="">{t('reviews.noDecision')}</option>
            {view.decisions.map((d) => (
              <option key={d} value={d}>
                {decisionLabel(t, d)}
              </option>
            ))}
          </select>
          {errors.decision ? (
            <p id={`${decisionId}-error`} className="ui-field__error">
              {errors.decision}
            </p>
          ) : null}
        </div>

        <fieldset
          className={
            errors.items ? 'ui-field review-items-editor ui-field--invalid' : 'ui-field review-items-editor'
          }
          aria-describedby={errors.items ? `${itemsHintId} ${itemsHintId}-error` : itemsHintId}
        >
          <legend>{t('reviews.items')}</legend>
          <p id={itemsHintId} className="ui-field__hint">
            {t('reviews.itemsHint')}
          </p>
          {errors.items ? (
            <p id={`${itemsHintId}-error`} className="ui-field__error">
              {errors.items}
            </p>
          ) : null}
          {rows.map((row, index) => (
            <div key={row.key} className="review-items-editor__row">
              <InputField
                name="itemDescription"
                label={t('reviews.itemDescription', { n: index + 1 })}
                defaultValue={row.description}
                maxLength={2000}
                className="review-items-editor__description"
              />
              <InputField
                name="itemDue"
                type="date"
                label={t('reviews.itemDue', { n: index + 1 })}
                defaultValue={row.dueDate}
              />
            </div>
          ))}
          <button
            type="button"
            className="button button--quiet"
            onClick={() =>
              setRows((r) => [...r, { key: (r.at(-1)?.key ?? 0) + 1, description: '', dueDate: '' }])
            }
          >
            {t('reviews.addItem')}
          </button>
        </fieldset>

        <div className="review-form__actions">
          <button type="submit" name="intent" value="save" className="button">
            {t('reviews.save')}
          </button>
          <ConfirmDisclosure label={t('reviews.finalise')}>
            <p>{t('reviews.finaliseConfirm')}</p>
            {decision === 'suspension' ? (
              <p className="review-warning">⚠ {t('reviews.suspensionWarning')}</p>
            ) : null}
            <button type="submit" name="intent" value="finalise" className="button button--primary">
              {t('reviews.finalise')}
            </button>
          </ConfirmDisclosure>
        </div>
        <ReviewOutcome result={result} intent="save" />
        <ReviewOutcome result={result} intent="finalise" only="errors" />
      </Form>
    </section>
  );
}
