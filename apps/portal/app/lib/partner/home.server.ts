import { can, listApplications } from '@outpost/core';
import { type Database, partnerMemberships, type serviceCategories } from '@outpost/db';
import { count, eq } from 'drizzle-orm';
import { documentCounts } from './documents.server';
import type { PartnerActor } from './partner-viewer.server';

/** The partner home's cards: document counts, the latest application, the size of the team. */
export async function loadHomeSummary(
  db: Database,
  actor: PartnerActor,
  categories: readonly (typeof serviceCategories)[number][],
) {
  const [documents, applications, [team]] = await Promise.all([
    documentCounts(db, actor, categories),
    listApplications(db, actor, { pageSize: 1 }),
    // Scoped by the actor's own partner id, like the team page.
    db
      .select({ n: count() })
      .from(partnerMemberships)
      .where(eq(partnerMemberships.partnerId, actor.partnerId)),
  ]);
  const latest = applications.items[0]?.application;
  return {
    documents,
    application: latest ? { status: latest.status, stage: latest.stage } : null,
    teamSize: team?.n ?? 0,
    canManageKeys: can(actor, 'manage:api-keys:own'),
  };
}
