import { useT } from '../../lib/i18n';

interface Body {
  partnerName: string;
  serviceCategory: string;
  terms: {
    start: string;
    end: string;
    autoRenew: boolean;
    noticeDays: number;
    annualValue: string;
    governingLaw: string;
    language: string;
  };
  sla: { kpi: string; target: string }[];
  clauses: { kind: string; title: string; text: string }[];
}

/** A contract's terms, SLA targets and clauses (values filled in), as both portals show them. */
export function ContractBody({ contract }: { contract: Body }) {
  const t = useT();
  const { terms } = contract;
  return (
    <>
      <section className="card stack" aria-labelledby="contract-terms">
        <h2 id="contract-terms">{t('contracts.detail.terms')}</h2>
        <dl className="stack">
          <div>
            <dt>{t('contracts.list.partner')}</dt>
            <dd>{contract.partnerName}</dd>
          </div>
          <div>
            <dt>{t('contracts.list.category')}</dt>
            <dd>{t(`category.${contract.serviceCategory}` as 'category.agency')}</dd>
          </div>
          <div>
            <dt>{t('contracts.pdf.term')}</dt>
            <dd>
              {terms.start} – {terms.end}
            </dd>
          </div>
          <div>
            <dt>{t('contracts.pdf.renewal')}</dt>
            <dd>{t(terms.autoRenew ? 'contracts.pdf.autoRenew' : 'contracts.pdf.noRenew')}</dd>
          </div>
          <div>
            <dt>{t('contracts.pdf.notice')}</dt>
            <dd>{t('contracts.pdf.days', { days: terms.noticeDays })}</dd>
          </div>
          <div>
            <dt>{t('contracts.pdf.annualValue')}</dt>
            <dd>{terms.annualValue}</dd>
          </div>
          <div>
            <dt>{t('contracts.pdf.governingLaw')}</dt>
            <dd>{terms.governingLaw}</dd>
          </div>
          <div>
            <dt>{t('contracts.form.language')}</dt>
            <dd>{t(terms.language === 'en' ? 'contracts.lang.en' : 'contracts.lang.zh')}</dd>
          </div>
        </dl>
      </section>

      <section className="card stack" aria-labelledby="contract-sla">
        <h2 id="contract-sla">{t('contracts.pdf.sla')}</h2>
        {contract.sla.length === 0 ? (
          <p className="muted">{t('contracts.detail.noSla')}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('contracts.pdf.kpi')}</th>
                <th scope="col">{t('contracts.pdf.target')}</th>
              </tr>
            </thead>
            <tbody>
              {contract.sla.map((s, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: targets are listed in their order.
                <tr key={i}>
                  <th scope="row">{s.kpi}</th>
                  <td>{s.target}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="card stack" aria-labelledby="contract-clauses">
        <h2 id="contract-clauses">{t('contracts.detail.clauses')}</h2>
        <ol className="contract-clauses stack">
          {contract.clauses.map((c, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: clauses are numbered by their order.
            <li key={i}>
              <h3>
                {t('contracts.pdf.article', { n: i + 1 })} {c.title}
              </h3>
              <p className="muted">{t(`contracts.kind.${c.kind}` as 'contracts.kind.rights')}</p>
              <p>{c.text}</p>
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
