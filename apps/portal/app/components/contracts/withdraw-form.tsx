import { Form } from 'react-router';
import { useT } from '../../lib/i18n';
import { TextAreaField } from '../staff/fields';

/**
 * Withdraws the amendment or renewal under way (decision record 047): in draft, legal review or
 * approval. Once it has left its draft a reason is required (core refuses without one).
 */
export function WithdrawForm({
  renewal,
  reasonRequired,
  busy,
  error,
}: {
  renewal: boolean;
  reasonRequired: boolean;
  busy: boolean;
  error?: string | undefined;
}) {
  const t = useT();
  return (
    <Form
      method="post"
      className="stack"
      aria-label={t(renewal ? 'contracts.renewal.withdraw' : 'contracts.amendment.withdraw')}
    >
      <input type="hidden" name="intent" value="withdraw" />
      <TextAreaField
        name="reason"
        label={t('contracts.withdraw.reason')}
        hint={t('contracts.withdraw.reasonHint')}
        error={error}
        maxLength={2000}
        required={reasonRequired}
      />
      <div>
        <button type="submit" className="button" disabled={busy}>
          {t(renewal ? 'contracts.renewal.withdraw' : 'contracts.amendment.withdraw')}
        </button>
      </div>
    </Form>
  );
}
