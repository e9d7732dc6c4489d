import { type Actor, can } from '@outpost/core';
import type { RouterContextProvider } from 'react-router';
import { depsContext, localeContext } from '../../context';
import { routeError } from '../route-error';
import { requireKind } from '../viewer.server';

/** Staff who manage training; anyone else gets the 403 page (core refuses too). */
export function requireTrainingStaff(context: Pick<RouterContextProvider, 'get'>, request: Request) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  if (!can(person.actor, 'manage:training')) throw routeError(locale, 403, 'errors.forbidden');
  return { actor: person.actor as Actor, locale, deps: context.get(depsContext) };
}
