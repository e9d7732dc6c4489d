import type { ReactNode } from 'react';

/**
 * A group of the main navigation (Partners ▾, Performance ▾…): on a wide screen a
 * <details> dropdown, so it opens with a click, Enter or Space before any JavaScript; inside
 * the phone menu the same links are listed under the group's name (styles.css, work-queue).
 * `active` marks the group that holds the current page.
 */
export function NavGroup({
  label,
  active,
  children,
}: {
  label: string;
  active: boolean;
  children: ReactNode;
}) {
  return (
    <li className={`nav-group${active ? ' nav-group--active' : ''}`}>
      <details className="nav-group__details">
        <summary className="nav-group__summary">{label}</summary>
        {/* Shown (and read) only in the phone menu, where the summary is hidden. Plain text, not a
            label of the list: a form field elsewhere on the page may have the same name. */}
        <span className="nav-group__label">{label}</span>
        <ul className="nav-group__list">{children}</ul>
      </details>
    </li>
  );
}

/** Whether the current path is one of these sections or below them. */
export function withinAny(pathname: string, prefixes: readonly string[]): boolean {
  return prefixes.some((p) => pathname === p || pathname.startsWith(`${p}/`));
}
