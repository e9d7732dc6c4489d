import { localeContext } from '../../context';
import { allocationFile } from '../../lib/incentives/allocation-export.server';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/incentives-allocation-export';

/** /s/incentives/allocation/export?category=&quarter=&format=csv|xlsx — the table for routing systems (audited in core). */
export async function loader({ context, request }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  return allocationFile(context, request, person.actor, context.get(localeContext));
}
