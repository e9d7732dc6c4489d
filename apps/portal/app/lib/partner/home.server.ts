import { can, listApplications } from '@outpost/core';
import { type Database, partnerMemberships } from '@outpost/db';
import type { Locale } from '@outpost/i18n';
import { count, eq } from 'drizzle-orm';
import { loadNextSteps } from '../work-queue/next-steps.server';
import type { PartnerActor } from './partner-viewer.server';

/** The partner home: the next steps, and the cards (document counts, the latest application, the team). */
export async function loadHomeSummary(db: Database, actor: PartnerActor, locale: Locale) {
  const [next, applications, [team]] = await Promise.all([
    loadNextSteps(db, actor, locale),
    listApplications(db, actor, { pageSize: 1 }),
    // Scoped by the actor's own partner id, like the team page.
    db
      .select({ n: count() })
      .from(partnerMemberships)
      .where(eq(partnerMemberships.partnerId, actor.partnerId)),
  ]);
  const latest = applications.items[0]?.application;
  return {
    steps: next.steps,
    documents: next.documents,
    application: latest ? { status: latest.status, stage: latest.stage } : null,
    teamSize: team?.n ?? 0,
    canManageKeys: can(actor, 'manage:api-keys:own'),
  };
}
