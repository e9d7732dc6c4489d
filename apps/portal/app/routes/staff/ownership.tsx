import { redirect } from 'react-router';
import { ownershipAction } from '../../lib/ownership/ownership.server';
import { runStaffAction } from '../../lib/staff/run-action.server';
import type { Route } from './+types/ownership';

/**
 * Where every page's "department and responsible person" form posts (decision record 050): the
 * partner, contract, alert and rectification pages share one handler; core checks the role and
 * audits the change. Nothing to show on its own.
 */
export function action({ context, request }: Route.ActionArgs) {
  return runStaffAction(context, request, { ownership: ownershipAction });
}

export function loader() {
  throw redirect('/s');
}
