import { translate } from '@outpost/i18n';
import { Alert, EmptyState } from '@outpost/ui';
import { data } from 'react-router';
import { DocumentStatus } from '../../components/partner/document-status';
import { DocumentUploadForm } from '../../components/partner/document-upload-form';
import { orRouteError } from '../../lib/app-error.server';
import { useT } from '../../lib/i18n';
import { loadDocumentsPage, uploadDocumentAction } from '../../lib/partner/documents.server';
import { formatBytes } from '@outpost/i18n';
import { requirePartner } from '../../lib/partner/partner-viewer.server';
import type { Route } from './+types/documents';
import { AppLink } from '../../components/app-link';
import { documentSummary } from '../../components/work-queue/document-summary';

export async function loader({ context, request }: Route.LoaderArgs) {
  const { actor, deps, locale } = requirePartner(context, request);
  return orRouteError(locale, () => loadDocumentsPage(deps.db, actor, locale, deps.uploadMaxBytes));
}

/** Only used without JavaScript: the upload forms then post here instead of to the API. */
export async function action({ context, request }: Route.ActionArgs) {
  const { actor, deps, locale } = requirePartner(context, request);
  // Refuse an oversize body before reading it into memory (the API has its own limit).
  if (Number(request.headers.get('content-length') ?? 0) > deps.uploadMaxBytes + 64 * 1024) {
    const size = formatBytes(locale, deps.uploadMaxBytes);
    const form = translate(locale, 'partner-portal.documents.error.tooLarge', { size });
    return data(
      { ok: false as const, requirementId: '', status: 413, errors: { fields: {}, form } },
      { status: 413 },
    );
  }
  const result = await uploadDocumentAction(
    deps.db,
    actor,
    deps.storage,
    await request.formData(),
    locale,
    deps.uploadMaxBytes,
  );
  return data(result, { status: result.ok ? 200 : result.status });
}

/** The organisation's qualification documents, one card per requirement, each with its upload form. */
export default function PartnerDocuments({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { items, counts } = loaderData;
  return (
    <div className="page">
      <title>{`${t('partner-portal.documents.title')} · ${t('app.name')}`}</title>
      <header className="page-header">
        <p className="page-header__eyebrow">{t('partner.homeTitle')}</p>
        <h1>{t('partner-portal.documents.title')}</h1>
        <p className="muted">{t('partner-portal.documents.intro')}</p>
      </header>
      <Alert tone="info">
        <p>{t('partner-portal.documents.rules', { size: loaderData.maxSize })}</p>
        <p>{documentSummary(t, counts) ?? t('partner-portal.home.documentsAllIn')}</p>
      </Alert>

      {/* A refusal that belongs to no card (the body was too large to read which one it was for). */}
      {actionData && !actionData.ok && !items.some((i) => i.requirementId === actionData.requirementId) ? (
        <Alert tone="error">{actionData.errors.form ?? t('errors.refused')}</Alert>
      ) : null}

      {items.length === 0 ? (
        <EmptyState title={t('partner-portal.documents.empty')} />
      ) : (
        <ul className="doc-list">
          {items.map((item) => {
            const headingId = `doc-${item.requirementId}`;
            const result = actionData?.requirementId === item.requirementId ? actionData : undefined;
            return (
              <li key={item.requirementId} className="card doc-card" aria-labelledby={headingId}>
                <div className="doc-card__head">
                  <h2 id={headingId} className="doc-card__title">
                    {item.name}
                  </h2>
                  <div className="doc-card__badges">
                    <DocumentStatus state={item.state} />
                    <span className="muted">
                      {item.mandatory
                        ? t('partner-portal.documents.mandatory')
                        : t('partner-portal.documents.optional')}
                    </span>
                  </div>
                </div>
                {item.description ? <p className="muted">{item.description}</p> : null}
                <p className="muted doc-card__validity">
                  {item.expires && item.validityMonths
                    ? t('partner-portal.documents.validity', { months: item.validityMonths })
                    : t('partner-portal.documents.noExpiry')}
                </p>

                {item.document?.rejectionReason ? (
                  <Alert tone="error" title={t('partner-portal.documents.reason')}>
                    <p>{item.document.rejectionReason}</p>
                  </Alert>
                ) : null}

                {item.document ? (
                  <>
                    <dl className="doc-card__dates">
                      <div>
                        <dt>{t('partner-portal.documents.issueDate')}</dt>
                        <dd>{item.document.issueDate ?? t('common.none')}</dd>
                      </div>
                      <div>
                        <dt>{t('partner-portal.documents.expiryDate')}</dt>
                        <dd>
                          {item.document.expiryDate ?? t('common.none')}
                          {item.expiringSoon ? (
                            <span className="doc-card__soon">
                              {' '}
                              ⚠ {t('partner-portal.documents.expiringSoon')}
                            </span>
                          ) : null}
                        </dd>
                      </div>
                    </dl>
                    <details className="doc-card__versions">
                      <summary>
                        {t('partner-portal.documents.versions', { count: item.document.versions.length })}
                      </summary>
                      <ol>
                        {item.document.versions.map((v) => (
                          <li key={v.version}>
                            <span className="doc-card__version">
                              {t('partner-portal.documents.version', { version: v.version })}
                              {v.version === item.document?.currentVersion
                                ? ` · ${t('partner-portal.documents.versionCurrent')}`
                                : ''}
                            </span>{' '}
                            {/* A plain link: the API answers with the file as an attachment. */}
                            <a href={v.href} download>
                              {t('partner-portal.documents.download', { file: v.fileName })}
                            </a>{' '}
                            <span className="muted">
                              {v.size} · <time dateTime={v.uploadedAt}>{v.uploaded}</time>
                            </span>
                          </li>
                        ))}
                      </ol>
                    </details>
                  </>
                ) : null}

                {item.canUpload ? (
                  <DocumentUploadForm
                    requirementId={item.requirementId}
                    requirementName={item.name}
                    expires={item.expires}
                    validityMonths={item.validityMonths}
                    hasDocument={item.document !== null}
                    maxBytes={loaderData.maxBytes}
                    maxSize={loaderData.maxSize}
                    accept={loaderData.accept}
                    serverResult={
                      result
                        ? result.ok
                          ? { notice: result.notice }
                          : { errors: { fields: result.errors.fields ?? {}, form: result.errors.form } }
                        : undefined
                    }
                  />
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      <p>
        <AppLink to="/p/application">{t('partner-portal.nav.application')} →</AppLink>
      </p>
    </div>
  );
}
