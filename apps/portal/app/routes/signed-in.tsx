import { Outlet } from 'react-router';
import { requireViewer } from '../lib/viewer.server';
import type { Route } from './+types/signed-in';

/** Every page under this layout needs a session; others are sent to sign in and brought back. */
export const middleware: Route.MiddlewareFunction[] = [
  ({ context, request }) => {
    requireViewer(context, request);
  },
];

// No loader of its own: every page below has one (which asks for its viewer), so client-side
// navigations ask the server and this middleware runs for them too.

export default function SignedIn() {
  return <Outlet />;
}
