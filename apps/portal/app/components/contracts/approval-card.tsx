import { Badge } from '@outpost/ui';
import { Form } from 'react-router';
import type { approvalView } from '../../lib/contracts/approval-view.server';
import { useT } from '../../lib/i18n';
import { TextAreaField } from '../staff/fields';

/**
 * Legal's review form (approve, or return with comments) — the same for a contract's first
 * version and for an amendment, which go through the same core service.
 */
export function LegalReviewForm({ busy, error }: { busy: boolean; error: string | undefined }) {
  const t = useT();
  return (
    <Form method="post" className="stack">
      <input type="hidden" name="intent" value="review" />
      <TextAreaField
        name="comments"
        label={t('contracts.review.comments')}
        hint={t('contracts.review.commentsHint')}
        error={error}
        maxLength={5000}
      />
      <div className="filters">
        <button
          type="submit"
          name="decision"
          value="approve"
          className="button button--primary"
          disabled={busy}
        >
          {t('contracts.review.approve')}
        </button>
        <button type="submit" name="decision" value="return" className="button" disabled={busy}>
          {t('contracts.review.return')}
        </button>
      </div>
    </Form>
  );
}

/** The approvers' live tally and decisions, and the approver's own Approve / Return form. */
export function ApprovalCard({
  approval,
  mayDecide,
  busy,
  reasonError,
}: {
  approval: ReturnType<typeof approvalView>;
  mayDecide: boolean;
  busy: boolean;
  reasonError: string | undefined;
}) {
  const t = useT();
  return (
    <section className="card stack" aria-labelledby="contract-approval">
      <h2 id="contract-approval">{t('contracts.approval.title')}</h2>
      <p role="status">
        {t('contracts.approval.tally', {
          approve: approval.tally.approve,
          pending: approval.tally.pending,
          approvers: approval.tally.approvers,
        })}
      </p>
      <ul className="stack">
        {approval.approvers.map((a) => (
          <li key={a.id}>
            <strong>{a.name}</strong>
            {' · '}
            {a.decision ? (
              <>
                <Badge tone={a.decision === 'approve' ? 'positive' : 'negative'}>
                  {t(`contracts.approval.decision.${a.decision}`)}
                </Badge>{' '}
                <span className="muted">
                  {a.at}
                  {a.via === 'slack' ? ` ${t('contracts.approval.viaSlack')}` : ''}
                </span>
                {a.reason ? <p>{a.reason}</p> : null}
              </>
            ) : (
              <span className="muted">{t('contracts.approval.pending')}</span>
            )}
          </li>
        ))}
      </ul>
      {mayDecide ? (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="decide" />
          <TextAreaField
            name="reason"
            label={t('contracts.approval.reason')}
            hint={t('contracts.approval.reasonHint')}
            error={reasonError}
            maxLength={2000}
          />
          <div className="filters">
            <button
              type="submit"
              name="decision"
              value="approve"
              className="button button--primary"
              disabled={busy}
            >
              {t('contracts.approval.approve')}
            </button>
            <button type="submit" name="decision" value="return" className="button" disabled={busy}>
              {t('contracts.approval.return')}
            </button>
          </div>
        </Form>
      ) : null}
    </section>
  );
}
