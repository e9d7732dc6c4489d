import { useT } from '../../lib/i18n';
import type { ReviewedDocument } from './document-review';

/**
 * The current version shown in the page, beside the decision: PDFs in the browser's own
 * viewer, images as images (both served inline by the API, framable by our pages only).
 * Loaded lazily, so a partner page with many documents fetches only what is looked at.
 */
export function DocumentPreview({
  name,
  current,
}: {
  name: string;
  current: NonNullable<ReviewedDocument['current']>;
}) {
  const t = useT();
  const { preview } = current;
  if (!preview) {
    return (
      <p className="doc-preview__none muted">
        {t('document-review.preview.none', { type: current.typeLabel })}
      </p>
    );
  }
  const labels = { name, version: current.version };
  return (
    <figure className="doc-preview">
      {preview.kind === 'pdf' ? (
        <iframe
          className="doc-preview__frame"
          src={preview.href}
          title={t('document-review.preview.title', labels)}
          loading="lazy"
        />
      ) : (
        <img
          className="doc-preview__image"
          src={preview.href}
          alt={t('document-review.preview.imageAlt', labels)}
          loading="lazy"
        />
      )}
      <figcaption>
        <a href={preview.href} target="_blank" rel="noopener">
          {t('document-review.preview.open')}
        </a>
      </figcaption>
    </figure>
  );
}
