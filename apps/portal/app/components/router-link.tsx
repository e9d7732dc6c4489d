import { Link } from 'react-router';

/** Lets @outpost/ui components (which know no router) render client-side links. */
export function RouterLink({ to, rel, children }: { to: string; rel?: string; children: string }) {
  return (
    <Link to={to} rel={rel}>
      {children}
    </Link>
  );
}
