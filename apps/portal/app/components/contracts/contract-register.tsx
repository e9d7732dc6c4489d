import { Badge } from '@outpost/ui';
import { AppLink } from '../app-link';
import { useT } from '../../lib/i18n';
import type { RegisterView } from '../../lib/contracts/archive-view.server';

/**
 * The contract's outsourcing-register record on the staff page (decision record 039): the fields
 * read live from the contract and its partner, the ones staff keep (with what is still missing),
 * and a link to edit them for those who may.
 */
export function ContractRegisterCard({
  register,
  base,
  mayEdit,
}: {
  register: RegisterView;
  base: string;
  mayEdit: boolean;
}) {
  const t = useT();
  return (
    <section className="card stack" aria-labelledby="contract-register">
      <h2 id="contract-register">
        {t('contracts.register.title')}{' '}
        <Badge tone={register.complete ? 'positive' : 'caution'}>
          {register.complete ? t('contracts.register.complete') : t('contracts.register.incomplete')}
        </Badge>
      </h2>
      <p className="muted">{t('contracts.register.intro')}</p>
      {register.complete ? null : (
        <p role="note">{t('contracts.register.missing', { fields: register.missing })}</p>
      )}
      <h3>{t('contracts.register.derived')}</h3>
      <dl className="stack">
        {register.derived.map((f) => (
          <div key={f.key}>
            <dt>{f.label}</dt>
            <dd>{f.value}</dd>
          </div>
        ))}
      </dl>
      <h3>{t('contracts.register.stored')}</h3>
      <dl className="stack">
        {register.stored.map((f) => (
          <div key={f.key}>
            <dt>{f.label}</dt>
            <dd className={f.missing ? 'muted' : undefined}>{f.value}</dd>
          </div>
        ))}
      </dl>
      {mayEdit ? (
        <p>
          <AppLink to={`${base}/register`} className="button">
            {t('contracts.register.edit')}
          </AppLink>
        </p>
      ) : null}
    </section>
  );
}
