import { Outlet } from 'react-router';
import { areaGuard } from '../../lib/area-guard.server';
import type { Route } from './+types/layout';

/** The partner portal is for partner users; staff get a 403 page. */
export const middleware: Route.MiddlewareFunction[] = [areaGuard('partner')];

export default function PartnerLayout() {
  return <Outlet />;
}
