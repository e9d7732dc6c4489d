import { useT } from '../../lib/i18n';
import { AmendmentChanges } from './amendment-changes';
import { SignForm } from './sign-form';

interface Props {
  contractId: string;
  amendment: {
    version: number;
    reason: string;
    /** A renewal (decision record 047) and its new term, worded. */
    renewal?: boolean;
    newTerm?: string | null;
    changes: Parameters<typeof AmendmentChanges>[0]['changes'];
  };
  maySign: boolean;
  busy: boolean;
  error?: string | undefined;
}

/** The partner's side of an amendment awaiting signature: why, what changes, its PDF, the upload. */
export function PartnerAmendment({ contractId, amendment, maySign, busy, error }: Props) {
  const t = useT();
  const base = `/p/contracts/${contractId}`;
  return (
    <>
      <section className="card stack" aria-labelledby="contract-amendment">
        <h2 id="contract-amendment">
          {t(amendment.renewal ? 'contracts.renewal.toSign' : 'contracts.amendment.toSign', {
            version: amendment.version,
          })}
        </h2>
        <p>{t('contracts.amendment.toSignIntro')}</p>
        {amendment.newTerm ? <p>{amendment.newTerm}</p> : null}
        <p>
          <strong>{t('contracts.amendment.reasonLabel')}:</strong> {amendment.reason}
        </p>
        <p className="filters">
          <a className="button" href={`${base}/pdf?lang=zh-CN&version=${amendment.version}`}>
            {t('contracts.amendment.pdfZh')}
          </a>
          <a className="button" href={`${base}/pdf?lang=en&version=${amendment.version}`}>
            {t('contracts.amendment.pdfEn')}
          </a>
        </p>
        {maySign ? (
          <SignForm error={error} busy={busy} />
        ) : (
          <p className="muted">{t('contracts.partner.adminSigns')}</p>
        )}
      </section>
      <AmendmentChanges changes={amendment.changes} />
    </>
  );
}
