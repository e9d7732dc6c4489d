import { Outlet } from 'react-router';
import { requireViewer } from '../lib/viewer.server';
import type { Route } from './+types/signed-in';

/** Every page under this layout needs a session; others are sent to sign in and brought back. */
export const middleware: Route.MiddlewareFunction[] = [
  ({ context, request }) => {
    requireViewer(context, request);
  },
];

// A loader makes client-side navigations ask the server, so the middleware runs for them too.
export function loader() {
  return null;
}

export default function SignedIn() {
  return <Outlet />;
}
