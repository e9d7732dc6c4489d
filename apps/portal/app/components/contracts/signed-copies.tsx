import { useT } from '../../lib/i18n';

interface Copy {
  version: number;
  kind: string;
  who: string;
  at: string;
  sha256: string;
  size: string;
  href: string;
}

/** Each countersigned copy: which version, who uploaded it and when, its SHA-256, and its download. */
export function SignedCopies({ copies }: { copies: Copy[] }) {
  const t = useT();
  return (
    <section className="card stack" aria-labelledby="contract-signed-copies">
      <h2 id="contract-signed-copies">{t('contracts.signedCopies.title')}</h2>
      {copies.length === 0 ? (
        <p className="muted">{t('contracts.signedCopies.none')}</p>
      ) : (
        <ul className="stack">
          {copies.map((c) => (
            <li key={c.version} className="stack">
              <p>
                {t('contracts.signedCopies.entry', {
                  version: c.version,
                  kind: c.kind,
                  who: c.who,
                  at: c.at,
                })}
                {' · '}
                <span className="muted">{t('contracts.signedCopies.size', { size: c.size })}</span>
              </p>
              <p>
                {t('contracts.signedCopies.sha256')}: <code className="mono">{c.sha256}</code>
              </p>
              <p>
                <a href={c.href}>{t('contracts.signedCopies.download', { version: c.version })}</a>
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
