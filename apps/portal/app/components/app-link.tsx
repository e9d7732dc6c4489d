import { type AnchorHTMLAttributes, createContext, type MouseEvent, type ReactNode, useContext } from 'react';
import { useLocation, useNavigate } from 'react-router';

/**
 * Links to the portal's own pages by absolute path: the header's navigation, the period
 * switcher, a link per row in the staff lists. Why not React Router's <Link>: while rendering,
 * each <Link> resolves its path against the route matches three times (with a JSON round trip
 * of the matches each time), and a <NavLink> once more — about as much server CPU per link
 * as a table row, and a signed-in page's chrome alone has a dozen. An <AppLink> renders a plain
 * <a>; everything else happens in the browser, on click (decision record 011).
 *
 * Use <Link> for relative paths, navigation state or prefetching; <AppLink> only for absolute
 * paths of routes the portal itself serves (not /api downloads: those need a real page load).
 */

type Navigate = (to: string, options: { replace: boolean }) => void;

const NavigateContext = createContext<Navigate | null>(null);

/** Makes <AppLink>s navigate client-side; rendered once, around the page. Without it they load pages. */
export function ClientNavigation({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  return <NavigateContext value={navigate as Navigate}>{children}</NavigateContext>;
}

type AppLinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string };

export function AppLink({ to, onClick, target, ...rest }: AppLinkProps) {
  const navigate = useContext(NavigateContext);
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (!navigate || !isPlainClick(event, target)) return;
    event.preventDefault();
    // As <Link> does: following a link to the page already shown does not add a history entry.
    const here = window.location.pathname + window.location.search + window.location.hash;
    navigate(to, { replace: here === to });
  };
  return <a {...rest} href={to} target={target} onClick={handleClick} />;
}

/** A main-navigation item: marked as the current page (aria-current) on its path and, unless `end`, below it. */
export function NavItemLink({
  to,
  end = false,
  except = [],
  ...rest
}: AppLinkProps & { end?: boolean; except?: string[] }) {
  const { pathname } = useLocation();
  const under = (prefix: string) =>
    pathname === prefix || pathname.startsWith(`${prefix.replace(/\/$/, '')}/`);
  // `except`: sections below this one that have their own entry in the same menu.
  const current = pathname === to || (!end && under(to) && !except.some(under));
  return <AppLink {...rest} to={to} aria-current={current ? 'page' : undefined} />;
}

/** A click the browser would turn into a same-tab navigation (not a new tab, a download, a middle click…). */
function isPlainClick(event: MouseEvent<HTMLAnchorElement>, target: string | undefined): boolean {
  return (
    !event.defaultPrevented &&
    event.button === 0 &&
    (!target || target === '_self') &&
    !event.currentTarget.hasAttribute('download') &&
    !(event.metaKey || event.altKey || event.ctrlKey || event.shiftKey)
  );
}
