import { Badge } from '@outpost/ui';
import { useT } from '../../lib/i18n';

export interface ThreadComment {
  id: string;
  visibility: 'internal' | 'partner';
  from: 'staff' | 'partner';
  authorName: string;
  body: string;
  when: string;
}
export interface ThreadFile {
  id: string;
  fileName: string;
  uploadedByName: string;
  when: string;
  href: string;
}

/**
 * The conversation on an alert. Staff see every comment with a mark saying whether it is an
 * internal note, to the partner or from the partner; the partner's page only ever receives the
 * partner-visible ones (core filters them), so `audience` only changes the labels.
 */
export function AlertThread({
  comments,
  files,
  audience,
}: {
  comments: ThreadComment[];
  files: ThreadFile[];
  audience: 'staff' | 'partner';
}) {
  const t = useT();
  return (
    <div className="stack">
      {comments.length === 0 ? (
        <p className="muted">{t('risk-partner.thread.empty')}</p>
      ) : (
        <ol className="risk-timeline" aria-label={t('risk-partner.thread.title')}>
          {comments.map((c) => (
            <li
              key={c.id}
              className={`risk-timeline__item${c.visibility === 'internal' ? ' risk-thread__internal' : ''}`}
              data-visibility={c.visibility}
            >
              <strong>
                {audience === 'partner' && c.from === 'staff'
                  ? t('risk-partner.thread.fromInsurer', { name: c.authorName })
                  : t('risk-partner.thread.fromPartner', { name: c.authorName })}
              </strong>
              {' · '}
              {c.when}{' '}
              {audience === 'staff' ? (
                c.visibility === 'internal' ? (
                  <Badge tone="caution">{t('risk-partner.staff.internalMark')}</Badge>
                ) : c.from === 'partner' ? (
                  <Badge tone="info">{t('risk-partner.staff.partnerMark')}</Badge>
                ) : (
                  <Badge tone="neutral">{t('risk-partner.staff.toPartnerMark')}</Badge>
                )
              ) : null}
              <p className="risk-thread__body">{c.body}</p>
            </li>
          ))}
        </ol>
      )}
      <h3>{t('risk-partner.thread.files')}</h3>
      {files.length === 0 ? (
        <p className="muted">{t('risk-partner.thread.noFiles')}</p>
      ) : (
        <ul className="stack">
          {files.map((f) => (
            <li key={f.id}>
              <a href={f.href} download>
                {f.fileName}
              </a>{' '}
              <span className="muted">
                {t('risk-partner.thread.uploadedBy', { name: f.uploadedByName, when: f.when })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
