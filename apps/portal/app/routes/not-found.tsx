import { localeContext } from '../context';
import { routeError } from '../lib/route-error';
import type { Route } from './+types/not-found';

/** Any path no route claims: a translated 404 page (through the root error boundary). */
export function loader({ context }: Route.LoaderArgs) {
  throw routeError(context.get(localeContext), 404, 'errors.not_found');
}

export default function NotFound() {
  return null;
}
