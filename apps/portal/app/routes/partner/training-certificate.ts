import { certificatePdf, myCertificate } from '@outpost/core';
import { orRouteError } from '../../lib/app-error.server';
import { requirePartner } from '../../lib/partner/partner-viewer.server';
import type { Route } from './+types/training-certificate';

/** The learner's certificate for a course they passed, as a PDF in their language. */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { actor, deps, locale } = requirePartner(context, request);
  const facts = await orRouteError(locale, () => myCertificate(deps.db, actor, params.courseId));
  const verifyUrl = new URL(`/verify/${facts.code}`, request.url).toString();
  const pdf = await certificatePdf(facts, locale, verifyUrl);
  return new Response(Buffer.from(pdf), {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="certificate-${facts.code}.pdf"`,
      'cache-control': 'private, no-store',
    },
  });
}
