import { useT } from '../../lib/i18n';

export interface HandedOverCase {
  caseId: string;
  /** The leaving partner (on the successor's page) — absent on the staff page, where it is the case's partner. */
  fromName?: string;
  openedAt: string | null;
  slaDueAt: string | null;
  movedAt: string;
}

/**
 * The open service cases a termination case handed over (decision record 049, part 2): on the
 * staff case page, what moved; on the successor's page, what it now carries.
 */
export function HandedOverCases({
  rows,
  heading,
  intro,
}: {
  rows: HandedOverCase[];
  heading: string;
  intro: string;
}) {
  const t = useT();
  return (
    <section className="stack" aria-labelledby="handed-over">
      <h2 id="handed-over">{heading}</h2>
      <p className="muted">{intro}</p>
      {rows.length === 0 ? (
        <p>{t('terminations.handedOver.none')}</p>
      ) : (
        <div className="table-region">
          <table>
            <caption className="visually-hidden">{heading}</caption>
            <thead>
              <tr>
                <th scope="col">{t('terminations.handedOver.caseId')}</th>
                {rows[0]?.fromName !== undefined ? (
                  <th scope="col">{t('terminations.handedOver.from')}</th>
                ) : null}
                <th scope="col">{t('terminations.handedOver.openedAt')}</th>
                <th scope="col">{t('terminations.handedOver.slaDueAt')}</th>
                <th scope="col">{t('terminations.handedOver.movedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.fromName ?? ''}-${r.caseId}`}>
                  <td>{r.caseId}</td>
                  {r.fromName !== undefined ? <td>{r.fromName}</td> : null}
                  <td>{r.openedAt ?? '—'}</td>
                  <td>{r.slaDueAt ?? '—'}</td>
                  <td>{r.movedAt}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
