import { Badge } from '@outpost/ui';
import { Form, useNavigation } from 'react-router';
import { useT } from '../../lib/i18n';
import type { StaffActionData } from '../../lib/staff/action-result';
import { TextAreaField } from './fields';
import { FormOutcome, fieldErrorsOf } from './form-outcome';
import { documentStatusLabel, documentTone } from './labels';

export interface ReviewedDocument {
  id: string;
  requirement: string;
  mandatory: boolean;
  status: string;
  currentVersion: number;
  issueDate: string | null;
  expiryDate: string | null;
  reviewedAt: string | null;
  rejectionReason: string | null;
  versions: { version: number; fileName: string; size: string; uploadedAt: string; href: string }[];
}

/**
 * One qualification document as a reviewer sees it: its state, dates, every version
 * with a download link, and (for reviewers) accept, or reject with a reason the
 * partner will read.
 */
export function DocumentReview({
  document: d,
  canReview,
  result,
}: {
  document: ReviewedDocument;
  canReview: boolean;
  result: StaffActionData | undefined;
}) {
  const t = useT();
  const navigation = useNavigation();
  const busy = navigation.state === 'submitting' && navigation.formData?.get('target') === d.id;
  const errors = fieldErrorsOf(result, 'review', d.id);
  const headingId = `doc-${d.id}`;
  const reviewForms = (
    <div className="staff-doc__review">
      <Form method="post" preventScrollReset>
        <input type="hidden" name="intent" value="review" />
        <input type="hidden" name="target" value={d.id} />
        <input type="hidden" name="documentId" value={d.id} />
        <input type="hidden" name="decision" value="accept" />
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('staff-portal.documents.accept', { name: d.requirement })}
        </button>
      </Form>
      <Form method="post" preventScrollReset noValidate className="staff-doc__reject">
        <input type="hidden" name="intent" value="review" />
        <input type="hidden" name="target" value={d.id} />
        <input type="hidden" name="documentId" value={d.id} />
        <input type="hidden" name="decision" value="reject" />
        <TextAreaField
          name="reason"
          label={t('staff-portal.documents.reasonLabel', { name: d.requirement })}
          hint={t('staff-portal.documents.reasonHint')}
          rows={2}
          maxLength={2000}
          error={errors.reason}
        />
        <div>
          <button type="submit" className="button" disabled={busy}>
            {t('staff-portal.documents.reject', { name: d.requirement })}
          </button>
        </div>
      </Form>
    </div>
  );
  return (
    <li className="staff-doc" aria-labelledby={headingId}>
      <div className="staff-doc__head">
        <h3 id={headingId}>{d.requirement}</h3>
        <Badge tone={documentTone[d.status] ?? 'neutral'}>{documentStatusLabel(t, d.status)}</Badge>
        {d.mandatory ? null : <span className="muted">{t('staff-portal.documents.optional')}</span>}
      </div>
      <p className="muted staff-doc__meta">
        {t('staff-portal.documents.version', { version: d.currentVersion })}
        {' · '}
        {t('staff-portal.documents.issued', { date: d.issueDate ?? t('common.none') })}
        {' · '}
        {t('staff-portal.documents.expires', { date: d.expiryDate ?? t('staff-portal.documents.noExpiry') })}
        {d.reviewedAt ? ` · ${t('staff-portal.documents.reviewedAt', { when: d.reviewedAt })}` : ''}
      </p>
      {d.rejectionReason ? (
        <p className="staff-doc__reason">
          <strong>{t('staff-portal.documents.rejectionReason')}</strong> {d.rejectionReason}
        </p>
      ) : null}
      <details className="staff-doc__versions">
        <summary>{t('staff-portal.documents.history', { count: d.versions.length })}</summary>
        <ul>
          {d.versions.map((v) => (
            <li key={v.version}>
              <a href={v.href} download>
                {t('staff-portal.documents.download', { version: v.version, file: v.fileName })}
              </a>{' '}
              <span className="muted">
                {v.size} · {v.uploadedAt}
              </span>
            </li>
          ))}
        </ul>
      </details>
      <FormOutcome result={result} intent="review" target={d.id} />
      {canReview && d.status === 'submitted' ? reviewForms : null}
      {/* A decision can be revisited (e.g. a forged licence found later); expired documents need a new upload. */}
      {canReview && (d.status === 'accepted' || d.status === 'rejected') ? (
        <details className="staff-doc__change" open={Object.keys(errors).length > 0 || undefined}>
          <summary>{t('staff-portal.documents.changeDecision')}</summary>
          {reviewForms}
        </details>
      ) : null}
    </li>
  );
}
