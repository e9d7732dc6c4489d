import { redirect } from 'react-router';
import { viewerContext } from '../context';
import { homePath } from '../lib/viewer.server';
import type { Route } from './+types/home';

/** "/" has no page of its own: partners go to their portal, staff to the console, others to sign-in. */
export function loader({ context }: Route.LoaderArgs) {
  throw redirect(homePath(context.get(viewerContext)));
}
