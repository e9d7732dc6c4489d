import { Badge } from '@outpost/ui';
import { Form } from 'react-router';
import { useT } from '../../lib/i18n';
import { AppLink } from '../app-link';
import { TextAreaField } from '../staff/fields';

interface Summary {
  version: number;
  status: string;
  statusText: string;
  reason: string;
  /** A renewal (decision record 047): an amendment giving a new term. */
  renewal: boolean;
  newTerm: string | null;
}

/**
 * On the staff contract page: the amendment under way (its state and a link to it), or, for a
 * contract in force and someone who manages contracts, the form that starts one.
 */
export function AmendmentSummary({
  contractId,
  amendment,
  mayStart,
  busy,
  error,
}: {
  contractId: string;
  amendment: Summary | null;
  mayStart: boolean;
  busy: boolean;
  error?: string | undefined;
}) {
  const t = useT();
  if (!amendment && !mayStart) return null;
  return (
    <section className="card stack" aria-labelledby="contract-amendment">
      <h2 id="contract-amendment">
        {t(amendment?.renewal ? 'contracts.renewal.section' : 'contracts.amendment.section')}
      </h2>
      {amendment ? (
        <>
          <p>
            <Badge tone="caution">{amendment.statusText}</Badge>{' '}
            {t(amendment.renewal ? 'contracts.renewal.underWay' : 'contracts.amendment.underWay', {
              version: amendment.version,
              status: amendment.statusText,
            })}
          </p>
          {amendment.newTerm ? <p>{amendment.newTerm}</p> : null}
          <p>
            <strong>{t('contracts.amendment.reasonLabel')}:</strong> {amendment.reason}
          </p>
          <p>
            <AppLink to={`/s/contracts/${contractId}/amendment`} className="button">
              {t(amendment.renewal ? 'contracts.renewal.open' : 'contracts.amendment.open')}
            </AppLink>
          </p>
        </>
      ) : (
        <Form method="post" className="stack">
          <p className="muted">{t('contracts.amendment.intro')}</p>
          <input type="hidden" name="intent" value="amend" />
          <TextAreaField
            name="reason"
            label={t('contracts.amendment.reason')}
            hint={t('contracts.amendment.reasonHint')}
            error={error}
            maxLength={2000}
          />
          <div>
            <button type="submit" className="button" disabled={busy}>
              {t('contracts.amendment.start')}
            </button>
          </div>
        </Form>
      )}
    </section>
  );
}
