import { Badge, EmptyState } from '@outpost/ui';
import { useId } from 'react';
import { Form } from 'react-router';
import { useT } from '../../lib/i18n';
import type { ReviewActionData } from '../../lib/reviews/review-actions.server';
import type { ReviewDetailView } from '../../lib/reviews/review-view.server';
import { ConfirmDisclosure } from '../partner/confirm-disclosure';
import { TextAreaField } from '../staff/fields';
import { itemStatusLabel, itemTone } from './labels';
import { ReviewOutcome, reviewFieldErrors } from './review-outcome';
import { IntentForm } from '../intent-form';

type Item = ReviewDetailView['items'][number];

/**
 * Rectification items with their evidence. The partner uploads evidence to an open item and
 * submits it; staff verify a submitted item or send it back with a reason. Overdue is said in words.
 */
export function RectificationItems({
  items,
  mode,
  canAct,
  result,
  maxSize,
}: {
  items: Item[];
  mode: 'staff' | 'partner';
  canAct: boolean;
  result: ReviewActionData | undefined;
  maxSize?: string;
}) {
  const t = useT();
  return (
    <section className="card review-section" aria-labelledby="items-heading">
      <h2 id="items-heading">{t('reviews.items')}</h2>
      {items.length === 0 ? (
        <EmptyState title={t('reviews.noItems')} />
      ) : (
        <ol className="review-items">
          {items.map((item) => (
            <ItemCard
              key={item.id}
              item={item}
              mode={mode}
              canAct={canAct}
              result={result}
              maxSize={maxSize}
            />
          ))}
        </ol>
      )}
    </section>
  );
}

function ItemCard({
  item,
  mode,
  canAct,
  result,
  maxSize,
}: {
  item: Item;
  mode: 'staff' | 'partner';
  canAct: boolean;
  result: ReviewActionData | undefined;
  maxSize?: string | undefined;
}) {
  const t = useT();
  const fileId = useId();
  const headingId = `item-${item.id}`;
  const uploadErrors = reviewFieldErrors(result, 'upload', item.id);
  return (
    <li className="review-item" aria-labelledby={headingId}>
      <div className="review-item__head">
        <h3 id={headingId} className="review-item__title">
          {item.description}
        </h3>
        <div className="review-item__badges">
          <Badge tone={itemTone[item.status] ?? 'neutral'}>{itemStatusLabel(t, item.status)}</Badge>
          {item.overdue ? <Badge tone="negative">⚠ {t('reviews.overdue')}</Badge> : null}
        </div>
      </div>
      <p className="muted">
        {t('reviews.due')}: {item.due}
      </p>
      {item.reopenReason && item.status === 'open' ? (
        <p className="review-item__reopen">
          <strong>{t('reviews.reopenReason')}:</strong> {item.reopenReason}
        </p>
      ) : null}

      <h4 className="review-item__subhead">{t('reviews.evidence')}</h4>
      {item.evidence.length === 0 ? (
        <p className="muted">{t('reviews.noEvidence')}</p>
      ) : (
        <ul className="review-evidence">
          {item.evidence.map((e) => (
            <li key={e.id}>
              <a href={e.href} download={e.fileName}>
                {t('reviews.download', { name: e.fileName })}
              </a>{' '}
              <span className="muted">
                {e.size} · {e.uploadedAt}
              </span>
            </li>
          ))}
        </ul>
      )}

      {mode === 'partner' && canAct && item.status === 'open' ? (
        <div className="review-item__actions">
          <Form method="post" encType="multipart/form-data" className="review-upload">
            <input type="hidden" name="intent" value="upload" />
            <input type="hidden" name="target" value={item.id} />
            <div className={uploadErrors.file ? 'ui-field ui-field--invalid' : 'ui-field'}>
              <label htmlFor={fileId}>{t('reviews.evidenceFile')}</label>
              <p id={`${fileId}-hint`} className="ui-field__hint">
                {t('reviews.evidenceHint', { size: maxSize ?? '' })}
              </p>
              <input
                id={fileId}
                type="file"
                name="file"
                required
                accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx"
                aria-invalid={uploadErrors.file ? true : undefined}
                aria-describedby={`${fileId}-hint${uploadErrors.file ? ` ${fileId}-error` : ''}`}
              />
              {uploadErrors.file ? (
                <p id={`${fileId}-error`} className="ui-field__error">
                  {uploadErrors.file}
                </p>
              ) : null}
            </div>
            <button type="submit" className="button">
              {t('reviews.upload')}
            </button>
            <ReviewOutcome result={result} intent="upload" target={item.id} />
          </Form>
          <IntentForm
            intent="submit"
            hidden={{ target: item.id }}
            submitLabel={t('reviews.submitItem')}
            primary
            inline
            className=""
          />
        </div>
      ) : null}

      {mode === 'staff' && canAct && item.status !== 'open' ? (
        <div className="review-item__actions">
          {item.status === 'submitted' ? (
            <IntentForm
              intent="verify"
              hidden={{ target: item.id }}
              submitLabel={t('reviews.verify')}
              primary
              inline
              className=""
            />
          ) : null}
          <ConfirmDisclosure label={t('reviews.reopen')}>
            <Form method="post">
              <input type="hidden" name="intent" value="reopen" />
              <input type="hidden" name="target" value={item.id} />
              <TextAreaField
                name="reason"
                label={t('reviews.reopenReason')}
                required
                maxLength={2000}
                error={reviewFieldErrors(result, 'reopen', item.id).reason}
              />
              <button type="submit" className="button button--danger">
                {t('reviews.reopen')}
              </button>
            </Form>
          </ConfirmDisclosure>
        </div>
      ) : null}
      {/* Outcomes of the item's state changes, once, below the forms that may now be gone. */}
      {['submit', 'verify', 'reopen'].map((intent) => (
        <ReviewOutcome key={intent} result={result} intent={intent} target={item.id} />
      ))}
    </li>
  );
}
