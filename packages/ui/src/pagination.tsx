import type { ReactNode } from 'react';

export interface PaginationProps {
  page: number;
  pages: number;
  /** Builds the link for a page number (keeping the current filters). */
  hrefFor: (page: number) => string;
  labels: { nav: string; previous: string; next: string; status: string };
  /** Link component of the router (a plain <a> works without client routing). */
  LinkComponent?: (props: { to: string; rel?: string; children: string }) => ReactNode;
}

/** Previous / "Page x of y" / Next. Hidden when everything fits on one page. */
export function Pagination({ page, pages, hrefFor, labels, LinkComponent }: PaginationProps) {
  if (pages <= 1 && page <= 1) return null;
  const Link =
    LinkComponent ??
    (({ to, rel, children }) => (
      <a href={to} rel={rel}>
        {children}
      </a>
    ));
  return (
    <nav className="ui-pagination" aria-label={labels.nav}>
      {page > 1 ? (
        <Link to={hrefFor(Math.min(page - 1, Math.max(pages, 1)))} rel="prev">
          {labels.previous}
        </Link>
      ) : (
        <span aria-hidden="true" />
      )}
      <span className="ui-pagination__status">{labels.status}</span>
      {page < pages ? (
        <Link to={hrefFor(page + 1)} rel="next">
          {labels.next}
        </Link>
      ) : (
        <span aria-hidden="true" />
      )}
    </nav>
  );
}
