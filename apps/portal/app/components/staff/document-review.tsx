import { Badge } from '@outpost/ui';
import { Form, useNavigation } from 'react-router';
import { useT } from '../../lib/i18n';
import type { StaffActionData } from '../../lib/staff/action-result';
import { TextAreaField } from './fields';
import { FormOutcome, fieldErrorsOf } from './form-outcome';
import { DocumentPreview } from './document-preview';
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
  /** The version under decision, with how to show it inline (PDF, image) or null. */
  current: {
    version: number;
    fileName: string;
    size: string;
    uploadedAt: string;
    typeLabel: string;
    href: string;
    preview: { kind: 'pdf' | 'image'; href: string } | null;
  } | null;
  versions: { version: number; fileName: string; size: string; uploadedAt: string; href: string }[];
}

/**
 * One qualification document as a reviewer sees it: the current version previewed beside
 * its state, dates and the decision (accept, or reject with a reason the partner will read),
 * a download link, and every earlier version. A document awaiting review shows its preview
 * open; a decided one keeps it behind a disclosure.
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
  const awaiting = d.status === 'submitted';
  return (
    <li className="staff-doc" aria-labelledby={headingId}>
      <div className="staff-doc__head">
        <h3 id={headingId}>{d.requirement}</h3>
        <Badge tone={documentTone[d.status] ?? 'neutral'}>{documentStatusLabel(t, d.status)}</Badge>
        {d.mandatory ? null : <span className="muted">{t('staff-portal.documents.optional')}</span>}
      </div>
      <div className={d.current ? 'staff-doc__body' : undefined}>
        {d.current ? (
          <div className="staff-doc__preview">
            {awaiting ? (
              <DocumentPreview name={d.requirement} current={d.current} />
            ) : (
              <details className="staff-doc__preview-toggle">
                <summary>{t('document-review.preview.show')}</summary>
                <DocumentPreview name={d.requirement} current={d.current} />
              </details>
            )}
          </div>
        ) : null}
        <div className="staff-doc__side">
          <p className="muted staff-doc__meta">
            {t('staff-portal.documents.version', { version: d.currentVersion })}
            {' · '}
            {t('staff-portal.documents.issued', { date: d.issueDate ?? t('common.none') })}
            {' · '}
            {t('staff-portal.documents.expires', {
              date: d.expiryDate ?? t('staff-portal.documents.noExpiry'),
            })}
            {d.reviewedAt ? ` · ${t('staff-portal.documents.reviewedAt', { when: d.reviewedAt })}` : ''}
          </p>
          {d.current ? (
            <p className="staff-doc__current">
              {t('document-review.current', {
                file: d.current.fileName,
                size: d.current.size,
                when: d.current.uploadedAt,
              })}{' '}
              <a href={d.current.href} download>
                {t('document-review.download', { version: d.current.version })}
              </a>
            </p>
          ) : null}
          {d.rejectionReason ? (
            <p className="staff-doc__reason">
              <strong>{t('staff-portal.documents.rejectionReason')}</strong> {d.rejectionReason}
            </p>
          ) : null}
          <FormOutcome result={result} intent="review" target={d.id} />
          {canReview && awaiting ? reviewForms : null}
          {/* A decision can be revisited (e.g. a forged licence found later); expired documents need a new upload. */}
          {canReview && (d.status === 'accepted' || d.status === 'rejected') ? (
            <details className="staff-doc__change" open={Object.keys(errors).length > 0 || undefined}>
              <summary>{t('staff-portal.documents.changeDecision')}</summary>
              {reviewForms}
            </details>
          ) : null}
          {d.versions.length > 1 ? (
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
          ) : null}
        </div>
      </div>
    </li>
  );
}
