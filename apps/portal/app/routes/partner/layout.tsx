import { Outlet } from 'react-router';
import { areaGuard } from '../../lib/area-guard.server';
import type { Route } from './+types/layout';

/** The partner portal is for partner users; staff get a 403 page. */
const guard = areaGuard('partner');

export const middleware: Route.MiddlewareFunction[] = [guard.middleware];

export function loader(args: Route.LoaderArgs) {
  return guard.loader(args);
}

export default function PartnerLayout() {
  return <Outlet />;
}
