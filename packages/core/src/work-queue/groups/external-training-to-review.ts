import { partners, trainingExternalCertificates } from '@outpost/db';
import { asc, eq } from 'drizzle-orm';
import { countAndItems, totalRows } from '../total.ts';
import type { WorkSource } from '../types.ts';

/** Staff who manage training: external training certificates partners uploaded, to accept or reject. */
export const externalTrainingToReview: WorkSource = {
  key: 'externalTrainingToReview',
  permission: 'manage:training',
  listHref: '/s/training/external',
  async load(db, { limit }) {
    const rows = await db
      .select({
        id: trainingExternalCertificates.id,
        partnerName: partners.legalName,
        title: trainingExternalCertificates.title,
        since: trainingExternalCertificates.createdAt,
        total: totalRows(),
      })
      .from(trainingExternalCertificates)
      .innerJoin(partners, eq(partners.id, trainingExternalCertificates.partnerId))
      .where(eq(trainingExternalCertificates.status, 'submitted'))
      .orderBy(asc(trainingExternalCertificates.createdAt), asc(trainingExternalCertificates.id))
      .limit(limit);
    return countAndItems(rows, (r) => ({
      id: r.id,
      href: `/s/training/external#certificate-${r.id}`,
      partnerName: r.partnerName,
      subject: r.title,
      stage: null,
      since: r.since,
      dueDate: null,
    }));
  },
};
