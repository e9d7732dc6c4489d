import { Outlet } from 'react-router';
import { areaGuard } from '../../lib/area-guard.server';
import type { Route } from './+types/layout';

/** The staff console is for the insurer's staff; partner users get a 403 page and see nothing of it. */
export const middleware: Route.MiddlewareFunction[] = [areaGuard('staff')];

export default function StaffLayout() {
  return <Outlet />;
}
