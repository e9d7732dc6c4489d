import { DescriptionList } from '@outpost/ui';
import { useId } from 'react';
import { Form } from 'react-router';
import { useT } from '../../lib/i18n';
import type { ReviewActionData } from '../../lib/reviews/review-actions.server';
import type { ReviewDetailView } from '../../lib/reviews/review-view.server';
import { ConfirmDisclosure } from '../partner/confirm-disclosure';
import { TextAreaField } from '../staff/fields';
import { outcomeLabel } from './labels';
import { ReviewOutcome, reviewFieldErrors } from './review-outcome';
import { IntentForm } from '../intent-form';

/** The insurer's comments and, once there is one, the appeal and its answer (both sides read this). */
export function ReviewRecord({ review }: { review: ReviewDetailView['review'] }) {
  const t = useT();
  const items = [{ term: t('reviews.comments'), details: review.comments || t('common.none') }];
  if (review.appealReason) {
    items.push({
      term: t('reviews.appealReason'),
      details: `${review.appealReason} (${review.appealedAt ?? ''})`,
    });
  }
  if (review.appealOutcome) {
    items.push({ term: t('reviews.outcome'), details: outcomeLabel(t, review.appealOutcome) });
    items.push({ term: t('reviews.appealResponse'), details: review.appealResponse ?? '' });
  }
  return <DescriptionList items={items} />;
}

/** Staff answer an open appeal: upheld or overturned, with a response the partner reads. */
export function AppealAnswerForm({
  outcomes,
  result,
}: {
  outcomes: readonly string[];
  result: ReviewActionData | undefined;
}) {
  const t = useT();
  const outcomeId = useId();
  const errors = reviewFieldErrors(result, 'answer');
  return (
    <section className="card review-section" aria-labelledby="answer-heading">
      <h2 id="answer-heading">{t('reviews.answerTitle')}</h2>
      <Form method="post" className="review-form">
        <input type="hidden" name="intent" value="answer" />
        <fieldset className={errors.outcome ? 'ui-field ui-field--invalid' : 'ui-field'} id={outcomeId}>
          <legend>{t('reviews.outcome')}</legend>
          {outcomes.map((o) => (
            <label key={o} className="staff-check">
              <input type="radio" name="outcome" value={o} required />
              <span>{outcomeLabel(t, o)}</span>
            </label>
          ))}
          {errors.outcome ? <p className="ui-field__error">{errors.outcome}</p> : null}
        </fieldset>
        <TextAreaField
          name="response"
          label={t('reviews.response')}
          required
          maxLength={5000}
          error={errors.response}
        />
        <button type="submit" className="button button--primary">
          {t('reviews.answer')}
        </button>
        <ReviewOutcome result={result} intent="answer" only="errors" />
      </Form>
    </section>
  );
}

/** The partner acknowledges a final review or appeals it once with a reason. */
export function PartnerResponse({
  result,
  canAppeal,
}: {
  result: ReviewActionData | undefined;
  canAppeal: boolean;
}) {
  const t = useT();
  return (
    <section className="card review-section" aria-labelledby="respond-heading">
      <h2 id="respond-heading">{t('reviews.respondTitle')}</h2>
      <p className="muted">{t('reviews.respondHint')}</p>
      <div className="review-form__actions">
        <IntentForm intent="acknowledge" submitLabel={t('reviews.acknowledge')} primary inline className="" />
        {canAppeal ? (
          <ConfirmDisclosure label={t('reviews.appeal')}>
            <Form method="post" className="review-form">
              <input type="hidden" name="intent" value="appeal" />
              <TextAreaField
                name="reason"
                label={t('reviews.appealReason')}
                hint={t('reviews.appealReasonHint')}
                required
                maxLength={5000}
                error={reviewFieldErrors(result, 'appeal').reason}
              />
              <button type="submit" className="button button--danger">
                {t('reviews.appealSubmit')}
              </button>
            </Form>
          </ConfirmDisclosure>
        ) : null}
      </div>
      <ReviewOutcome result={result} intent="acknowledge" only="errors" />
      <ReviewOutcome result={result} intent="appeal" only="errors" />
    </section>
  );
}
