import { Pagination } from '@outpost/ui';
import { useT } from '../lib/i18n';
import { withParam } from '../lib/search-params';
import { RouterLink } from './router-link';

/**
 * The portal's pagination for a list: Previous / "Page x of y" / Next as router links
 * that keep the current query string (filters, sort) and change only `page`.
 * `hash` keeps the reader at a section further down the page (e.g. `#events`).
 */
export function PageLinks({
  page,
  pages,
  params,
  hash = '',
}: {
  page: number;
  pages: number;
  params: URLSearchParams;
  hash?: string;
}) {
  const t = useT();
  return (
    <Pagination
      page={page}
      pages={pages}
      hrefFor={(n) => `${withParam(params, 'page', n)}${hash}`}
      LinkComponent={RouterLink}
      labels={{
        nav: t('common.pagination'),
        previous: t('common.previous'),
        next: t('common.next'),
        status: t('common.page', { page, pages }),
      }}
    />
  );
}
