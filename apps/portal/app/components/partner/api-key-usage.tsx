import { useT } from '../../lib/i18n';
import { CopyButton } from './copy-button';

/**
 * How a partner's system authenticates: the Authorization header and a curl example it
 * can copy (sending one service event), with the key filled in when it was just created.
 */
export function ApiKeyUsage({ origin, apiKey }: { origin: string; apiKey?: string }) {
  const t = useT();
  const key = apiKey ?? 'opk_<id>_<secret>';
  const header = `Authorization: Bearer ${key}`;
  const example = [
    `curl -X POST ${origin}/api/v1/events \\`,
    `  -H '${header}' \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d '{"events":[{"externalId":"case-1001-rating","type":"customer_rating","occurredAt":"2026-07-01T09:30:00+08:00","rating":5}]}'`,
  ].join('\n');
  return (
    <section className="card stack api-key-usage" aria-labelledby="api-key-usage-heading">
      <h2 id="api-key-usage-heading">{t('api.keys.authTitle')}</h2>
      <p>{t('api.keys.authIntro')}</p>
      <h3 className="api-key-usage__label">{t('api.keys.headerLabel')}</h3>
      <pre className="api-key-usage__code" data-testid="api-key-header">
        <code>{header}</code>
      </pre>
      <div>
        <CopyButton value={header} label={t('api.keys.copyHeader')} />
      </div>
      <h3 className="api-key-usage__label">{t('api.keys.exampleLabel')}</h3>
      <pre className="api-key-usage__code" data-testid="api-key-example">
        <code>{example}</code>
      </pre>
      <div>
        <CopyButton value={example} label={t('api.keys.copyExample')} />
      </div>
      <p className="muted">
        {t('api.keys.checkKey')} <a href="/api/docs">{t('api.keys.docsLink')}</a>
      </p>
    </section>
  );
}
