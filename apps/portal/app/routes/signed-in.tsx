import { Outlet } from 'react-router';
import { requireMfaWhenRequired } from '../lib/mfa-guard.server';
import { requireViewer } from '../lib/viewer.server';
import type { Route } from './+types/signed-in';

/** Every page under this layout needs a session; others are sent to sign in and brought back. */
export const middleware: Route.MiddlewareFunction[] = [
  async ({ context, request }) => {
    const viewer = requireViewer(context, request);
    // Staff whose role requires two-step sign-in set it up before anything else (decision record 043).
    await requireMfaWhenRequired(context, request, viewer);
  },
];

// No loader of its own: every page below has one (which asks for its viewer), so client-side
// navigations ask the server and this middleware runs for them too.

export default function SignedIn() {
  return <Outlet />;
}
