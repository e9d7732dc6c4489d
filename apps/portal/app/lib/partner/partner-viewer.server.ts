import type { Actor } from '@outpost/core';
import type { Locale } from '@outpost/i18n';
import type { RouterContextProvider } from 'react-router';
import { depsContext, localeContext, type PortalDeps } from '../../context';
import { requireKind, type Viewer } from '../viewer.server';

export type PartnerActor = Extract<Actor, { type: 'partner' }>;

export interface PartnerRequest {
  viewer: Viewer;
  actor: PartnerActor;
  deps: PortalDeps;
  locale: Locale;
}

/**
 * Everything a partner page's loader or action needs: the signed-in partner user
 * (others get the sign-in redirect or a 403 page), their actor — whose partner id
 * scopes every core call — the server's dependencies and the reader's language.
 */
export function requirePartner(
  context: Pick<RouterContextProvider, 'get'>,
  request: Request,
): PartnerRequest {
  const viewer = requireKind(context, request, 'partner');
  const { actor } = viewer.person;
  if (actor.type !== 'partner') throw new Error('partner user without a partner actor');
  return { viewer, actor, deps: context.get(depsContext), locale: context.get(localeContext) };
}
